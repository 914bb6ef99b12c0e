-- Private messages, scheduled topics, the announcement banner and the welcome message.
--
-- A topic without a category is in no list: every list, feed, count and search reaches topics through the categories
-- the viewer may see, so private conversations (never a category) and scheduled topics (a category only once they
-- are published; until then it waits in scheduled_category_id) are left out by construction.
ALTER TABLE topics MODIFY COLUMN category_id BIGINT NULL;
ALTER TABLE topics ADD COLUMN is_private BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE topics ADD COLUMN publish_at DATETIME(6) NULL;
ALTER TABLE topics ADD COLUMN scheduled_category_id BIGINT NULL;
CREATE INDEX topics_scheduled ON topics (publish_at);

-- Who takes part in a private conversation (what they have read is kept in topic_reads, as for any topic).
CREATE TABLE topic_participants (
  topic_id          BIGINT       NOT NULL,
  member_id         BIGINT       NOT NULL,
  added_at          DATETIME(6)  NOT NULL,
  CONSTRAINT topic_participants_pk PRIMARY KEY (topic_id, member_id),
  CONSTRAINT topic_participants_topic FOREIGN KEY (topic_id) REFERENCES topics (id),
  CONSTRAINT topic_participants_member FOREIGN KEY (member_id) REFERENCES members (id)
);
CREATE INDEX topic_participants_by_member ON topic_participants (member_id, topic_id);

-- The one announcement banner (row id 1). version grows on every save, so a dismissal hides only what was read.
CREATE TABLE announcements (
  id             INT          NOT NULL PRIMARY KEY,
  body_markdown  TEXT         NOT NULL,
  body_html      TEXT         NOT NULL,
  audience       VARCHAR(16)  NOT NULL DEFAULT 'everyone',
  ends_at        DATETIME(6)  NULL,
  enabled        BOOLEAN      NOT NULL DEFAULT FALSE,
  version        INT          NOT NULL DEFAULT 0,
  updated_at     DATETIME(6)  NOT NULL
);

CREATE TABLE announcement_dismissals (
  member_id      BIGINT       NOT NULL PRIMARY KEY,
  version        INT          NOT NULL,
  CONSTRAINT announcement_dismissals_member FOREIGN KEY (member_id) REFERENCES members (id)
);

-- The welcome message's text (row id 1, absent until an admin edits it: the default text applies) and, per member,
-- the proof that it was sent: the primary key makes "exactly once" hold even if the journal replays MemberJoined.
CREATE TABLE welcome_message (
  id             INT          NOT NULL PRIMARY KEY,
  enabled        BOOLEAN      NOT NULL DEFAULT TRUE,
  title          VARCHAR(200) NOT NULL,
  body_markdown  TEXT         NOT NULL,
  sender         VARCHAR(20)  NOT NULL DEFAULT '',
  updated_at     DATETIME(6)  NOT NULL
);

CREATE TABLE welcomes_sent (
  member_id      BIGINT       NOT NULL PRIMARY KEY,
  topic_id       BIGINT       NULL,
  sent_at        DATETIME(6)  NOT NULL
);
