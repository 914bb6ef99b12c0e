-- Moderation (the core stores and enforces; the moderation plugin decides).
-- A hidden post keeps its place, but readers see only a notice: its author and moderators still read it. held: it
-- was hidden as it was written (a content guard, first posts of new members), so it has never been public.
ALTER TABLE posts ADD COLUMN hidden_at DATETIME(6) NULL;
ALTER TABLE posts ADD COLUMN hidden_reason VARCHAR(500) NULL;
ALTER TABLE posts ADD COLUMN held BOOLEAN NOT NULL DEFAULT FALSE;
-- A topic whose opening post is hidden is hidden with it: out of every list, reachable only by its author and staff.
ALTER TABLE topics ADD COLUMN hidden_at DATETIME(6) NULL;
-- An unlisted topic is out of topic lists but reachable by its link.
ALTER TABLE topics ADD COLUMN unlisted BOOLEAN NOT NULL DEFAULT FALSE;
-- A topic merged into another: its link leads there.
ALTER TABLE topics ADD COLUMN merged_into BIGINT NULL;
-- members.status gains 'pending': signed up, waiting for a moderator's approval before the first login.
