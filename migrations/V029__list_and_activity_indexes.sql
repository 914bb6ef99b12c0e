-- Indexes found missing by the benchmarks on a million-post community (bench/run.sh --size large).
-- A member's reply count is read from this index alone (author, then post number), however many posts the site has.
CREATE INDEX posts_by_author_number ON posts (author_id, post_number);
-- The pinned topics on top of a list: without it, every list page walked all topics to find the few pinned ones.
CREATE INDEX topics_pinned ON topics (pinned, last_posted_at);
