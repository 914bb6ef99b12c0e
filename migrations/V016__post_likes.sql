-- One like per member per post.
CREATE TABLE post_likes (
  post_id     BIGINT       NOT NULL,
  member_id   BIGINT       NOT NULL,
  created_at  DATETIME(6)  NOT NULL,
  PRIMARY KEY (post_id, member_id),
  CONSTRAINT post_likes_post FOREIGN KEY (post_id) REFERENCES posts (id),
  CONSTRAINT post_likes_member FOREIGN KEY (member_id) REFERENCES members (id)
);
CREATE INDEX post_likes_by_member ON post_likes (member_id);
