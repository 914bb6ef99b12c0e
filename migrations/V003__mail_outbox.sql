-- Outgoing mail. A row is written in the same transaction as the change that causes it (a sign-up, say), so a mail
-- exists exactly when that change commits; the mail sender delivers it afterwards and sets sent_at. Without SMTP
-- the rows simply stay here for admins to read. next_attempt_at spaces out retries (growing back-off) and survives
-- restarts; a sender claims an attempt by raising attempts, so two nodes never send the same attempt twice.

CREATE TABLE mail_outbox (
  id               BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  to_address       VARCHAR(254)  NOT NULL,
  subject          VARCHAR(300)  NOT NULL,
  body_text        TEXT          NOT NULL,
  created_at       DATETIME(6)   NOT NULL,
  sent_at          DATETIME(6)   NULL,
  attempts         INT           NOT NULL DEFAULT 0,
  next_attempt_at  DATETIME(6)   NOT NULL,
  last_error       VARCHAR(1000) NULL
);
-- Unsent mail that is due: sent_at IS NULL AND next_attempt_at <= now.
CREATE INDEX mail_outbox_unsent ON mail_outbox (sent_at, next_attempt_at);
