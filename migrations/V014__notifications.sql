-- In-app notifications. source_key makes delivery idempotent: the journal listener that writes them may see an event
-- twice (at least once), and the same key is written once. The member who caused one (actor_id) is shown by their
-- current name, read when the list is shown, so a renamed or deleted account leaves no stale name behind.
CREATE TABLE notifications (
  id           BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  member_id    BIGINT        NOT NULL,
  kind         VARCHAR(80)   NOT NULL,
  actor_id     BIGINT        NULL,
  title        VARCHAR(300)  NOT NULL,
  url          VARCHAR(500)  NOT NULL,
  source_key   VARCHAR(150)  NOT NULL,
  created_at   DATETIME(6)   NOT NULL,
  read_at      DATETIME(6)   NULL,
  CONSTRAINT notifications_source UNIQUE (source_key),
  CONSTRAINT notifications_member FOREIGN KEY (member_id) REFERENCES members (id),
  CONSTRAINT notifications_actor FOREIGN KEY (actor_id) REFERENCES members (id)
);
CREATE INDEX notifications_by_member ON notifications (member_id, read_at, id);
