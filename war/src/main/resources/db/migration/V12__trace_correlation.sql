-- Interops-R Server, schema version 12: correlation ids in the traces (issue 17 §4, D-26 format 3).
-- Expand-only: three nullable columns, so a node of the previous release keeps writing (format 2).
-- correlation_id: the call's Correlationid (seed 001): the caller's when it is a UUID, else one made for the call.
-- traceparent: the caller's W3C Trace Context header, as it came, when it is valid.
-- correlation_note: what was replaced or dropped of those headers (never their value), NULL when nothing was.
-- Format 3 hashes the three after format and key_id (docs/traces.md, Integrity).
ALTER TABLE trace_record ADD COLUMN correlation_id VARCHAR(36);
ALTER TABLE trace_record ADD COLUMN traceparent VARCHAR(256);
ALTER TABLE trace_record ADD COLUMN correlation_note VARCHAR(200);
CREATE INDEX ix_trace_correlation ON trace_record (correlation_id);
CREATE INDEX ix_trace_traceparent ON trace_record (traceparent);
