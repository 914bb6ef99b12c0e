-- Images uploaded for posts. Files are content-addressed (uploads/<sha256>.<ext> in the data directory), so the same
-- picture uploaded twice is one file and one row; uploader_id is whoever uploaded it first, NULL once their account is
-- deleted (the image stays while posts show it).
CREATE TABLE uploads (
  id          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  sha256      CHAR(64)      NOT NULL,
  extension   VARCHAR(8)    NOT NULL,
  uploader_id BIGINT        NULL,
  width       INT           NOT NULL,
  height      INT           NOT NULL,
  bytes       BIGINT        NOT NULL,
  created_at  DATETIME(6)   NOT NULL,
  CONSTRAINT uploads_sha256 UNIQUE (sha256),
  CONSTRAINT uploads_uploader FOREIGN KEY (uploader_id) REFERENCES members (id)
);
CREATE INDEX uploads_by_uploader ON uploads (uploader_id, created_at);
