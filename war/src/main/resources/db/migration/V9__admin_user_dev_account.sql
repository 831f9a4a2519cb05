-- Interops-R Server, schema version 9: the accounts that development mode made are marked (issue 14 §5).
-- A start with development mode off refuses to run while such an account is enabled: its password is
-- printed in the development banner and kept in a file next to the development PKI.
ALTER TABLE admin_user ADD COLUMN dev_account BOOLEAN DEFAULT FALSE NOT NULL;
