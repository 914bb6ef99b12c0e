-- Two-factor authentication (TOTP) with one-time recovery codes, and invite links for invite-only sites.

ALTER TABLE members ADD COLUMN totp_secret VARCHAR(64) NULL;
ALTER TABLE members ADD COLUMN totp_enabled_at DATETIME(6) NULL;
-- The time step of the last accepted code: a code is refused unless its step is later (no replays).
ALTER TABLE members ADD COLUMN totp_last_step BIGINT NULL;

CREATE TABLE recovery_codes (
  id             BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  member_id      BIGINT       NOT NULL,
  code_hash      CHAR(64)     NOT NULL,
  used_at        DATETIME(6)  NULL,
  CONSTRAINT recovery_codes_member FOREIGN KEY (member_id) REFERENCES members (id)
);
CREATE INDEX recovery_codes_by_member ON recovery_codes (member_id);

CREATE TABLE invites (
  id             BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code_hash      CHAR(64)     NOT NULL,
  note           VARCHAR(200) NOT NULL DEFAULT '',
  created_by     BIGINT       NOT NULL,
  created_at     DATETIME(6)  NOT NULL,
  expires_at     DATETIME(6)  NOT NULL,
  max_uses       INT          NOT NULL,
  uses           INT          NOT NULL DEFAULT 0,
  revoked_at     DATETIME(6)  NULL,
  CONSTRAINT invites_code UNIQUE (code_hash),
  CONSTRAINT invites_creator FOREIGN KEY (created_by) REFERENCES members (id)
);
