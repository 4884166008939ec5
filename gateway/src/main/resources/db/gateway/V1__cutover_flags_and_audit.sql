-- The gateway's tables live in their own schema "cutover" (never in public: the new backend baselines its
-- Flyway history when public is not empty). Flyway keeps the gateway's history in cutover.flyway_gateway_history.

-- Togglz JDBCStateRepository table (columns as Togglz's schema version 2, with text for the parameters).
CREATE TABLE togglz (
    feature_name    varchar(100) PRIMARY KEY,
    feature_enabled integer      NOT NULL,
    strategy_id     varchar(200),
    strategy_params text
);

-- One row per flip (a group, one or several routes, or an undo), with who, when, why and from where.
CREATE TABLE flip (
    id      bigserial   PRIMARY KEY,
    at      timestamptz NOT NULL DEFAULT now(),
    actor   text        NOT NULL,
    source  text        NOT NULL,
    scope   text        NOT NULL,
    reason  text        NOT NULL,
    undoes  bigint      REFERENCES flip (id)
);

-- The features a flip changed, from -> to (LEGACY, SHADOW, CANARY n%, NEW, or INHERIT for a route override).
CREATE TABLE flip_change (
    flip_id    bigint NOT NULL REFERENCES flip (id),
    feature    text   NOT NULL,
    from_state text   NOT NULL,
    to_state   text   NOT NULL,
    PRIMARY KEY (flip_id, feature)
);

CREATE UNIQUE INDEX flip_undone_once ON flip (undoes) WHERE undoes IS NOT NULL;
