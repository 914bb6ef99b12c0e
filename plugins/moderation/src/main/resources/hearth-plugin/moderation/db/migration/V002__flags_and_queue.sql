-- Flags: a member's report of a post or of a member. open_marker is 1 while the flag is open and NULL once settled,
-- so the unique key allows one open flag per flagger and item (NULLs never clash) but any number of settled ones.
-- trust, accuracy and weight are the flagger's standing when they flagged: the review page explains a hidden post
-- with the numbers that hid it, not with numbers that changed since.
CREATE TABLE moderation_flags (
  id             BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  item_kind      VARCHAR(10)   NOT NULL,
  item_id        BIGINT        NOT NULL,
  member_id      BIGINT        NOT NULL,
  category_id    BIGINT        NULL,
  flagger_id     BIGINT        NOT NULL,
  reason         VARCHAR(20)   NOT NULL,
  details        VARCHAR(500)  NOT NULL,
  trust          DOUBLE        NOT NULL,
  accuracy       DOUBLE        NOT NULL,
  weight         DOUBLE        NOT NULL,
  state          VARCHAR(10)   NOT NULL,
  open_marker    INT           NULL,
  created_at     DATETIME(6)   NOT NULL,
  resolved_at    DATETIME(6)   NULL,
  resolved_by    BIGINT        NULL,
  CONSTRAINT moderation_flags_one_open UNIQUE (flagger_id, item_kind, item_id, open_marker)
);
CREATE INDEX moderation_flags_item ON moderation_flags (item_kind, item_id, state);
CREATE INDEX moderation_flags_flagger ON moderation_flags (flagger_id, created_at);
CREATE INDEX moderation_flags_member ON moderation_flags (member_id, created_at);

-- The review queue: one row per thing waiting for a moderator (a flagged post, a flagged member, a held post, a
-- sign-up). open_marker works as for flags: at most one unsettled row per kind and subject, which makes the
-- listeners' at-least-once inserts idempotent. category_id is NULL for members and sign-ups (site staff only).
CREATE TABLE moderation_queue (
  id             BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind           VARCHAR(16)   NOT NULL,
  subject_id     BIGINT        NOT NULL,
  member_id      BIGINT        NOT NULL,
  category_id    BIGINT        NULL,
  state          VARCHAR(12)   NOT NULL,
  assignee_id    BIGINT        NULL,
  reason         VARCHAR(1000) NOT NULL,
  explanation    TEXT          NULL,
  open_marker    INT           NULL,
  created_at     DATETIME(6)   NOT NULL,
  updated_at     DATETIME(6)   NOT NULL,
  resolved_by    BIGINT        NULL,
  CONSTRAINT moderation_queue_one_open UNIQUE (kind, subject_id, open_marker)
);
CREATE INDEX moderation_queue_state ON moderation_queue (state, created_at);

-- Moderators' notes on a queue item: only ever appended.
CREATE TABLE moderation_queue_notes (
  id             BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  item_id        BIGINT        NOT NULL,
  author_id      BIGINT        NOT NULL,
  at             DATETIME(6)   NOT NULL,
  text           VARCHAR(2000) NOT NULL
);
CREATE INDEX moderation_queue_notes_item ON moderation_queue_notes (item_id, id);
