-- The dashboard reads per-day rows only: each member's posts per day (top contributors, without the facts) and
-- the members active each day as the daily metric 'active'. Roll-ups kept before lack both, so they are marked
-- stale and the plugin's time-zone task rebuilds them within a minute (a rebuild clears the mark).
ALTER TABLE analytics_active ADD COLUMN posts BIGINT NOT NULL DEFAULT 0;
ALTER TABLE analytics_state ADD COLUMN stale BOOLEAN NOT NULL DEFAULT TRUE;
