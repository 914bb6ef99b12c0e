-- Email for notifications: immediately, in daily or weekly digests, and the digest for members who stay away.

-- Extra mail headers, one "Name: value" per line (List-Unsubscribe and List-Unsubscribe-Post, RFC 8058).
ALTER TABLE mail_outbox ADD COLUMN headers TEXT NULL;

-- How far each member's notification email has got. Each *_through is the highest notifications.id already
-- considered for that kind of mail; a node moves it forward with an UPDATE conditioned on the value it read, in the
-- same transaction that queues the mail, so every notification is mailed at most once, across restarts and nodes.
-- *_sent_at is when the last daily / weekly / absent-member digest was due and taken. Rows are created by the
-- mailer for members that have none, starting after the notifications of the previous day (no backlog on upgrade).
CREATE TABLE member_email_state (
  member_id          BIGINT       NOT NULL PRIMARY KEY,
  immediate_through  BIGINT       NOT NULL,
  daily_through      BIGINT       NOT NULL,
  daily_sent_at      DATETIME(6)  NOT NULL,
  weekly_through     BIGINT       NOT NULL,
  weekly_sent_at     DATETIME(6)  NOT NULL,
  absent_sent_at     DATETIME(6)  NULL,
  CONSTRAINT member_email_state_member FOREIGN KEY (member_id) REFERENCES members (id)
);
CREATE INDEX member_email_state_daily ON member_email_state (daily_sent_at);
CREATE INDEX member_email_state_weekly ON member_email_state (weekly_sent_at);
-- The immediate mailer looks for notifications newer than a member's cursor.
CREATE INDEX notifications_by_member_id ON notifications (member_id, id);

-- Random secrets the site keeps for itself, made on first use (e.g. the key that signs unsubscribe links).
CREATE TABLE site_secrets (
  name          VARCHAR(60)   NOT NULL PRIMARY KEY,
  secret_value  VARCHAR(128)  NOT NULL,
  created_at    DATETIME(6)   NOT NULL
);
-- Recent notifications, for the immediate mailer's time window and for where a new member's cursors start.
CREATE INDEX notifications_by_created ON notifications (created_at);
