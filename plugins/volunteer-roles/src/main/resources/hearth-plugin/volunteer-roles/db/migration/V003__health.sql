-- What volunteers did, from the journal (one row per journal entry, so replays change nothing): reviews (with how
-- long the flag had waited), replies and events hosted.
CREATE TABLE volunteer_roles_actions (
  position          BIGINT       NOT NULL PRIMARY KEY,
  member_id         BIGINT       NOT NULL,
  kind              VARCHAR(10)  NOT NULL,
  at                DATETIME(6)  NOT NULL,
  waited_seconds    BIGINT       NULL
);
CREATE INDEX volunteer_roles_actions_member ON volunteer_roles_actions (member_id, at);
