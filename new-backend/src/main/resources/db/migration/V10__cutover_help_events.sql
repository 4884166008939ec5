-- Help requests as events with their time, so the dashboard can apply the legacy's 5-minute window
-- ("newest help/help_stop wins") without InfluxDB. Written by the event worker (help, help_stop) and by
-- POST /dashboard/students/{email}/dismiss-help (help_stop); read by the dashboard.
CREATE TABLE cutover_help_events (
    id bigserial PRIMARY KEY,
    student_email varchar NOT NULL,
    kind varchar(16) NOT NULL CHECK (kind IN ('help', 'help_stop')),
    occurred_at timestamptz NOT NULL DEFAULT now(),
    source varchar(32) NOT NULL DEFAULT 'worker'
);
CREATE INDEX cutover_help_events_student_time ON cutover_help_events (student_email, occurred_at DESC);
