-- A member's reply count is read from this index alone (author, then post number), however many posts the site has.
CREATE INDEX posts_by_author_number ON posts (author_id, post_number);
