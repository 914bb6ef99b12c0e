-- Each day that is over, summarised (DaySummary): its active members and their posts, and the visible topics started
-- that day with their first responses (the minutes waited, as a tally). A period then reads one row a day, not every
-- member-day and topic. A fact that changes a kept day removes its row; a task keeps the days that lack one.
CREATE TABLE analytics_days (
  on_day          DATE        NOT NULL PRIMARY KEY,
  active_members  MEDIUMBLOB  NOT NULL,
  started         BIGINT      NOT NULL,
  answered        BIGINT      NOT NULL,
  in_time         BIGINT      NOT NULL,
  questions       BIGINT      NOT NULL,
  solved          BIGINT      NOT NULL,
  responses       MEDIUMBLOB  NOT NULL
);

-- The oldest topics still waiting for a reply, in order, without reading the answered ones.
CREATE INDEX analytics_topics_waiting ON analytics_topics (first_reply_at, created_at);

-- Each member's first day active (new and active members).
ALTER TABLE analytics_members ADD COLUMN first_active_on DATE NULL;
CREATE INDEX analytics_members_first_active ON analytics_members (first_active_on);

-- Visitors per day, counted as each is first seen that day.
ALTER TABLE analytics_traffic ADD COLUMN visitors BIGINT NOT NULL DEFAULT 0;
UPDATE analytics_traffic SET visitors = (SELECT COUNT(*) FROM analytics_visitors v
  WHERE v.on_day = analytics_traffic.on_day);

-- New daily metrics, counted as they happen: activated (on the day the member joined) and contributors (on the day of
-- their first post). Roll-ups kept before lack them and the first days active, so they are marked stale and rebuilt.
UPDATE analytics_state SET stale = TRUE;
