-- Consecutive-error state per (student, cell), so the worker never scans cell_executions: the legacy schema has no
-- index on (student_id, cell_id) and the toolkit may not add one to a legacy table. streak = number of leading
-- 'error' rows among the 10 newest executions (CONTRACT.md §7.4); last_execution_id = the newest
-- cell_executions.id already counted, which makes catching up on rows written by the legacy worker idempotent.
-- Pairs without a row have streak 0. The worker fills the table from the legacy's history when it first starts.
CREATE TABLE cutover_error_streaks (
    student_id integer NOT NULL,
    cell_id integer NOT NULL,
    streak integer NOT NULL,
    last_execution_id bigint NOT NULL,
    PRIMARY KEY (student_id, cell_id)
);

-- Small named counters of the worker; 'error_streaks' = the highest cell_executions.id the streaks account for.
CREATE TABLE cutover_worker_state (
    name varchar(64) PRIMARY KEY,
    value bigint NOT NULL
);
