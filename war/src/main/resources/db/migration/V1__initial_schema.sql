-- Interops-R Server, schema version 1. Runs unchanged on H2 2.x and PostgreSQL 13+ (D-25).
-- Applied by fr.interopsr.platform.SchemaMigrator; JPA never generates DDL.

-- Identifiers come from sequences (portable across JPA providers, batched for traces).
CREATE SEQUENCE convention_revision_seq START WITH 1 INCREMENT BY 1;
CREATE SEQUENCE client_secret_seq START WITH 1 INCREMENT BY 1;
CREATE SEQUENCE trace_record_seq START WITH 50 INCREMENT BY 50;

-- A convention's head: its current revision and the columns that find it (IR-5, IR-20, D-14).
CREATE TABLE convention (
  id                VARCHAR(64)  NOT NULL PRIMARY KEY,
  current_revision  INTEGER      NOT NULL,
  status            VARCHAR(16)  NOT NULL,
  client_id         VARCHAR(128) NOT NULL,
  issuer            VARCHAR(512) NOT NULL,
  audience          VARCHAR(512) NOT NULL,
  service_id        VARCHAR(512) NOT NULL,
  agreement_version VARCHAR(32)  NOT NULL,
  source_hash       VARCHAR(64),
  updated_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_convention_client ON convention (client_id);

-- Every revision ever made, immutable (D-14, seed 003: historical rules kept).
CREATE TABLE convention_revision (
  seq             BIGINT NOT NULL PRIMARY KEY,
  convention_id   VARCHAR(64)   NOT NULL,
  revision        INTEGER       NOT NULL,
  status          VARCHAR(16)   NOT NULL,
  document        TEXT          NOT NULL,
  content_hash    VARCHAR(64)   NOT NULL,
  created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  created_by      VARCHAR(128)  NOT NULL,
  change_comment  VARCHAR(1024),
  CONSTRAINT uq_convention_revision UNIQUE (convention_id, revision)
);

-- Client secrets, only as SHA-256 of a server-generated 256-bit secret (D-6, PLATFORM-NOTES).
CREATE TABLE client_secret (
  id           BIGINT NOT NULL PRIMARY KEY,
  client_id    VARCHAR(128) NOT NULL,
  secret_hash  VARCHAR(64)  NOT NULL,
  created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  not_after    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_client_secret_client ON client_secret (client_id);

-- Traces of VI generation (IR-18), verification and transactions (IR-19).
CREATE TABLE trace_record (
  id                   BIGINT NOT NULL PRIMARY KEY,
  kind                 VARCHAR(32)   NOT NULL,
  occurred_at          TIMESTAMP WITH TIME ZONE NOT NULL,
  node                 VARCHAR(64)   NOT NULL,
  status               VARCHAR(16)   NOT NULL,
  error_code           VARCHAR(64),
  detail               VARCHAR(2048),
  jti                  VARCHAR(128),
  issuer               VARCHAR(512),
  audience             VARCHAR(512),
  service_id           VARCHAR(512),
  subject              VARCHAR(512),
  scopes               VARCHAR(4096),
  client_id            VARCHAR(128),
  convention_id        VARCHAR(64),
  convention_revision  INTEGER,
  remote_address       VARCHAR(64),
  auth_method          VARCHAR(32),
  certificate_sha256   VARCHAR(64),
  vi                   TEXT
);
CREATE INDEX ix_trace_time ON trace_record (occurred_at);
CREATE INDEX ix_trace_jti ON trace_record (jti);
CREATE INDEX ix_trace_convention ON trace_record (convention_id, occurred_at);
