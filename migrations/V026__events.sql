-- Events: meetups, AMAs, webinars and workshops, each with its discussion topic.
--
-- A recurring event is a series (event_series, holding its RFC 5545 RRULE) materialised into one events row per
-- occurrence, so every occurrence is RSVPed, checked in and reminded on its own and every list is a plain range scan.
-- Editing "this occurrence" changes one row (and marks it detached from the series' later edits); editing "the series"
-- rewrites the rows that are not detached. All times are UTC; time_zone keeps the zone the host chose, so the page
-- shows both and recurrence is expanded in local time (a 19:00 meetup stays at 19:00 across a DST change).
CREATE TABLE event_series (
  id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  rrule           VARCHAR(300) NOT NULL,
  time_zone       VARCHAR(64)  NOT NULL,
  created_at      DATETIME(6)  NOT NULL
);

CREATE TABLE events (
  id               BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  series_id        BIGINT        NULL,
  detached         BOOLEAN       NOT NULL DEFAULT FALSE,
  topic_id         BIGINT        NOT NULL,
  category_id      BIGINT        NOT NULL,
  host_id          BIGINT        NOT NULL,
  title            VARCHAR(200)  NOT NULL,
  description_markdown TEXT      NOT NULL,
  description_html TEXT          NOT NULL,
  starts_at        DATETIME(6)   NOT NULL,
  ends_at          DATETIME(6)   NOT NULL,
  time_zone        VARCHAR(64)   NOT NULL,
  all_day          BOOLEAN       NOT NULL DEFAULT FALSE,
  online_url       VARCHAR(500)  NULL,
  venue            VARCHAR(300)  NULL,
  -- NULL: no limit. Seats count members going plus their guests; seats_taken is kept in the same transaction as the
  -- RSVP rows under the event's row lock, so racing members can never take more than capacity.
  capacity         INT           NULL,
  seats_taken      INT           NOT NULL DEFAULT 0,
  guest_limit      INT           NOT NULL DEFAULT 0,
  rsvp_deadline    DATETIME(6)   NULL,
  cover_upload_id  BIGINT        NULL,
  -- public | members | invite
  visibility       VARCHAR(16)   NOT NULL DEFAULT 'public',
  -- scheduled | cancelled
  status           VARCHAR(16)   NOT NULL DEFAULT 'scheduled',
  check_in_code    VARCHAR(16)   NOT NULL,
  -- RFC 5545 SEQUENCE: grows on every change calendar clients must see (time, place, cancellation).
  sequence         INT           NOT NULL DEFAULT 0,
  -- Set by an iCalendar import, so importing the same file twice updates instead of duplicating.
  import_uid       VARCHAR(255)  NULL,
  created_at       DATETIME(6)   NOT NULL,
  updated_at       DATETIME(6)   NOT NULL,
  CONSTRAINT events_series FOREIGN KEY (series_id) REFERENCES event_series (id),
  CONSTRAINT events_topic FOREIGN KEY (topic_id) REFERENCES topics (id),
  CONSTRAINT events_category FOREIGN KEY (category_id) REFERENCES categories (id),
  CONSTRAINT events_host FOREIGN KEY (host_id) REFERENCES members (id)
);
CREATE INDEX events_by_start ON events (starts_at);
CREATE INDEX events_by_category ON events (category_id, starts_at);
CREATE INDEX events_by_series ON events (series_id, starts_at);
CREATE INDEX events_by_topic ON events (topic_id);
CREATE UNIQUE INDEX events_import_uid ON events (import_uid);

-- Who may see an invite-only event (besides its host and moderators).
CREATE TABLE event_invitees (
  event_id        BIGINT       NOT NULL,
  member_id       BIGINT       NOT NULL,
  invited_at      DATETIME(6)  NOT NULL,
  CONSTRAINT event_invitees_pk PRIMARY KEY (event_id, member_id),
  CONSTRAINT event_invitees_event FOREIGN KEY (event_id) REFERENCES events (id),
  CONSTRAINT event_invitees_member FOREIGN KEY (member_id) REFERENCES members (id)
);

-- One answer per member and occurrence. status: going | interested | not_going | waitlisted.
-- waitlisted_at orders the waitlist (first in line is promoted when a seat frees); checked_in_at and no_show record
-- attendance once the event has ended.
CREATE TABLE event_rsvps (
  event_id        BIGINT       NOT NULL,
  member_id       BIGINT       NOT NULL,
  status          VARCHAR(16)  NOT NULL,
  guests          INT          NOT NULL DEFAULT 0,
  hidden          BOOLEAN      NOT NULL DEFAULT FALSE,
  waitlisted_at   DATETIME(6)  NULL,
  checked_in_at   DATETIME(6)  NULL,
  no_show         BOOLEAN      NOT NULL DEFAULT FALSE,
  updated_at      DATETIME(6)  NOT NULL,
  CONSTRAINT event_rsvps_pk PRIMARY KEY (event_id, member_id),
  CONSTRAINT event_rsvps_event FOREIGN KEY (event_id) REFERENCES events (id),
  CONSTRAINT event_rsvps_member FOREIGN KEY (member_id) REFERENCES members (id)
);
CREATE INDEX event_rsvps_by_member ON event_rsvps (member_id, event_id);
CREATE INDEX event_rsvps_waitlist ON event_rsvps (event_id, status, waitlisted_at);

-- Proof that a reminder went out: the primary key makes "exactly once" hold across restarts and nodes.
CREATE TABLE event_reminders_sent (
  event_id        BIGINT       NOT NULL,
  member_id       BIGINT       NOT NULL,
  lead_minutes    INT          NOT NULL,
  sent_at         DATETIME(6)  NOT NULL,
  CONSTRAINT event_reminders_sent_pk PRIMARY KEY (event_id, member_id, lead_minutes)
);

-- Secret-token iCalendar feeds of a member's own events; revoking deletes the row, a new token is a new row.
CREATE TABLE calendar_feed_tokens (
  token_hash      VARCHAR(64)  NOT NULL PRIMARY KEY,
  member_id       BIGINT       NOT NULL,
  created_at      DATETIME(6)  NOT NULL,
  CONSTRAINT calendar_feed_tokens_member FOREIGN KEY (member_id) REFERENCES members (id)
);
CREATE INDEX calendar_feed_tokens_by_member ON calendar_feed_tokens (member_id);
