-- Who may see a category, start topics in it and reply in it: the least audience that may, one of
-- everyone (visitors too), members, moderators, admins. A subcategory is seen only by those who see its parent.
ALTER TABLE categories ADD COLUMN see_level VARCHAR(16) NOT NULL DEFAULT 'everyone';
ALTER TABLE categories ADD COLUMN start_topic_level VARCHAR(16) NOT NULL DEFAULT 'members';
ALTER TABLE categories ADD COLUMN reply_level VARCHAR(16) NOT NULL DEFAULT 'members';
