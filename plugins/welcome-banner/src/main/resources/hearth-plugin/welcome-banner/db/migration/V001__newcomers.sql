-- The newcomers list: one row per member who joined while the plugin was listening, with their names as they were,
-- so the page reads one table. Runs unchanged on MariaDB 10.11+ and on H2 in MariaDB mode. Times are UTC in
-- DATETIME(6), like the core's. Table and index names start with the plugin's prefix, welcome_banner_.

CREATE TABLE welcome_banner_newcomers (
  member_id      BIGINT       NOT NULL PRIMARY KEY,
  username       VARCHAR(20)  NOT NULL,
  display_name   VARCHAR(60)  NOT NULL,
  joined_at      DATETIME(6)  NOT NULL
);

CREATE INDEX welcome_banner_newcomers_by_joined ON welcome_banner_newcomers (joined_at);
