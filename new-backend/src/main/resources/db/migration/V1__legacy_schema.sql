-- The legacy schema exactly as the FastAPI service's Base.metadata.create_all leaves it
-- (CONTRACT.md §5.1, checked against pg_dump). On a database the legacy already created, Flyway
-- baselines at version 1 and this script never runs (spring.flyway.baseline-on-migrate).
-- Tables the toolkit adds are named cutover_* and live in later migrations.

CREATE TYPE public.instructorstatus AS ENUM (
    'AVAILABLE',
    'IN_SESSION',
    'BREAK',
    'OFFLINE'
);

CREATE TABLE public.assignment_submissions (
    id integer NOT NULL,
    assignment_id integer NOT NULL,
    student_id integer NOT NULL,
    submitted_at timestamp with time zone DEFAULT now(),
    status character varying,
    grade double precision,
    feedback text
);

CREATE SEQUENCE public.assignment_submissions_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.assignment_submissions_id_seq OWNED BY public.assignment_submissions.id;

CREATE TABLE public.cell_executions (
    id integer NOT NULL,
    execution_id character varying NOT NULL,
    notebook_id integer NOT NULL,
    cell_id integer NOT NULL,
    student_id integer NOT NULL,
    session_id integer NOT NULL,
    executed_at timestamp with time zone DEFAULT now(),
    execution_count integer,
    status character varying NOT NULL,
    duration double precision,
    error_message text,
    output text,
    code_content text,
    cell_index integer,
    cell_type character varying,
    consecutive_error_count integer,
    is_significant_error boolean
);

CREATE SEQUENCE public.cell_executions_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.cell_executions_id_seq OWNED BY public.cell_executions.id;

CREATE TABLE public.cells (
    id integer NOT NULL,
    cell_id character varying NOT NULL,
    notebook_id integer NOT NULL,
    cell_type character varying NOT NULL,
    "position" integer,
    content text,
    cell_metadata text
);

CREATE SEQUENCE public.cells_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.cells_id_seq OWNED BY public.cells.id;

CREATE TABLE public.class_assignments (
    id integer NOT NULL,
    class_id integer NOT NULL,
    notebook_id integer NOT NULL,
    title character varying NOT NULL,
    description text,
    due_date timestamp with time zone,
    points double precision,
    created_at timestamp with time zone DEFAULT now(),
    updated_at timestamp with time zone
);

CREATE SEQUENCE public.class_assignments_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.class_assignments_id_seq OWNED BY public.class_assignments.id;

CREATE TABLE public.classes (
    id integer NOT NULL,
    class_code character varying NOT NULL,
    name character varying NOT NULL,
    description text,
    instructor_id integer,
    start_date timestamp with time zone,
    end_date timestamp with time zone,
    is_active boolean,
    created_at timestamp with time zone DEFAULT now(),
    updated_at timestamp with time zone
);

CREATE SEQUENCE public.classes_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.classes_id_seq OWNED BY public.classes.id;

CREATE TABLE public.classroom_maps (
    id integer NOT NULL,
    image_filename character varying(255) NOT NULL,
    image_url text NOT NULL,
    original_filename character varying(255),
    uploaded_at timestamp without time zone NOT NULL,
    uploaded_by character varying(255),
    is_active boolean NOT NULL,
    file_size_bytes integer,
    content_type character varying(100)
);

CREATE SEQUENCE public.classroom_maps_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.classroom_maps_id_seq OWNED BY public.classroom_maps.id;

CREATE TABLE public.instructor_status_history (
    id integer NOT NULL,
    instructor_id integer NOT NULL,
    status public.instructorstatus NOT NULL,
    started_at timestamp with time zone DEFAULT now(),
    ended_at timestamp with time zone,
    duration_minutes integer
);

CREATE SEQUENCE public.instructor_status_history_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.instructor_status_history_id_seq OWNED BY public.instructor_status_history.id;

CREATE TABLE public.instructors (
    id integer NOT NULL,
    email character varying(255) NOT NULL,
    password_hash character varying(255) NOT NULL,
    name character varying(255) NOT NULL,
    role character varying(50),
    is_active boolean,
    status public.instructorstatus NOT NULL,
    current_session_id integer,
    status_updated_at timestamp with time zone DEFAULT now(),
    last_login_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now(),
    updated_at timestamp with time zone
);

CREATE SEQUENCE public.instructors_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.instructors_id_seq OWNED BY public.instructors.id;

CREATE TABLE public.notebook_accesses (
    id integer NOT NULL,
    student_id integer NOT NULL,
    notebook_id integer NOT NULL,
    accessed_at timestamp with time zone DEFAULT now(),
    action character varying NOT NULL
);

CREATE SEQUENCE public.notebook_accesses_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.notebook_accesses_id_seq OWNED BY public.notebook_accesses.id;

CREATE TABLE public.notebooks (
    id integer NOT NULL,
    path character varying NOT NULL,
    name character varying NOT NULL,
    created_at timestamp with time zone DEFAULT now(),
    updated_at timestamp with time zone,
    last_modified timestamp with time zone,
    notebook_metadata text
);

CREATE SEQUENCE public.notebooks_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.notebooks_id_seq OWNED BY public.notebooks.id;

CREATE TABLE public.sessions (
    id integer NOT NULL,
    session_id character varying NOT NULL,
    student_id integer NOT NULL,
    start_time timestamp with time zone DEFAULT now(),
    end_time timestamp with time zone,
    is_active boolean,
    ip_address character varying,
    user_agent character varying
);

CREATE SEQUENCE public.sessions_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.sessions_id_seq OWNED BY public.sessions.id;

CREATE TABLE public.student_classes (
    id integer NOT NULL,
    student_id integer NOT NULL,
    class_id integer NOT NULL,
    joined_at timestamp with time zone DEFAULT now(),
    role character varying
);

CREATE SEQUENCE public.student_classes_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.student_classes_id_seq OWNED BY public.student_classes.id;

CREATE TABLE public.students (
    id integer NOT NULL,
    email character varying NOT NULL,
    name character varying,
    team_id integer,
    is_requesting_help boolean NOT NULL,
    created_at timestamp with time zone DEFAULT now(),
    updated_at timestamp with time zone
);

CREATE SEQUENCE public.students_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.students_id_seq OWNED BY public.students.id;

CREATE TABLE public.system_settings (
    id integer NOT NULL,
    setting_key character varying NOT NULL,
    setting_value text NOT NULL,
    setting_type character varying NOT NULL,
    description text,
    is_active boolean,
    created_at timestamp with time zone DEFAULT now(),
    updated_at timestamp with time zone
);

CREATE SEQUENCE public.system_settings_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.system_settings_id_seq OWNED BY public.system_settings.id;

CREATE TABLE public.team_positions (
    id integer NOT NULL,
    map_id integer NOT NULL,
    team_name character varying(100) NOT NULL,
    position_x numeric(5,2) NOT NULL,
    position_y numeric(5,2) NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    updated_by character varying(255)
);

CREATE SEQUENCE public.team_positions_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.team_positions_id_seq OWNED BY public.team_positions.id;

CREATE TABLE public.teams (
    id integer NOT NULL,
    team_name character varying NOT NULL,
    description text,
    created_at timestamp with time zone DEFAULT now(),
    updated_at timestamp with time zone
);

CREATE SEQUENCE public.teams_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.teams_id_seq OWNED BY public.teams.id;

ALTER TABLE ONLY public.assignment_submissions ALTER COLUMN id SET DEFAULT nextval('public.assignment_submissions_id_seq'::regclass);

ALTER TABLE ONLY public.cell_executions ALTER COLUMN id SET DEFAULT nextval('public.cell_executions_id_seq'::regclass);

ALTER TABLE ONLY public.cells ALTER COLUMN id SET DEFAULT nextval('public.cells_id_seq'::regclass);

ALTER TABLE ONLY public.class_assignments ALTER COLUMN id SET DEFAULT nextval('public.class_assignments_id_seq'::regclass);

ALTER TABLE ONLY public.classes ALTER COLUMN id SET DEFAULT nextval('public.classes_id_seq'::regclass);

ALTER TABLE ONLY public.classroom_maps ALTER COLUMN id SET DEFAULT nextval('public.classroom_maps_id_seq'::regclass);

ALTER TABLE ONLY public.instructor_status_history ALTER COLUMN id SET DEFAULT nextval('public.instructor_status_history_id_seq'::regclass);

ALTER TABLE ONLY public.instructors ALTER COLUMN id SET DEFAULT nextval('public.instructors_id_seq'::regclass);

ALTER TABLE ONLY public.notebook_accesses ALTER COLUMN id SET DEFAULT nextval('public.notebook_accesses_id_seq'::regclass);

ALTER TABLE ONLY public.notebooks ALTER COLUMN id SET DEFAULT nextval('public.notebooks_id_seq'::regclass);

ALTER TABLE ONLY public.sessions ALTER COLUMN id SET DEFAULT nextval('public.sessions_id_seq'::regclass);

ALTER TABLE ONLY public.student_classes ALTER COLUMN id SET DEFAULT nextval('public.student_classes_id_seq'::regclass);

ALTER TABLE ONLY public.students ALTER COLUMN id SET DEFAULT nextval('public.students_id_seq'::regclass);

ALTER TABLE ONLY public.system_settings ALTER COLUMN id SET DEFAULT nextval('public.system_settings_id_seq'::regclass);

ALTER TABLE ONLY public.team_positions ALTER COLUMN id SET DEFAULT nextval('public.team_positions_id_seq'::regclass);

ALTER TABLE ONLY public.teams ALTER COLUMN id SET DEFAULT nextval('public.teams_id_seq'::regclass);

ALTER TABLE ONLY public.assignment_submissions
    ADD CONSTRAINT assignment_submissions_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.cell_executions
    ADD CONSTRAINT cell_executions_execution_id_key UNIQUE (execution_id);

ALTER TABLE ONLY public.cell_executions
    ADD CONSTRAINT cell_executions_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.cells
    ADD CONSTRAINT cells_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.class_assignments
    ADD CONSTRAINT class_assignments_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.classes
    ADD CONSTRAINT classes_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.classroom_maps
    ADD CONSTRAINT classroom_maps_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.instructor_status_history
    ADD CONSTRAINT instructor_status_history_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.instructors
    ADD CONSTRAINT instructors_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.notebook_accesses
    ADD CONSTRAINT notebook_accesses_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.notebooks
    ADD CONSTRAINT notebooks_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.sessions
    ADD CONSTRAINT sessions_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.student_classes
    ADD CONSTRAINT student_classes_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.students
    ADD CONSTRAINT students_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.system_settings
    ADD CONSTRAINT system_settings_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.team_positions
    ADD CONSTRAINT team_positions_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.teams
    ADD CONSTRAINT teams_pkey PRIMARY KEY (id);

CREATE INDEX ix_assignment_submissions_id ON public.assignment_submissions USING btree (id);

CREATE INDEX ix_cell_executions_id ON public.cell_executions USING btree (id);

CREATE INDEX ix_cells_cell_id ON public.cells USING btree (cell_id);

CREATE INDEX ix_cells_id ON public.cells USING btree (id);

CREATE INDEX ix_class_assignments_id ON public.class_assignments USING btree (id);

CREATE UNIQUE INDEX ix_classes_class_code ON public.classes USING btree (class_code);

CREATE INDEX ix_classes_id ON public.classes USING btree (id);

CREATE INDEX ix_classroom_maps_id ON public.classroom_maps USING btree (id);

CREATE INDEX ix_classroom_maps_is_active ON public.classroom_maps USING btree (is_active);

CREATE INDEX ix_classroom_maps_uploaded_at ON public.classroom_maps USING btree (uploaded_at);

CREATE INDEX ix_instructor_status_history_id ON public.instructor_status_history USING btree (id);

CREATE UNIQUE INDEX ix_instructors_email ON public.instructors USING btree (email);

CREATE INDEX ix_instructors_id ON public.instructors USING btree (id);

CREATE INDEX ix_notebook_accesses_id ON public.notebook_accesses USING btree (id);

CREATE INDEX ix_notebooks_id ON public.notebooks USING btree (id);

CREATE INDEX ix_notebooks_name ON public.notebooks USING btree (name);

CREATE UNIQUE INDEX ix_notebooks_path ON public.notebooks USING btree (path);

CREATE INDEX ix_sessions_id ON public.sessions USING btree (id);

CREATE UNIQUE INDEX ix_sessions_session_id ON public.sessions USING btree (session_id);

CREATE INDEX ix_student_classes_id ON public.student_classes USING btree (id);

CREATE UNIQUE INDEX ix_students_email ON public.students USING btree (email);

CREATE INDEX ix_students_id ON public.students USING btree (id);

CREATE INDEX ix_students_name ON public.students USING btree (name);

CREATE INDEX ix_system_settings_id ON public.system_settings USING btree (id);

CREATE UNIQUE INDEX ix_system_settings_setting_key ON public.system_settings USING btree (setting_key);

CREATE INDEX ix_team_positions_id ON public.team_positions USING btree (id);

CREATE INDEX ix_team_positions_map_id ON public.team_positions USING btree (map_id);

CREATE INDEX ix_team_positions_team_name ON public.team_positions USING btree (team_name);

CREATE INDEX ix_teams_id ON public.teams USING btree (id);

CREATE UNIQUE INDEX ix_teams_team_name ON public.teams USING btree (team_name);

ALTER TABLE ONLY public.assignment_submissions
    ADD CONSTRAINT assignment_submissions_assignment_id_fkey FOREIGN KEY (assignment_id) REFERENCES public.class_assignments(id);

ALTER TABLE ONLY public.assignment_submissions
    ADD CONSTRAINT assignment_submissions_student_id_fkey FOREIGN KEY (student_id) REFERENCES public.students(id);

ALTER TABLE ONLY public.cell_executions
    ADD CONSTRAINT cell_executions_cell_id_fkey FOREIGN KEY (cell_id) REFERENCES public.cells(id);

ALTER TABLE ONLY public.cell_executions
    ADD CONSTRAINT cell_executions_notebook_id_fkey FOREIGN KEY (notebook_id) REFERENCES public.notebooks(id);

ALTER TABLE ONLY public.cell_executions
    ADD CONSTRAINT cell_executions_session_id_fkey FOREIGN KEY (session_id) REFERENCES public.sessions(id);

ALTER TABLE ONLY public.cell_executions
    ADD CONSTRAINT cell_executions_student_id_fkey FOREIGN KEY (student_id) REFERENCES public.students(id);

ALTER TABLE ONLY public.cells
    ADD CONSTRAINT cells_notebook_id_fkey FOREIGN KEY (notebook_id) REFERENCES public.notebooks(id);

ALTER TABLE ONLY public.class_assignments
    ADD CONSTRAINT class_assignments_class_id_fkey FOREIGN KEY (class_id) REFERENCES public.classes(id);

ALTER TABLE ONLY public.class_assignments
    ADD CONSTRAINT class_assignments_notebook_id_fkey FOREIGN KEY (notebook_id) REFERENCES public.notebooks(id);

ALTER TABLE ONLY public.classes
    ADD CONSTRAINT classes_instructor_id_fkey FOREIGN KEY (instructor_id) REFERENCES public.instructors(id);

ALTER TABLE ONLY public.instructor_status_history
    ADD CONSTRAINT instructor_status_history_instructor_id_fkey FOREIGN KEY (instructor_id) REFERENCES public.instructors(id);

ALTER TABLE ONLY public.instructors
    ADD CONSTRAINT instructors_current_session_id_fkey FOREIGN KEY (current_session_id) REFERENCES public.sessions(id);

ALTER TABLE ONLY public.notebook_accesses
    ADD CONSTRAINT notebook_accesses_notebook_id_fkey FOREIGN KEY (notebook_id) REFERENCES public.notebooks(id);

ALTER TABLE ONLY public.notebook_accesses
    ADD CONSTRAINT notebook_accesses_student_id_fkey FOREIGN KEY (student_id) REFERENCES public.students(id);

ALTER TABLE ONLY public.sessions
    ADD CONSTRAINT sessions_student_id_fkey FOREIGN KEY (student_id) REFERENCES public.students(id);

ALTER TABLE ONLY public.student_classes
    ADD CONSTRAINT student_classes_class_id_fkey FOREIGN KEY (class_id) REFERENCES public.classes(id);

ALTER TABLE ONLY public.student_classes
    ADD CONSTRAINT student_classes_student_id_fkey FOREIGN KEY (student_id) REFERENCES public.students(id);

ALTER TABLE ONLY public.students
    ADD CONSTRAINT students_team_id_fkey FOREIGN KEY (team_id) REFERENCES public.teams(id);

ALTER TABLE ONLY public.team_positions
    ADD CONSTRAINT team_positions_map_id_fkey FOREIGN KEY (map_id) REFERENCES public.classroom_maps(id) ON DELETE CASCADE;
