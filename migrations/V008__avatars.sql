-- Uploaded avatars live as files in <data-dir>/uploads/avatars; the row says which version is current.
ALTER TABLE members ADD COLUMN avatar_format VARCHAR(8) NULL;
ALTER TABLE members ADD COLUMN avatar_version INT NOT NULL DEFAULT 0;
