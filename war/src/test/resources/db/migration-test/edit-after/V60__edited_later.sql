-- test only: the script edited after it was applied
CREATE TABLE edited_marker (id INTEGER NOT NULL PRIMARY KEY, note VARCHAR(10));
