-- test only: the script as it was applied
CREATE TABLE edited_marker (id INTEGER NOT NULL PRIMARY KEY);
