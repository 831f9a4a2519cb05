-- Interops-R Server, schema version 6: an administrator account can be disabled (issue 14).
-- Expand-only: one column with a default, so a node of the previous release keeps working.
-- A disabled account logs in neither to the console nor to the admin API, and its open console
-- sessions end at their next request (the session keeps a stamp of the account, compared here).
ALTER TABLE admin_user ADD COLUMN disabled BOOLEAN DEFAULT FALSE NOT NULL;
