-- What each page says about itself: title, publication date, plan/statistics year and the
-- disclosure metadata (信息名称, 索引号, 发布机构, 生成日期 ...), one row per page version.
CREATE TABLE stg_pages (
    page_id     BIGINT PRIMARY KEY REFERENCES raw_pages (page_id),
    title       VARCHAR,
    published   VARCHAR,
    year        INTEGER,
    encoding    VARCHAR,
    meta        MAP(VARCHAR, VARCHAR),
    body_chars  INTEGER NOT NULL
);
