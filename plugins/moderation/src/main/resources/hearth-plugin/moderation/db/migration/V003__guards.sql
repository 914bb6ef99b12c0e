-- Watched words: a whole word or a regex, matched on normalised text, and what a match does to a post.
CREATE TABLE moderation_watched_words (
  id             BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  pattern        VARCHAR(200)  NOT NULL,
  kind           VARCHAR(8)    NOT NULL,
  action         VARCHAR(8)    NOT NULL,
  created_by     BIGINT        NOT NULL,
  created_at     DATETIME(6)   NOT NULL
);

-- Posts a "flag" watched word matched, for the review queue: one row per post and reason.
CREATE TABLE moderation_guard_hits (
  id             BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  post_id        BIGINT        NOT NULL,
  topic_id       BIGINT        NOT NULL,
  author_id      BIGINT        NOT NULL,
  reason         VARCHAR(200)  NOT NULL,
  at             DATETIME(6)   NOT NULL,
  resolved_at    DATETIME(6)   NULL,
  resolved_by    BIGINT        NULL,
  CONSTRAINT moderation_guard_hits_once UNIQUE (post_id, reason)
);
CREATE INDEX moderation_guard_hits_open ON moderation_guard_hits (resolved_at, id);

-- Slow mode per topic: one reply per member every `seconds`; no row means no slow mode.
CREATE TABLE moderation_slow_mode (
  topic_id       BIGINT        NOT NULL PRIMARY KEY,
  seconds        INT           NOT NULL,
  set_by         BIGINT        NOT NULL,
  set_at         DATETIME(6)   NOT NULL
);

-- Crisis mode: a single row (id 1), so the switch survives restarts.
CREATE TABLE moderation_crisis (
  id             INT           NOT NULL PRIMARY KEY,
  active         BOOLEAN       NOT NULL,
  reason         VARCHAR(500)  NOT NULL,
  changed_by     BIGINT        NOT NULL,
  changed_at     DATETIME(6)   NOT NULL
);

-- Sign-up block lists: kind 'ip' (an address or CIDR range, canonical form) or 'domain' (an email domain, which
-- blocks its subdomains too).
CREATE TABLE moderation_sign_up_blocks (
  id             BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind           VARCHAR(8)    NOT NULL,
  blocked_value  VARCHAR(255)  NOT NULL,
  created_by     BIGINT        NOT NULL,
  created_at     DATETIME(6)   NOT NULL,
  CONSTRAINT moderation_sign_up_blocks_once UNIQUE (kind, blocked_value)
);
