-- Interops-R Server, schema version 4: the trace journal's hash chains (issue 5, D-18).

-- Each record: its chain (one per node for request traces, one for admin actions), its place
-- in that chain without gaps, and HMAC-SHA256(key, previous hash || fields).
ALTER TABLE trace_record ADD COLUMN chain VARCHAR(80);
ALTER TABLE trace_record ADD COLUMN chain_seq BIGINT;
ALTER TABLE trace_record ADD COLUMN record_hash VARCHAR(64);
CREATE UNIQUE INDEX uq_trace_chain_seq ON trace_record (chain, chain_seq);

-- The head of each chain: the last sequence number and hash. The admin chain is extended in the
-- admin change's own transaction under a row lock of its head (D-17); its row exists from the start.
CREATE TABLE trace_chain_head (
  chain       VARCHAR(80) NOT NULL PRIMARY KEY,
  last_seq    BIGINT      NOT NULL,
  last_hash   VARCHAR(64) NOT NULL,
  updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO trace_chain_head (chain, last_seq, last_hash, updated_at)
  VALUES ('admin', 0, '0000000000000000000000000000000000000000000000000000000000000000',
          TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00');
