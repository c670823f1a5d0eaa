-- The indicator dictionary, the run log and data-quality results.
CREATE TABLE dim_indicator (
    indicator_id       VARCHAR PRIMARY KEY,
    name               VARCHAR NOT NULL,
    synonyms           VARCHAR[],
    patterns           VARCHAR[],
    exclude            VARCHAR[],
    unit               VARCHAR,
    kind               VARCHAR,
    direction          VARCHAR,
    accumulates        BOOLEAN NOT NULL,
    dictionary_version VARCHAR NOT NULL
);

CREATE TABLE run_log (
    run_id             VARCHAR PRIMARY KEY,
    started_at         TIMESTAMP NOT NULL,
    ended_at           TIMESTAMP,
    result             VARCHAR NOT NULL,
    pages              INTEGER,
    pages_new          INTEGER,
    pages_not_modified INTEGER,
    targets            INTEGER,
    facts              INTEGER,
    gap_rows           INTEGER,
    dq_failed          INTEGER,
    error_message      VARCHAR
);

CREATE TABLE dq_results (
    run_id           VARCHAR NOT NULL,
    suite            VARCHAR NOT NULL,
    table_name       VARCHAR NOT NULL,
    expectation      VARCHAR NOT NULL,
    column_name      VARCHAR,
    success          BOOLEAN NOT NULL,
    observed_value   VARCHAR,
    unexpected_count BIGINT
);
