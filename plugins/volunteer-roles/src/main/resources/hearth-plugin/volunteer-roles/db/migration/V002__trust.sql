-- Trust levels 0-4. A member without a row is at level 0. A locked level is not changed by activity.
CREATE TABLE volunteer_roles_trust (
  member_id    BIGINT        NOT NULL PRIMARY KEY,
  level        INT           NOT NULL,
  locked       BOOLEAN       NOT NULL,
  changed_at   DATETIME(6)   NOT NULL
);

-- The days a member visited (UTC) and how long they read that day, from their requests.
CREATE TABLE volunteer_roles_visits (
  member_id        BIGINT    NOT NULL,
  visit_day        DATE      NOT NULL,
  reading_seconds  INT       NOT NULL,
  PRIMARY KEY (member_id, visit_day)
);

-- Flags on members' posts (from the journal), and whether a moderator agreed: agreed flags count against trust.
CREATE TABLE volunteer_roles_flags (
  flag_id      BIGINT        NOT NULL PRIMARY KEY,
  member_id    BIGINT        NOT NULL,
  post_id      BIGINT        NOT NULL,
  flagger_id   BIGINT        NOT NULL,
  raised_at    DATETIME(6)   NOT NULL,
  agreed       BOOLEAN       NOT NULL
);
CREATE INDEX volunteer_roles_flags_member ON volunteer_roles_flags (member_id, raised_at);
