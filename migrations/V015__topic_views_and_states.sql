-- Views are counted once per member (or per address, hashed) per topic per day; rows older than yesterday go.
CREATE TABLE topic_views (
  topic_id    BIGINT    NOT NULL,
  viewer_key  CHAR(64)  NOT NULL,
  view_day    INT       NOT NULL,
  PRIMARY KEY (topic_id, viewer_key, view_day)
);
-- A closed topic takes no new replies.
ALTER TABLE topics ADD COLUMN closed_at DATETIME(6) NULL;
