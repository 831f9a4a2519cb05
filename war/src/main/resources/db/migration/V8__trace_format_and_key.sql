-- Interops-R Server, schema version 8: each trace names its format and its HMAC key (D-26, issue 14).
-- Expand-only: two nullable columns, so a node of the previous release keeps writing (format 1).
-- format: the version of the list of fields the chain hash covers; NULL is format 1 (before this
-- migration: every column but id, record_hash, format and key_id). Format 2 adds format and key_id.
-- key_id: the id of the HMAC key that chained the record ("hk-" and 16 hex digits of a digest of the
-- key, docs/traces.md); NULL before this migration, when the verifier tries every key it was given.
ALTER TABLE trace_record ADD COLUMN format SMALLINT;
ALTER TABLE trace_record ADD COLUMN key_id VARCHAR(40);
