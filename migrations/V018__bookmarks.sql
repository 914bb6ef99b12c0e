-- Members' bookmarks of posts, with an optional reminder (sent once, as a notification).
CREATE TABLE bookmarks (
  id           BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  member_id    BIGINT        NOT NULL,
  post_id      BIGINT        NOT NULL,
  note         VARCHAR(200)  NOT NULL DEFAULT '',
  remind_at    DATETIME(6)   NULL,
  reminded_at  DATETIME(6)   NULL,
  created_at   DATETIME(6)   NOT NULL,
  CONSTRAINT bookmarks_once UNIQUE (member_id, post_id),
  CONSTRAINT bookmarks_member FOREIGN KEY (member_id) REFERENCES members (id),
  CONSTRAINT bookmarks_post FOREIGN KEY (post_id) REFERENCES posts (id)
);
CREATE INDEX bookmarks_due ON bookmarks (reminded_at, remind_at);
