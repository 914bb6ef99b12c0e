-- API keys for scripts and integrations (Authorization: Bearer <key>). The key is random and shown once; only its
-- SHA-256 is stored, like session tokens. scope is read, write or admin; a key never acts beyond its owner's current
-- role. created_by is the admin who made the key, NULL when it came from the command line (api-key command).

CREATE TABLE api_keys (
  id             BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  member_id      BIGINT       NOT NULL,
  name           VARCHAR(100) NOT NULL,
  token_hash     CHAR(64)     NOT NULL,
  scope          VARCHAR(8)   NOT NULL,
  created_at     DATETIME(6)  NOT NULL,
  last_used_at   DATETIME(6)  NULL,
  revoked_at     DATETIME(6)  NULL,
  created_by     BIGINT       NULL,
  CONSTRAINT api_keys_token UNIQUE (token_hash),
  CONSTRAINT api_keys_member FOREIGN KEY (member_id) REFERENCES members (id),
  CONSTRAINT api_keys_creator FOREIGN KEY (created_by) REFERENCES members (id)
);
CREATE INDEX api_keys_by_member ON api_keys (member_id, revoked_at);
