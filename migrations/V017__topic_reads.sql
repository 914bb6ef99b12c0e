-- How far each member has read each topic: the highest post number they have had on screen.
CREATE TABLE topic_reads (
  member_id         BIGINT       NOT NULL,
  topic_id          BIGINT       NOT NULL,
  last_read_number  INT          NOT NULL,
  updated_at        DATETIME(6)  NOT NULL,
  PRIMARY KEY (member_id, topic_id),
  CONSTRAINT topic_reads_member FOREIGN KEY (member_id) REFERENCES members (id)
);
