-- Reply-to: the post a reply answers, in the same topic. No foreign key: a removed post (a deleted account's) leaves
-- the reply standing, and the reply then simply shows no "in reply to".
ALTER TABLE posts ADD COLUMN reply_to_post_id BIGINT NULL;
CREATE INDEX posts_reply_to ON posts (reply_to_post_id);

-- No foreign keys to topics or categories: removing either (a deleted account's topics, a deleted category) must not
-- wait on members' choices, and a row left behind matches nothing.
-- How much a member hears about a topic: watching | tracking | normal | muted. No row is "normal", or what the
-- topic's category says; a "normal" row is a member's explicit choice (automatic tracking then leaves it alone).
CREATE TABLE topic_notification_levels (
  member_id   BIGINT       NOT NULL,
  topic_id    BIGINT       NOT NULL,
  notification_level VARCHAR(10)  NOT NULL,
  updated_at  DATETIME(6)  NOT NULL,
  PRIMARY KEY (member_id, topic_id),
  CONSTRAINT topic_levels_member FOREIGN KEY (member_id) REFERENCES members (id)
);
CREATE INDEX topic_levels_by_topic ON topic_notification_levels (topic_id, notification_level);

-- The same for a whole category: its topics take this level unless the member chose one for the topic.
CREATE TABLE category_notification_levels (
  member_id    BIGINT       NOT NULL,
  category_id  BIGINT       NOT NULL,
  notification_level VARCHAR(10)  NOT NULL,
  updated_at   DATETIME(6)  NOT NULL,
  PRIMARY KEY (member_id, category_id),
  CONSTRAINT category_levels_member FOREIGN KEY (member_id) REFERENCES members (id)
);
CREATE INDEX category_levels_by_category ON category_notification_levels (category_id, notification_level);
