-- test only: applied by a newer build of the server
CREATE TABLE future_marker (id INTEGER NOT NULL PRIMARY KEY);
