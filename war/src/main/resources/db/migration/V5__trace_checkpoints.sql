-- Interops-R Server, schema version 5: signed checkpoints of the trace chains (D-18).
-- Every few seconds each chain's head (sequence, hash) is signed with the identity provider's key;
-- the same checkpoint is written to the server log (and a file when configured), outside the database.
CREATE SEQUENCE trace_checkpoint_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE trace_checkpoint (
  id           BIGINT       NOT NULL PRIMARY KEY,
  chain        VARCHAR(80)  NOT NULL,
  chain_seq    BIGINT       NOT NULL,
  record_hash  VARCHAR(64)  NOT NULL,
  signed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  jws          TEXT         NOT NULL
);
CREATE INDEX ix_trace_checkpoint_chain ON trace_checkpoint (chain, chain_seq);
