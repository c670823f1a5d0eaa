-- Raw pages (bytes + provenance) and the staging layer of extracted targets and facts.
CREATE SEQUENCE IF NOT EXISTS raw_pages_seq START 1;

CREATE TABLE raw_pages (
    page_id       BIGINT PRIMARY KEY,
    url           VARCHAR NOT NULL,
    version       INTEGER NOT NULL,
    region        VARCHAR NOT NULL,
    kind          VARCHAR NOT NULL,
    period_hint   VARCHAR,
    title         VARCHAR,
    fetched_at    TIMESTAMP NOT NULL,
    http_status   INTEGER NOT NULL,
    etag          VARCHAR,
    last_modified VARCHAR,
    sha256        VARCHAR NOT NULL,
    encoding      VARCHAR,
    bytes         BLOB NOT NULL,
    size          BIGINT NOT NULL,
    content_type  VARCHAR,
    UNIQUE (url, version)
);

CREATE TABLE stg_targets (
    page_id          BIGINT NOT NULL REFERENCES raw_pages (page_id),
    row_no           INTEGER NOT NULL,
    clause           VARCHAR NOT NULL,
    clause_start     INTEGER NOT NULL,
    clause_end       INTEGER NOT NULL,
    indicator        VARCHAR NOT NULL,
    indicator_id     VARCHAR,
    value            DOUBLE,
    value_max        DOUBLE,
    unit             VARCHAR,
    value_normalized DOUBLE,
    unit_normalized  VARCHAR,
    comparator       VARCHAR,
    modifier         VARCHAR,
    kind             VARCHAR NOT NULL,
    section          VARCHAR,
    year             INTEGER,
    region           VARCHAR NOT NULL,
    scope            VARCHAR,
    extracted_at     TIMESTAMP NOT NULL,
    row_hash         VARCHAR NOT NULL,
    PRIMARY KEY (page_id, row_no)
);

CREATE TABLE stg_facts (
    page_id          BIGINT NOT NULL REFERENCES raw_pages (page_id),
    row_no           INTEGER NOT NULL,
    clause           VARCHAR NOT NULL,
    clause_start     INTEGER NOT NULL,
    clause_end       INTEGER NOT NULL,
    indicator        VARCHAR NOT NULL,
    indicator_id     VARCHAR,
    value            DOUBLE,
    unit             VARCHAR,
    value_normalized DOUBLE,
    unit_normalized  VARCHAR,
    measure          VARCHAR NOT NULL,
    period           VARCHAR,
    publication      VARCHAR,
    published        VARCHAR,
    region           VARCHAR NOT NULL,
    scope            VARCHAR,
    extracted_at     TIMESTAMP NOT NULL,
    row_hash         VARCHAR NOT NULL,
    PRIMARY KEY (page_id, row_no)
);
