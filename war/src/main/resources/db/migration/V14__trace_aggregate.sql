-- Interops-R Server, schema version 14: the dashboard's counts (issue 18 §2, P-63, P-64).
-- Expand-only: a new table and three nullable columns, so a node of the previous release keeps writing its traces
-- (it writes no counts: a rebuild counts them, docs/operations.md "Dashboard counts").
--
-- trace_aggregate: how many traces of one node chain fell in one bucket, by what the dashboard shows. Written by the
-- journal in the transaction of each batch (so a count never differs from the committed traces), per chain, so that
-- each node writes only its own rows. granularity 'M': a minute (bucket_start at :00 s), 'H': an hour (at :00:00);
-- every trace is counted in both. kind: the trace's kind, except INTROSPECTION for a VI_VERIFICATION made by the
-- introspection endpoint. convention_id, error_code and step hold '' when the trace has none (a key column cannot
-- be NULL). The traces themselves are never changed: their hash chain and format stay as they were (D-26).
CREATE TABLE trace_aggregate (
  chain          VARCHAR(80)  NOT NULL,
  granularity    CHAR(1)      NOT NULL,
  bucket_start   TIMESTAMP WITH TIME ZONE NOT NULL,
  kind           VARCHAR(32)  NOT NULL,
  status         VARCHAR(16)  NOT NULL,
  convention_id  VARCHAR(64)  NOT NULL,
  error_code     VARCHAR(64)  NOT NULL,
  step           VARCHAR(32)  NOT NULL,
  traces         BIGINT       NOT NULL,
  CONSTRAINT pk_trace_aggregate
    PRIMARY KEY (chain, granularity, bucket_start, kind, status, convention_id, error_code, step)
);
CREATE INDEX ix_trace_aggregate_bucket ON trace_aggregate (granularity, bucket_start);

-- What each node's journal last reported of itself, on its chain's head: the journal lag (age of its oldest trace
-- not yet committed, as its health check reads it) and its queue, with every batch and every 5 s when idle.
ALTER TABLE trace_chain_head ADD COLUMN lag_millis BIGINT;
ALTER TABLE trace_chain_head ADD COLUMN queue_depth INTEGER;
ALTER TABLE trace_chain_head ADD COLUMN reported_at TIMESTAMP WITH TIME ZONE;
