-- Issue 18 §3 (D-27): GET /access/v1/decisions finds a client's decisions by the certificate recorded in the trace
-- (certificate_sha256) or by the client of a verified VI's convention (client_id), each within a period, newest first.
-- Without these, the query walks the time index over every trace of the period. H2 and PostgreSQL alike.
CREATE INDEX ix_trace_certificate_time ON trace_record (certificate_sha256, occurred_at);
CREATE INDEX ix_trace_client_time ON trace_record (client_id, occurred_at);
