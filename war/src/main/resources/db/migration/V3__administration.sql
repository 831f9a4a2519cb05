-- Interops-R Server, schema version 3: administration (issue 4).

-- Administrators of the console and the admin API (D-21): Jakarta Security PBKDF2 hashes,
-- roles interops-admin (conventions) and interops-auditor (traces) (D-19).
CREATE TABLE admin_user (
  username       VARCHAR(64)  NOT NULL PRIMARY KEY,
  password_hash  VARCHAR(512) NOT NULL,
  roles          VARCHAR(256) NOT NULL,
  created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Client certificates uploaded through the administration, kept with the client (D-6):
-- a re-import of convention files never drops them; several at once for renewal overlap.
CREATE SEQUENCE client_certificate_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE client_certificate (
  id             BIGINT        NOT NULL PRIMARY KEY,
  client_id      VARCHAR(128)  NOT NULL,
  convention_id  VARCHAR(64)   NOT NULL,
  subject_dn     VARCHAR(1024) NOT NULL,
  issuer_dn      VARCHAR(1024) NOT NULL,
  sha256         VARCHAR(64)   NOT NULL,
  not_after      TIMESTAMP WITH TIME ZONE NOT NULL,
  pem            TEXT          NOT NULL,
  uploaded_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  uploaded_by    VARCHAR(64)   NOT NULL,
  CONSTRAINT uq_client_certificate UNIQUE (client_id, sha256)
);
CREATE INDEX ix_client_certificate_expiry ON client_certificate (not_after);

-- Admin actions are traces too (D-17): who, what, before and after revision.
ALTER TABLE trace_record ADD COLUMN actor VARCHAR(64);
ALTER TABLE trace_record ADD COLUMN revision_before INTEGER;
