-- Profiles, custom profile fields, preferences and ignores (the Members issue).

-- The profile lives on the member row: one read shows a profile or a directory page. members.bio (V001) holds the
-- Markdown; bio_html its sanitised HTML, rendered once on write.
ALTER TABLE members ADD COLUMN bio_html TEXT NULL;
ALTER TABLE members ADD COLUMN location VARCHAR(100) NOT NULL DEFAULT '';
ALTER TABLE members ADD COLUMN website VARCHAR(300) NOT NULL DEFAULT '';
ALTER TABLE members ADD COLUMN pronouns VARCHAR(40) NOT NULL DEFAULT '';
-- A java.time.ZoneId, e.g. Europe/Lisbon.
ALTER TABLE members ADD COLUMN time_zone VARCHAR(64) NOT NULL DEFAULT 'UTC';
-- Private: others see only the username (staff still see everything). Presence hidden: last seen is not shown.
ALTER TABLE members ADD COLUMN profile_hidden BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE members ADD COLUMN presence_hidden BOOLEAN NOT NULL DEFAULT FALSE;
-- light, dark or auto (follow the system)
ALTER TABLE members ADD COLUMN theme VARCHAR(8) NOT NULL DEFAULT 'auto';
CREATE INDEX members_by_created ON members (created_at);
CREATE INDEX members_by_last_seen ON members (last_seen_at);
-- A member's posts, newest first: recent activity and post counts.
CREATE INDEX posts_by_author ON posts (author_id, created_at);

-- Fields admins add to every profile. kind: text, link or select; select_options: a select's options, one per line;
-- visibility: everyone, members (logged in) or staff (staff and the member themself).
CREATE TABLE profile_fields (
  id             BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  label          VARCHAR(60)  NOT NULL,
  kind           VARCHAR(16)  NOT NULL,
  select_options TEXT         NULL,
  visibility     VARCHAR(16)  NOT NULL,
  position       INT          NOT NULL,
  created_at     DATETIME(6)  NOT NULL
);

-- A member's answer to a profile field; no row means no answer.
CREATE TABLE profile_field_values (
  member_id      BIGINT       NOT NULL,
  field_id       BIGINT       NOT NULL,
  field_value    VARCHAR(500) NOT NULL,
  updated_at     DATETIME(6)  NOT NULL,
  PRIMARY KEY (member_id, field_id),
  CONSTRAINT profile_field_values_member FOREIGN KEY (member_id) REFERENCES members (id),
  CONSTRAINT profile_field_values_field FOREIGN KEY (field_id) REFERENCES profile_fields (id)
);
CREATE INDEX profile_field_values_by_field ON profile_field_values (field_id);

-- How often to email a member about each kind of notification (replies, mentions, messages, digest):
-- immediately, daily, weekly or never. No row means the kind's default.
CREATE TABLE member_email_preferences (
  member_id      BIGINT       NOT NULL,
  kind           VARCHAR(16)  NOT NULL,
  frequency      VARCHAR(16)  NOT NULL,
  updated_at     DATETIME(6)  NOT NULL,
  PRIMARY KEY (member_id, kind),
  CONSTRAINT member_email_preferences_member FOREIGN KEY (member_id) REFERENCES members (id)
);

-- Members a member does not want to hear from (never staff, never themself).
CREATE TABLE member_ignores (
  member_id      BIGINT       NOT NULL,
  ignored_id     BIGINT       NOT NULL,
  created_at     DATETIME(6)  NOT NULL,
  PRIMARY KEY (member_id, ignored_id),
  CONSTRAINT member_ignores_member FOREIGN KEY (member_id) REFERENCES members (id),
  CONSTRAINT member_ignores_ignored FOREIGN KEY (ignored_id) REFERENCES members (id)
);
CREATE INDEX member_ignores_by_ignored ON member_ignores (ignored_id);
