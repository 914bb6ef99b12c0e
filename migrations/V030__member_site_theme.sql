-- The theme a member picked among those the admins enabled; NULL follows the site's theme.
ALTER TABLE members ADD COLUMN site_theme VARCHAR(40) NULL;
