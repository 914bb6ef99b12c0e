-- Posts can be edited (the versions they replaced are kept in post_revisions) and deleted by their author: a
-- deleted post keeps its place and its text (moderators may still read it, the author may restore it).
ALTER TABLE posts ADD COLUMN revision_count INT NOT NULL DEFAULT 0;
ALTER TABLE posts ADD COLUMN deleted_at DATETIME(6) NULL;
ALTER TABLE posts ADD COLUMN deleted_by BIGINT NULL;
-- A locked topic is archived: only moderators may still write in it.
ALTER TABLE topics ADD COLUMN locked_at DATETIME(6) NULL;
-- Deleting the opening post of a topic nobody else answered hides the topic with it.
ALTER TABLE topics ADD COLUMN deleted_at DATETIME(6) NULL;

-- Revision n holds the version an edit replaced, with who made that edit, why and when.
CREATE TABLE post_revisions (
  id                 BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  post_id            BIGINT        NOT NULL,
  revision           INT           NOT NULL,
  previous_markdown  TEXT          NOT NULL,
  previous_title     VARCHAR(200)  NULL,
  editor_id          BIGINT        NOT NULL,
  reason             VARCHAR(200)  NOT NULL DEFAULT '',
  created_at         DATETIME(6)   NOT NULL,
  CONSTRAINT post_revisions_number UNIQUE (post_id, revision),
  CONSTRAINT post_revisions_post FOREIGN KEY (post_id) REFERENCES posts (id),
  CONSTRAINT post_revisions_editor FOREIGN KEY (editor_id) REFERENCES members (id)
);
CREATE INDEX post_revisions_by_editor ON post_revisions (editor_id);
