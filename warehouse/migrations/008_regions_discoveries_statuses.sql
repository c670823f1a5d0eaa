-- Regions of the registry (scope resolves through them), what list pages showed (discovery),
-- and the status of every target at every run, with the changes between runs.
CREATE TABLE dim_region (
    region    VARCHAR PRIMARY KEY,
    level     VARCHAR,
    parent    VARCHAR,
    names     VARCHAR[] NOT NULL,
    ancestors VARCHAR[] NOT NULL,
    alerts    VARCHAR[] NOT NULL
);

CREATE TABLE discoveries (
    url           VARCHAR PRIMARY KEY,
    list_url      VARCHAR NOT NULL,
    title         VARCHAR,
    kind          VARCHAR NOT NULL,
    region        VARCHAR,
    period        VARCHAR,
    taken         BOOLEAN NOT NULL,
    reason        VARCHAR,
    first_run_id  VARCHAR NOT NULL,
    first_seen_at TIMESTAMP NOT NULL,
    last_run_id   VARCHAR NOT NULL,
    last_seen_at  TIMESTAMP NOT NULL
);

CREATE TABLE status_history (
    run_id         VARCHAR NOT NULL,
    recorded_at    TIMESTAMP NOT NULL,
    as_of          DATE NOT NULL,
    target_key     VARCHAR NOT NULL,
    region         VARCHAR NOT NULL,
    year           INTEGER,
    indicator      VARCHAR NOT NULL,
    status         VARCHAR NOT NULL,
    target_page_id BIGINT NOT NULL,
    target_row_no  INTEGER NOT NULL,
    fact_page_id   BIGINT,
    fact_row_no    INTEGER,
    actual_value   DOUBLE,
    actual_unit    VARCHAR,
    actual_period  VARCHAR,
    PRIMARY KEY (run_id, target_key)
);

CREATE TABLE status_log (
    run_id             VARCHAR NOT NULL,
    recorded_at        TIMESTAMP NOT NULL,
    target_key         VARCHAR NOT NULL,
    region             VARCHAR NOT NULL,
    year               INTEGER,
    indicator          VARCHAR NOT NULL,
    change             VARCHAR NOT NULL,
    old_status         VARCHAR NOT NULL,
    new_status         VARCHAR NOT NULL,
    old_run_id         VARCHAR NOT NULL,
    target_page_id     BIGINT NOT NULL,
    target_row_no      INTEGER NOT NULL,
    old_fact_page_id   BIGINT,
    old_fact_row_no    INTEGER,
    old_value          DOUBLE,
    old_unit           VARCHAR,
    old_period         VARCHAR,
    new_fact_page_id   BIGINT,
    new_fact_row_no    INTEGER,
    new_value          DOUBLE,
    new_unit           VARCHAR,
    new_period         VARCHAR,
    PRIMARY KEY (run_id, target_key)
);

CREATE VIEW status_changes AS
SELECT l.run_id, l.recorded_at, l.region, l.year, l.indicator, l.change, l.old_status, l.new_status,
       t.clause AS target_clause, t.value AS target_value, t.unit AS target_unit, tp.url AS target_url,
       l.old_value, l.old_unit, l.old_period, oldf.clause AS old_clause,
       op.url AS old_url, oldf.published AS old_published,
       l.new_value, l.new_unit, l.new_period, newf.clause AS new_clause,
       np.url AS new_url, newf.published AS new_published,
       l.old_run_id, l.target_key, l.target_page_id, l.target_row_no,
       l.old_fact_page_id, l.old_fact_row_no, l.new_fact_page_id, l.new_fact_row_no
FROM status_log AS l
JOIN stg_targets AS t ON t.page_id = l.target_page_id AND t.row_no = l.target_row_no
JOIN raw_pages AS tp ON tp.page_id = l.target_page_id
LEFT JOIN stg_facts AS oldf ON oldf.page_id = l.old_fact_page_id AND oldf.row_no = l.old_fact_row_no
LEFT JOIN raw_pages AS op ON op.page_id = l.old_fact_page_id
LEFT JOIN stg_facts AS newf ON newf.page_id = l.new_fact_page_id AND newf.row_no = l.new_fact_row_no
LEFT JOIN raw_pages AS np ON np.page_id = l.new_fact_page_id;

CREATE VIEW discovered_pages AS
SELECT d.url, d.title, d.kind, d.region, d.period, d.taken, d.reason, d.list_url,
       d.first_run_id, d.first_seen_at, d.last_run_id, d.last_seen_at,
       c.page_id, c.version AS page_version,
       (SELECT count(*) FROM stg_targets AS t WHERE t.page_id = c.page_id) AS targets,
       (SELECT count(*) FROM stg_facts AS f WHERE f.page_id = c.page_id) AS facts
FROM discoveries AS d
LEFT JOIN current_pages AS c ON c.url = d.url;
