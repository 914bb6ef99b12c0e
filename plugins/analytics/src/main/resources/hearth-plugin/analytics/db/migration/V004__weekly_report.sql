-- Community managers who asked for the weekly report by mail, and since when (a report covers only weeks that end
-- after that).
CREATE TABLE analytics_report_subscribers (
  member_id      BIGINT       NOT NULL PRIMARY KEY,
  subscribed_at  DATETIME(6)  NOT NULL
);

-- The reports queued, one per manager and ISO week (e.g. 2027-W09), in the transaction that queues the mail: a
-- restart or a second node finds the row and sends nothing more.
CREATE TABLE analytics_reports_sent (
  member_id  BIGINT       NOT NULL,
  week       VARCHAR(8)   NOT NULL,
  sent_at    DATETIME(6)  NOT NULL,
  PRIMARY KEY (member_id, week)
);
