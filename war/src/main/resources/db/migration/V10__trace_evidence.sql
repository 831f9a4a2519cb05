-- Interops-R Server, schema version 10: traces as evidence (issue 15).
-- Checkpoint rounds: every few seconds a node signs the head of EVERY chain known at that time
-- (trace_chain_head), so that a chain deleted whole is still named by a later round. A node's
-- rounds are numbered 1, 2, 3… without gaps and each names the SHA-256 of its previous round's JWS:
-- the rounds of a signer form a hash chain of their own, authenticated by the signature of its last.
CREATE TABLE trace_checkpoint_round (
  signer      VARCHAR(80)   NOT NULL,
  round_seq   BIGINT        NOT NULL,
  signed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  key_id      VARCHAR(128)  NOT NULL,
  previous    VARCHAR(64)   NOT NULL,
  jws         TEXT          NOT NULL,
  PRIMARY KEY (signer, round_seq)
);
CREATE INDEX ix_trace_round_time ON trace_checkpoint_round (signed_at);

-- Signed retention marks: the latest per chain (record chains, and "rounds:<signer>" for the rounds
-- of a signer). Records below kept_from may be missing, and only when signed_at - cutoff is at least
-- period_days; the record kept_from must follow anchor_hash.
CREATE TABLE trace_retention_mark (
  chain        VARCHAR(96)   NOT NULL PRIMARY KEY,
  kept_from    BIGINT        NOT NULL,
  anchor_hash  VARCHAR(64)   NOT NULL,
  cutoff       TIMESTAMP WITH TIME ZONE NOT NULL,
  period_days  INTEGER       NOT NULL,
  signed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  jws          TEXT          NOT NULL
);
