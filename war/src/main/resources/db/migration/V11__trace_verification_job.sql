-- Interops-R Server, schema version 11: checks of the trace journal run as jobs (issue 15).
-- POST /admin/api/traces/verify and the scheduled check each leave one row; the node that took the
-- job runs it and writes its result here, so that any node answers a poll. status: QUEUED, RUNNING,
-- DONE or FAILED; a QUEUED or RUNNING row whose heartbeat_at is old is shown as abandoned (its node
-- stopped). result: the JSON report (TraceReports.toJson). scheduled_slot: the period of a scheduled
-- check (epoch seconds / period), unique, so that one node only runs the check of a period.
CREATE TABLE trace_verification_job (
  id              VARCHAR(36)   NOT NULL PRIMARY KEY,
  requested_by    VARCHAR(256)  NOT NULL,
  requested_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  node            VARCHAR(80)   NOT NULL,
  status          VARCHAR(16)   NOT NULL,
  outside_lines   INTEGER,
  scheduled_slot  BIGINT,
  started_at      TIMESTAMP WITH TIME ZONE,
  heartbeat_at    TIMESTAMP WITH TIME ZONE,
  finished_at     TIMESTAMP WITH TIME ZONE,
  intact          BOOLEAN,
  problems        BIGINT,
  result          TEXT,
  error           VARCHAR(2000)
);
CREATE INDEX ix_trace_verification_job_time ON trace_verification_job (requested_at);
CREATE UNIQUE INDEX ux_trace_verification_job_slot ON trace_verification_job (scheduled_slot);
