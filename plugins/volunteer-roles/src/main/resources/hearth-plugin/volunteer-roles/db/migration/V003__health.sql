-- What volunteers did, from the journal (one row per journal entry, so replays change nothing): reviews (with how
-- long the flag had waited), replies and events hosted. subject is what a review was about ("post:12",
-- "member:7"): settling three flags on one post and hiding it is one queue item handled, not four.
CREATE TABLE volunteer_roles_actions (
  position          BIGINT       NOT NULL PRIMARY KEY,
  member_id         BIGINT       NOT NULL,
  kind              VARCHAR(10)  NOT NULL,
  subject           VARCHAR(40)  NOT NULL,
  at                DATETIME(6)  NOT NULL,
  waited_seconds    BIGINT       NULL
);
CREATE INDEX volunteer_roles_actions_member ON volunteer_roles_actions (member_id, at);
