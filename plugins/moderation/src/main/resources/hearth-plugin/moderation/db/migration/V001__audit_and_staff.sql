-- The audit log: every moderation action, who did it, to what, why, and what it was before and after. Rows are
-- only ever inserted: no route updates or deletes them. category_id lets category moderators filter to theirs.
CREATE TABLE moderation_audit (
  id             BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  at             DATETIME(6)   NOT NULL,
  actor_id       BIGINT        NOT NULL,
  action         VARCHAR(40)   NOT NULL,
  subject_type   VARCHAR(16)   NOT NULL,
  subject_id     BIGINT        NOT NULL,
  category_id    BIGINT        NULL,
  reason         VARCHAR(1000) NOT NULL,
  before_value   TEXT          NULL,
  after_value    TEXT          NULL
);
CREATE INDEX moderation_audit_at ON moderation_audit (at);
CREATE INDEX moderation_audit_actor ON moderation_audit (actor_id, at);
CREATE INDEX moderation_audit_subject ON moderation_audit (subject_type, subject_id, at);

-- Category moderators: members who moderate only some categories (site moderators moderate all of them).
CREATE TABLE moderation_category_moderators (
  member_id      BIGINT        NOT NULL,
  category_id    BIGINT        NOT NULL,
  PRIMARY KEY (member_id, category_id)
);
