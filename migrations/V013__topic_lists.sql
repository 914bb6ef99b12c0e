-- Pinned topics come first: in their category ('category') or everywhere ('site'). Views are counted per topic.
ALTER TABLE topics ADD COLUMN pinned VARCHAR(16) NOT NULL DEFAULT 'none';
ALTER TABLE topics ADD COLUMN view_count INT NOT NULL DEFAULT 0;
-- The top list pages by replies.
CREATE INDEX topics_top ON topics (reply_count, id);
