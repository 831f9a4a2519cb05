-- Interops-R Server, schema version 7: failed administrator logins and the lockout (issue 14 §2).
-- Expand-only: columns with defaults (or NULL), so a node of the previous release keeps working.
-- failed_logins counts the failed logins since the last success; last_failed_at dates the last one
-- (the per-account back-off runs from it); locked_at is set when failed_logins reaches the limit,
-- and stays until another administrator (or AdminUserTool --unlock) lifts it. Kept in the database
-- so that every node sees the same account state.
ALTER TABLE admin_user ADD COLUMN failed_logins INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE admin_user ADD COLUMN last_failed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE admin_user ADD COLUMN locked_at TIMESTAMP WITH TIME ZONE;
