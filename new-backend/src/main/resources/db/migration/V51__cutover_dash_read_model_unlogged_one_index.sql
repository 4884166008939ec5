-- The tailer applies each execution exactly once, in the transaction that moves its high-water mark (the additive
-- counters of cutover_dash_student_stats rely on the same guarantee), so the primary key only cost a second index
-- entry per execution. The remaining index matches the activity query's order (newest first, unknown times last).
ALTER TABLE cutover_dash_student_executions DROP CONSTRAINT cutover_dash_student_executions_pkey;
DROP INDEX cutover_dash_student_executions_recent;
CREATE INDEX cutover_dash_student_executions_recent
    ON cutover_dash_student_executions (student_id, executed_at DESC NULLS LAST, execution_id DESC);

-- The read model is derived from cell_executions (V50): writing it to the WAL doubled the WAL of every ingested
-- execution. Unlogged, a crash empties all of these tables together - the tailer's mark row included - and the
-- tailer, finding its row gone, starts again from high_water 0 and rebuilds them. (Standbys do not receive
-- unlogged tables: the dashboard reads the primary.)
ALTER TABLE cutover_dash_tailer SET UNLOGGED;
ALTER TABLE cutover_dash_tailer_gaps SET UNLOGGED;
ALTER TABLE cutover_dash_student_stats SET UNLOGGED;
ALTER TABLE cutover_dash_significant SET UNLOGGED;
ALTER TABLE cutover_dash_student_executions SET UNLOGGED;
ALTER TABLE cutover_dash_activity SET UNLOGGED;
