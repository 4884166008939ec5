-- The instructor dashboard's read model. cell_executions has no index but its primary key, and legacy tables
-- must not be altered, so an incremental tailer (monitoring.dashboard.ExecutionTailer) follows
-- cell_executions by id - rows written by either worker, legacy or new - and keeps these aggregates.
-- Everything here can be rebuilt from cell_executions: truncate the cutover_dash_* tables, set high_water
-- to 0, and the tailer catches up.

-- How far the tailer has read. One row per followed table; the row lock makes one replica apply a batch.
CREATE TABLE cutover_dash_tailer (
    name varchar(64) PRIMARY KEY,
    high_water bigint NOT NULL DEFAULT 0,
    updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO cutover_dash_tailer (name) VALUES ('cell_executions');

-- Ids below high_water the tailer has not seen yet: rows of transactions that commit out of id order (or
-- sequence values never used). Rechecked on every pass; given up after cellmonitor.monitoring.dashboard.gap-timeout.
CREATE TABLE cutover_dash_tailer_gaps (
    execution_id bigint PRIMARY KEY,
    noticed_at timestamptz NOT NULL DEFAULT now()
);

-- Per student: executions and errors so far, and the newest execution (for the current notebook).
CREATE TABLE cutover_dash_student_stats (
    student_id integer PRIMARY KEY,
    executions bigint NOT NULL DEFAULT 0,
    errors bigint NOT NULL DEFAULT 0,
    last_executed_at timestamptz,
    last_execution_id bigint,
    last_notebook_id integer
);

-- Executions that were flagged significant when written. Flags only ever go from true to false (resolve-error),
-- so this list plus a primary-key check of the live flag is exactly the set of flagged rows.
CREATE TABLE cutover_dash_significant (
    execution_id bigint PRIMARY KEY,
    student_id integer NOT NULL,
    executed_at timestamptz
);
CREATE INDEX cutover_dash_significant_student ON cutover_dash_significant (student_id, executed_at DESC);

-- Which executions belong to which student, newest first (the index the legacy table lacks).
CREATE TABLE cutover_dash_student_executions (
    student_id integer NOT NULL,
    execution_id bigint NOT NULL,
    executed_at timestamptz,
    PRIMARY KEY (student_id, execution_id)
);
CREATE INDEX cutover_dash_student_executions_recent
    ON cutover_dash_student_executions (student_id, executed_at DESC, execution_id DESC);

-- Executions per 5-minute bucket (UTC, aligned to the epoch) for the activity chart and class metrics.
CREATE TABLE cutover_dash_activity (
    bucket_start timestamptz PRIMARY KEY,
    executions bigint NOT NULL DEFAULT 0,
    errors bigint NOT NULL DEFAULT 0,
    duration_sum double precision NOT NULL DEFAULT 0,
    duration_count bigint NOT NULL DEFAULT 0
);
