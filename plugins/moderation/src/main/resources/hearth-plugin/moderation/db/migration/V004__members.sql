-- Canned reasons for sanctions, edited by admins and offered on the sanction forms. The text is what the member reads.
CREATE TABLE moderation_reasons (
  id             BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  title          VARCHAR(80)   NOT NULL,
  body           VARCHAR(1000) NOT NULL
);
INSERT INTO moderation_reasons (title, body) VALUES
  ('Spam', 'Posting advertising or repeated promotional content, which the community guidelines do not allow.'),
  ('Harassment', 'Targeting other members with insults or personal attacks. Please treat everyone with respect.'),
  ('Off-topic posting', 'Repeatedly posting content unrelated to the discussion after being asked to stop.'),
  ('Ban evasion', 'Using another account to get around an earlier sanction.');

-- Moderator notes on members: only staff read them, never the member. Append-only: no route edits or deletes a note.
CREATE TABLE moderation_notes (
  id             BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  member_id      BIGINT        NOT NULL,
  author_id      BIGINT        NOT NULL,
  body           VARCHAR(2000) NOT NULL,
  created_at     DATETIME(6)   NOT NULL
);
CREATE INDEX moderation_notes_member ON moderation_notes (member_id, created_at);

-- Appeals against sanctions, sent from a public form by members who may not be able to log in. member_id is the
-- member the username named (NULL when it named nobody, or an email address, which plugins cannot look up).
-- state: open, upheld (the sanction stays) or lifted.
CREATE TABLE moderation_appeals (
  id             BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  member_id      BIGINT        NULL,
  identifier     VARCHAR(254)  NOT NULL,
  message        VARCHAR(2000) NOT NULL,
  created_at     DATETIME(6)   NOT NULL,
  state          VARCHAR(16)   NOT NULL,
  resolved_by    BIGINT        NULL,
  resolved_at    DATETIME(6)   NULL,
  resolution     VARCHAR(1000) NULL
);
CREATE INDEX moderation_appeals_state ON moderation_appeals (state, created_at);
CREATE INDEX moderation_appeals_member ON moderation_appeals (member_id, created_at);
