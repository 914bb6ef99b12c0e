-- Tags: site-wide labels on topics (at most five a topic), created by admins or, when the site allows it, by
-- members while posting.
CREATE TABLE tags (
  id           BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name         VARCHAR(30)   NOT NULL,
  description  VARCHAR(300)  NOT NULL DEFAULT '',
  created_at   DATETIME(6)   NOT NULL,
  CONSTRAINT tags_name UNIQUE (name)
);
CREATE TABLE topic_tags (
  topic_id  BIGINT  NOT NULL,
  tag_id    BIGINT  NOT NULL,
  PRIMARY KEY (topic_id, tag_id),
  CONSTRAINT topic_tags_topic FOREIGN KEY (topic_id) REFERENCES topics (id),
  CONSTRAINT topic_tags_tag FOREIGN KEY (tag_id) REFERENCES tags (id)
);
CREATE INDEX topic_tags_by_tag ON topic_tags (tag_id, topic_id);
-- Question topics: 'discussion' or 'question'; a question's accepted answer is one of its replies (no foreign key:
-- topics and posts would then reference each other, and whoever deletes posts clears it first).
ALTER TABLE topics ADD COLUMN kind VARCHAR(16) NOT NULL DEFAULT 'discussion';
ALTER TABLE topics ADD COLUMN accepted_post_id BIGINT NULL;
