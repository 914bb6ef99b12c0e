-- Data rights and roles.
--
-- A deleted account is not removed: its row stays as an anonymous tombstone ("deleted member 17", username
-- deleted-17, no email, password or profile) so the posts it leaves behind keep a valid author. deleted_at says when
-- it was emptied; such rows are hidden from member lists and can never log in again.
ALTER TABLE members ADD COLUMN deleted_at DATETIME(6) NULL;

-- One row that every change able to leave the site without an admin (demoting, suspending, banning or deleting one)
-- locks first (SELECT ... FOR UPDATE). Two such changes then run one after the other and cannot both pass the
-- "is this the last admin?" check, e.g. two admins demoting each other at the same moment.
CREATE TABLE admin_changes_lock (
  id             INT          NOT NULL PRIMARY KEY
);
INSERT INTO admin_changes_lock (id) VALUES (1);
