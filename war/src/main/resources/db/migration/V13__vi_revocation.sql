-- Interops-R Server, schema version 13: revocations of VIs and introspection certificates (issue 17, RFC 7009, RFC 7662).
-- One row of vi_revocation per revocation: of one VI
-- (kind VI: issuer + jti), or of every VI of a client (kind CLIENT: client_id) or of a convention (kind CONVENTION:
-- convention_id) issued up to issued_before. Every node reloads the rows whose kept_until is in the future every
-- second (docs/operations.md); a row is dropped once kept_until has passed: the VI's exp plus skew for one VI, now +
-- the longest lifetime + twice the largest skew for a client or convention (P-47). revoked_by: client:<client_id> or admin:<user>.
CREATE TABLE vi_revocation (
  id             VARCHAR(36)   NOT NULL PRIMARY KEY,
  kind           VARCHAR(16)   NOT NULL,
  issuer         VARCHAR(512),
  jti            VARCHAR(128),
  client_id      VARCHAR(128),
  convention_id  VARCHAR(64),
  issued_before  TIMESTAMP WITH TIME ZONE NOT NULL,
  revoked_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  revoked_by     VARCHAR(256)  NOT NULL,
  kept_until     TIMESTAMP WITH TIME ZONE NOT NULL,
  comment        VARCHAR(1000)
);
CREATE INDEX ix_vi_revocation_kept ON vi_revocation (kept_until);

-- Introspection certificates uploaded through the administration (issue 17, as client certificates are for clients,
-- D-6): each binds, by its SHA-256, the data provider of one convention to POST /idp/introspect, besides the
-- convention's dataProvider.introspectionCertificate. Every node reloads them with the revocations.
CREATE TABLE introspection_certificate (
  id             VARCHAR(36)   NOT NULL PRIMARY KEY,
  convention_id  VARCHAR(64)   NOT NULL,
  subject_dn     VARCHAR(1024) NOT NULL,
  issuer_dn      VARCHAR(1024) NOT NULL,
  sha256         VARCHAR(64)   NOT NULL,
  not_after      TIMESTAMP WITH TIME ZONE NOT NULL,
  pem            TEXT          NOT NULL,
  uploaded_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  uploaded_by    VARCHAR(64)   NOT NULL,
  CONSTRAINT uq_introspection_certificate UNIQUE (convention_id, sha256)
);
