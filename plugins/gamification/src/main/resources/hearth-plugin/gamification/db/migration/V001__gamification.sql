-- The journal entries that earn or cost points, as the listener saw them: the input of awarding and of a replay.
CREATE TABLE gamification_facts (
  position     BIGINT        NOT NULL PRIMARY KEY,
  at           DATETIME(6)   NOT NULL,
  kind         VARCHAR(20)   NOT NULL,
  member_id    BIGINT        NOT NULL,
  other_id     BIGINT        NOT NULL,
  target_id    BIGINT        NOT NULL,
  topic_id     BIGINT        NOT NULL,
  category_id  BIGINT        NOT NULL,
  number       INT           NOT NULL,
  yes          BOOLEAN       NOT NULL
);

-- The points ledger, append-only: revocations are rows of negative points (and units). units counts the action for
-- badges (1, or -1 when taken back), and a capped action has a row with 0 points but 1 unit. kind: earned,
-- withdrawn (a like or an accepted answer taken back, a flag rejected), removed (the post was hidden or deleted) or
-- restored (a removal undone when the post came back).
CREATE TABLE gamification_ledger (
  id           BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  position     BIGINT        NOT NULL,
  member_id    BIGINT        NOT NULL,
  action       VARCHAR(30)   NOT NULL,
  points       INT           NOT NULL,
  units        INT           NOT NULL,
  kind         VARCHAR(10)   NOT NULL,
  subject      VARCHAR(40)   NOT NULL,
  other_id     BIGINT        NOT NULL,
  category_id  BIGINT        NOT NULL,
  on_day       DATE          NOT NULL,
  at           DATETIME(6)   NOT NULL
);
CREATE INDEX gamification_ledger_day ON gamification_ledger (member_id, on_day, action);
CREATE INDEX gamification_ledger_subject ON gamification_ledger (member_id, subject);
CREATE INDEX gamification_ledger_action ON gamification_ledger (member_id, action, on_day);

-- Totals, levels and visit streaks per member, maintained with the ledger.
CREATE TABLE gamification_members (
  member_id    BIGINT        NOT NULL PRIMARY KEY,
  joined_on    DATE,
  points       BIGINT        NOT NULL,
  level        INT           NOT NULL,
  streak       INT           NOT NULL,
  best_streak  INT           NOT NULL,
  last_visit   DATE
);

-- Points per member, day and category (0: none), maintained with the ledger: what leaderboards sum.
CREATE TABLE gamification_daily (
  member_id    BIGINT        NOT NULL,
  on_day       DATE          NOT NULL,
  category_id  BIGINT        NOT NULL,
  points       BIGINT        NOT NULL,
  PRIMARY KEY (member_id, on_day, category_id)
);
CREATE INDEX gamification_daily_day ON gamification_daily (on_day, category_id);

-- What awarding needs to know about topics, posts and events: author, category, and for topics whether it is the
-- author's first and whether someone has welcomed them in it yet.
CREATE TABLE gamification_subjects (
  subject      VARCHAR(40)   NOT NULL PRIMARY KEY,
  author_id    BIGINT        NOT NULL,
  category_id  BIGINT        NOT NULL,
  first_topic  BOOLEAN       NOT NULL,
  welcomed     BOOLEAN       NOT NULL
);

-- Badges held. manual: granted by an admin.
CREATE TABLE gamification_badges (
  member_id    BIGINT        NOT NULL,
  badge        VARCHAR(40)   NOT NULL,
  granted_at   DATETIME(6)   NOT NULL,
  position     BIGINT        NOT NULL,
  manual       BOOLEAN       NOT NULL,
  reason       VARCHAR(500)  NOT NULL,
  PRIMARY KEY (member_id, badge)
);
CREATE INDEX gamification_badges_badge ON gamification_badges (badge, granted_at);

-- Admins' grants and revocations by hand, the last word per member and badge. Kept by a replay.
CREATE TABLE gamification_decisions (
  member_id    BIGINT        NOT NULL,
  badge        VARCHAR(40)   NOT NULL,
  granted      BOOLEAN       NOT NULL,
  reason       VARCHAR(500)  NOT NULL,
  by_member_id BIGINT        NOT NULL,
  decided_at   DATETIME(6)   NOT NULL,
  PRIMARY KEY (member_id, badge)
);

-- Badges admins defined from the rule form.
CREATE TABLE gamification_badge_rules (
  badge        VARCHAR(40)   NOT NULL PRIMARY KEY,
  name         VARCHAR(80)   NOT NULL,
  description  VARCHAR(300)  NOT NULL,
  tier         VARCHAR(10)   NOT NULL,
  measure      VARCHAR(30)   NOT NULL,
  threshold    INT           NOT NULL,
  category_id  BIGINT        NOT NULL,
  window_days  INT           NOT NULL,
  created_at   DATETIME(6)   NOT NULL
);

-- The badges members chose to show on their card.
CREATE TABLE gamification_featured (
  member_id    BIGINT        NOT NULL,
  badge        VARCHAR(40)   NOT NULL,
  ordinal      INT           NOT NULL,
  PRIMARY KEY (member_id, badge)
);

-- Seasons: the season leaderboard counts from the latest one's first day, and history stays.
CREATE TABLE gamification_seasons (
  id           BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name         VARCHAR(80)   NOT NULL,
  starts_on    DATE          NOT NULL,
  started_at   DATETIME(6)   NOT NULL,
  by_member_id BIGINT        NOT NULL
);

-- The days on which a member's visit was journaled, so each day is journaled once.
CREATE TABLE gamification_visits (
  member_id    BIGINT        NOT NULL,
  on_day       DATE          NOT NULL,
  PRIMARY KEY (member_id, on_day)
);
