-- The plugin's copy of the journal entries it counts, one row per entry (so replays change nothing). Every other
-- table below is a roll-up derived from these rows and the site's time zone, and is rebuilt from them when the zone
-- changes or an admin asks. kind: join, topic, post, like, unlike, flag, resolve, hide, volunteer, event, rsvp, checkin,
-- cancel. ref_id: post number (post), liked post's author (like, unlike), flag id (flag, resolve), event id (event,
-- rsvp, checkin, cancel). For an event, at is when it starts; for an rsvp, answer is the answer (going, ...).
-- No titles or texts are copied: a member's removal must leave no trace of their words here.
CREATE TABLE analytics_facts (
  position     BIGINT        NOT NULL PRIMARY KEY,
  kind         VARCHAR(10)   NOT NULL,
  at           DATETIME(6)   NOT NULL,
  member_id    BIGINT        NOT NULL,
  topic_id     BIGINT        NOT NULL,
  category_id  BIGINT        NOT NULL,
  ref_id       BIGINT        NOT NULL,
  answer       VARCHAR(40)   NULL
);
-- Covers "posts per member in a period" (top contributors, segments) without reading the rows.
CREATE INDEX analytics_facts_kind_at ON analytics_facts (kind, at, member_id);

-- Counts per day of the site's time zone; category_id 0 is the whole site.
-- metric: members, topics, posts, replies, likes, flags, resolved.
CREATE TABLE analytics_daily (
  on_day       DATE          NOT NULL,
  category_id  BIGINT        NOT NULL,
  metric       VARCHAR(12)   NOT NULL,
  amount       BIGINT        NOT NULL,
  PRIMARY KEY (on_day, category_id, metric)
);

-- The days each member did something (posted, liked, flagged), in the site's time zone.
CREATE TABLE analytics_active (
  on_day       DATE          NOT NULL,
  member_id    BIGINT        NOT NULL,
  PRIMARY KEY (on_day, member_id)
);
CREATE INDEX analytics_active_member ON analytics_active (member_id, on_day);

-- Each member's joining, first post and first volunteer role (activation, new contributors, the funnel).
CREATE TABLE analytics_members (
  member_id      BIGINT       NOT NULL PRIMARY KEY,
  joined_at      DATETIME(6)  NULL,
  first_post_at  DATETIME(6)  NULL,
  volunteer_at   DATETIME(6)  NULL
);
CREATE INDEX analytics_members_joined ON analytics_members (joined_at);
CREATE INDEX analytics_members_first_post ON analytics_members (first_post_at);

-- Each topic and its first reply by someone other than its author (response times, unanswered topics).
CREATE TABLE analytics_topics (
  topic_id        BIGINT        NOT NULL PRIMARY KEY,
  category_id     BIGINT        NOT NULL,
  author_id       BIGINT        NOT NULL,
  created_at      DATETIME(6)   NOT NULL,
  first_reply_at  DATETIME(6)   NULL,
  hidden          BOOLEAN       NOT NULL
);
CREATE INDEX analytics_topics_created ON analytics_topics (created_at);

-- Each flag and when it was settled (moderation load).
CREATE TABLE analytics_flags (
  flag_id      BIGINT       NOT NULL PRIMARY KEY,
  raised_at    DATETIME(6)  NOT NULL,
  resolved_at  DATETIME(6)  NULL
);
CREATE INDEX analytics_flags_raised ON analytics_flags (raised_at);

-- The time zone the roll-ups were computed in.
CREATE TABLE analytics_state (
  id    INT          NOT NULL PRIMARY KEY,
  zone  VARCHAR(60)  NOT NULL
);
INSERT INTO analytics_state (id, zone) VALUES (1, 'UTC');

-- Community managers who asked for alerts (rising flags, falling response rate, SLA breaches, old unanswered topics).
CREATE TABLE analytics_subscribers (
  member_id  BIGINT  NOT NULL PRIMARY KEY
);

-- First-party traffic from the server's own request data (no tracker): page views per day, and each day's visitors
-- as the server's opaque daily ids (a hash under a salt drawn each day and never stored; never an address). Not
-- derived from the journal, so a rebuild leaves these alone; days are those of the zone in force when counted.
CREATE TABLE analytics_traffic (
  on_day  DATE    NOT NULL PRIMARY KEY,
  views   BIGINT  NOT NULL
);
CREATE TABLE analytics_visitors (
  on_day   DATE         NOT NULL,
  visitor  VARCHAR(32)  NOT NULL,
  PRIMARY KEY (on_day, visitor)
);

-- Community events and who said they were going and who checked in (RSVPs vs attendance).
CREATE TABLE analytics_events (
  event_id   BIGINT       NOT NULL PRIMARY KEY,
  starts_at  DATETIME(6)  NOT NULL,
  cancelled  BOOLEAN      NOT NULL
);
CREATE INDEX analytics_events_starts ON analytics_events (starts_at);
CREATE TABLE analytics_rsvps (
  event_id    BIGINT   NOT NULL,
  member_id   BIGINT   NOT NULL,
  going       BOOLEAN  NOT NULL,
  checked_in  BOOLEAN  NOT NULL,
  PRIMARY KEY (event_id, member_id)
);
