-- Accounts: credentials, standing, sessions, sign-in throttling, one-time links and site settings.

ALTER TABLE members ADD COLUMN password_hash VARCHAR(255) NULL;
ALTER TABLE members ADD COLUMN email_verified_at DATETIME(6) NULL;
ALTER TABLE members ADD COLUMN terms_accepted_at DATETIME(6) NULL;
ALTER TABLE members ADD COLUMN last_seen_at DATETIME(6) NULL;
-- active, silenced (reads, cannot post), suspended (cannot log in until status_until), banned
ALTER TABLE members ADD COLUMN status VARCHAR(16) NOT NULL DEFAULT 'active';
ALTER TABLE members ADD COLUMN status_until DATETIME(6) NULL;
ALTER TABLE members ADD COLUMN status_reason VARCHAR(500) NULL;

-- The cookie holds a random token; only its SHA-256 is stored, so a leaked table does not log anyone in.
CREATE TABLE sessions (
  id             BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  token_hash     CHAR(64)     NOT NULL,
  member_id      BIGINT       NOT NULL,
  remember       BOOLEAN      NOT NULL,
  created_at     DATETIME(6)  NOT NULL,
  last_seen_at   DATETIME(6)  NOT NULL,
  expires_at     DATETIME(6)  NOT NULL,
  user_agent     VARCHAR(300) NOT NULL DEFAULT '',
  ip             VARCHAR(45)  NOT NULL DEFAULT '',
  revoked_at     DATETIME(6)  NULL,
  CONSTRAINT sessions_token UNIQUE (token_hash),
  CONSTRAINT sessions_member FOREIGN KEY (member_id) REFERENCES members (id)
);
CREATE INDEX sessions_by_member ON sessions (member_id, revoked_at);

-- Failed and successful sign-ins, for throttling per account and per address (kept across restarts and nodes).
CREATE TABLE login_attempts (
  id             BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_key    VARCHAR(254) NOT NULL,
  ip             VARCHAR(45)  NOT NULL,
  succeeded      BOOLEAN      NOT NULL,
  attempted_at   DATETIME(6)  NOT NULL
);
CREATE INDEX login_attempts_by_account ON login_attempts (account_key, attempted_at);
CREATE INDEX login_attempts_by_ip ON login_attempts (ip, attempted_at);

-- Email verification and password reset links: single use, expiring, stored hashed.
CREATE TABLE member_tokens (
  token_hash     CHAR(64)     NOT NULL PRIMARY KEY,
  member_id      BIGINT       NOT NULL,
  purpose        VARCHAR(20)  NOT NULL,
  created_at     DATETIME(6)  NOT NULL,
  expires_at     DATETIME(6)  NOT NULL,
  used_at        DATETIME(6)  NULL,
  CONSTRAINT member_tokens_member FOREIGN KEY (member_id) REFERENCES members (id)
);

-- Site-wide settings that admins change at run time (invite-only, verification required, ...).
CREATE TABLE site_settings (
  name           VARCHAR(100)  NOT NULL PRIMARY KEY,
  setting_value  VARCHAR(2000) NOT NULL,
  updated_at     DATETIME(6)   NOT NULL
);
