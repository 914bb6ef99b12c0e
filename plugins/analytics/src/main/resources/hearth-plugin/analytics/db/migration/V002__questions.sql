-- Question topics and their accepted answer (the solved rate). Facts: a topic's ref_id is 1 when it was started as a
-- question; kinds accept / unaccept carry the answer's post id in ref_id. Topics journalled before API 1.3.0 told no
-- kind, so they count as discussions.
ALTER TABLE analytics_topics ADD COLUMN question BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE analytics_topics ADD COLUMN accepted_post_id BIGINT NULL;
