-- Volunteer roles: named sets of permissions that admins define.
CREATE TABLE volunteer_roles_roles (
  id           BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name         VARCHAR(60)   NOT NULL,
  name_key     VARCHAR(60)   NOT NULL,
  description  VARCHAR(300)  NOT NULL,
  shown        BOOLEAN       NOT NULL,
  created_at   DATETIME(6)   NOT NULL,
  CONSTRAINT volunteer_roles_roles_name UNIQUE (name_key)
);
CREATE TABLE volunteer_roles_role_permissions (
  role_id      BIGINT        NOT NULL,
  permission   VARCHAR(100)  NOT NULL,
  PRIMARY KEY (role_id, permission)
);

-- A role held by a member, on the whole site (no categories) or in some categories, until it ends: by its end date
-- (expired) or by an admin (revoked). Ended grants stay, for the record and the health report.
CREATE TABLE volunteer_roles_grants (
  id           BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  role_id      BIGINT        NOT NULL,
  member_id    BIGINT        NOT NULL,
  categories   VARCHAR(1000) NOT NULL,
  reason       VARCHAR(500)  NOT NULL,
  granted_by   BIGINT        NOT NULL,
  granted_at   DATETIME(6)   NOT NULL,
  ends_at      DATETIME(6)   NULL,
  reminded_at  DATETIME(6)   NULL,
  ended_at     DATETIME(6)   NULL,
  end_kind     VARCHAR(10)   NULL,
  ended_by     BIGINT        NULL,
  end_reason   VARCHAR(500)  NULL
);
CREATE INDEX volunteer_roles_grants_member ON volunteer_roles_grants (member_id);
CREATE INDEX volunteer_roles_grants_ending ON volunteer_roles_grants (ended_at, ends_at);

-- Every change to roles, grants and trust levels: who, what, when, why. Only ever inserted.
CREATE TABLE volunteer_roles_changes (
  id           BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  at           DATETIME(6)   NOT NULL,
  actor_id     BIGINT        NOT NULL,
  action       VARCHAR(30)   NOT NULL,
  member_id    BIGINT        NOT NULL,
  role_id      BIGINT        NOT NULL,
  detail       VARCHAR(1000) NOT NULL
);
CREATE INDEX volunteer_roles_changes_at ON volunteer_roles_changes (at);
