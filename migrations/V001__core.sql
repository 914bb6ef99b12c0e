-- Hearth core schema. Runs unchanged on MariaDB 10.11+ and on H2 in MariaDB mode, and jOOQ's parser reads it
-- at build time to generate the Java classes. Times are UTC in DATETIME(6): MariaDB's TIMESTAMP silently adds
-- ON UPDATE CURRENT_TIMESTAMP to the first such column and ends in 2038.

CREATE TABLE members (
  id             BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  username       VARCHAR(20)  NOT NULL,
  username_key   VARCHAR(20)  NOT NULL,
  email          VARCHAR(254) NOT NULL,
  email_key      VARCHAR(254) NOT NULL,
  display_name   VARCHAR(60)  NOT NULL,
  role           VARCHAR(16)  NOT NULL DEFAULT 'member',
  bio            TEXT         NULL,
  created_at     DATETIME(6)  NOT NULL,
  CONSTRAINT members_username_key UNIQUE (username_key),
  CONSTRAINT members_email_key UNIQUE (email_key)
);

CREATE TABLE categories (
  id             BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  parent_id      BIGINT       NULL,
  slug           VARCHAR(60)  NOT NULL,
  name           VARCHAR(60)  NOT NULL,
  description    VARCHAR(500) NOT NULL DEFAULT '',
  color          CHAR(7)      NOT NULL DEFAULT '#5b6ee1',
  position       INT          NOT NULL DEFAULT 0,
  created_at     DATETIME(6)  NOT NULL,
  CONSTRAINT categories_slug UNIQUE (slug),
  CONSTRAINT categories_parent FOREIGN KEY (parent_id) REFERENCES categories (id)
);

CREATE TABLE topics (
  id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  category_id     BIGINT       NOT NULL,
  author_id       BIGINT       NOT NULL,
  title           VARCHAR(200) NOT NULL,
  slug            VARCHAR(200) NOT NULL,
  reply_count     INT          NOT NULL DEFAULT 0,
  created_at      DATETIME(6)  NOT NULL,
  last_posted_at  DATETIME(6)  NOT NULL,
  CONSTRAINT topics_category FOREIGN KEY (category_id) REFERENCES categories (id),
  CONSTRAINT topics_author FOREIGN KEY (author_id) REFERENCES members (id)
);
CREATE INDEX topics_latest ON topics (last_posted_at);
CREATE INDEX topics_by_category ON topics (category_id, last_posted_at);

CREATE TABLE posts (
  id             BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  topic_id       BIGINT       NOT NULL,
  author_id      BIGINT       NOT NULL,
  post_number    INT          NOT NULL,
  body_markdown  TEXT         NOT NULL,
  body_html      TEXT         NOT NULL,
  created_at     DATETIME(6)  NOT NULL,
  CONSTRAINT posts_number UNIQUE (topic_id, post_number),
  CONSTRAINT posts_topic FOREIGN KEY (topic_id) REFERENCES topics (id),
  CONSTRAINT posts_author FOREIGN KEY (author_id) REFERENCES members (id)
);

-- The journal: every domain event, in commit order. Positions are handed out from journal_head under its row lock,
-- so a position becomes visible only after every smaller one: a listener reading "after my cursor" never skips one.
CREATE TABLE journal (
  position       BIGINT       NOT NULL PRIMARY KEY,
  event_type     VARCHAR(100) NOT NULL,
  payload        TEXT         NOT NULL,
  recorded_at    DATETIME(6)  NOT NULL
);

CREATE TABLE journal_head (
  id             INT          NOT NULL PRIMARY KEY,
  last_position  BIGINT       NOT NULL
);
INSERT INTO journal_head (id, last_position) VALUES (1, 0);

CREATE TABLE journal_cursors (
  listener_id    VARCHAR(100) NOT NULL PRIMARY KEY,
  position       BIGINT       NOT NULL,
  failures       INT          NOT NULL DEFAULT 0,
  last_error     VARCHAR(1000) NULL,
  updated_at     DATETIME(6)  NOT NULL
);
