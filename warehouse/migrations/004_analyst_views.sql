-- Views for analysts: current targets, every fact vintage, the gap report and provenance.
CREATE VIEW current_pages AS
SELECT p.page_id, p.url, p.version, p.region, p.kind, p.period_hint, p.fetched_at, p.sha256
FROM raw_pages AS p
WHERE p.version = (SELECT max(q.version) FROM raw_pages AS q WHERE q.url = p.url);

CREATE VIEW targets AS
SELECT t.region, t.year, t.section, t.indicator, t.indicator_id, t.clause,
       t.value, t.value_max, t.unit, t.value_normalized, t.unit_normalized,
       t.comparator, t.modifier, t.kind, t.scope,
       c.url, c.version AS page_version, c.fetched_at, c.sha256,
       t.page_id, t.row_no, t.clause_start, t.clause_end, t.row_hash
FROM stg_targets AS t
JOIN current_pages AS c USING (page_id);

CREATE VIEW facts AS
SELECT f.region, f.scope, f.indicator, f.indicator_id, f.measure, f.period,
       f.value, f.unit, f.value_normalized, f.unit_normalized,
       f.publication, f.published, f.clause,
       p.url, p.version AS page_version, p.fetched_at, p.sha256,
       row_number() OVER w AS vintage,
       row_number() OVER w = count(*) OVER (PARTITION BY coalesce(f.indicator_id, f.indicator),
           f.region, f.scope, f.period, f.measure) AS is_latest_vintage,
       f.page_id, f.row_no, f.clause_start, f.clause_end, f.row_hash
FROM stg_facts AS f
JOIN raw_pages AS p USING (page_id)
WINDOW w AS (PARTITION BY coalesce(f.indicator_id, f.indicator), f.region, f.scope, f.period, f.measure
             ORDER BY f.published NULLS FIRST, p.fetched_at, f.page_id, f.row_no);

CREATE VIEW gap_report AS
SELECT m.region, m.year, m.section, m.indicator, m.indicator_id, m.kind,
       m.comparator, m.modifier, m.target_value, m.target_value_max, m.target_unit,
       m.target_value_normalized, m.target_unit_normalized,
       m.actual_value, m.actual_unit, m.actual_value_normalized, m.actual_unit_normalized,
       m.actual_measure, m.actual_period, m.actual_in_target_unit, m.expected_value, m.tolerance,
       m.status, m.reason, m.attainment, m.gap, m.basis, m.basis_period,
       tp.url AS target_url, t.clause AS target_clause,
       fp.url AS actual_url, f.clause AS actual_clause,
       f.publication AS actual_publication, f.published AS actual_published,
       m.dictionary_version, m.as_of
FROM mart_gap AS m
JOIN stg_targets AS t ON t.page_id = m.target_page_id AND t.row_no = m.target_row_no
JOIN raw_pages AS tp ON tp.page_id = m.target_page_id
LEFT JOIN stg_facts AS f ON f.page_id = m.fact_page_id AND f.row_no = m.fact_row_no
LEFT JOIN raw_pages AS fp ON fp.page_id = m.fact_page_id;

CREATE VIEW provenance AS
SELECT 'target' AS layer, t.page_id, t.row_no, t.region, t.indicator, t.indicator_id,
       t.value, t.unit, t.clause, t.clause_start, t.clause_end,
       p.url, p.version AS page_version, p.fetched_at, p.sha256,
       NULL::VARCHAR AS publication, NULL::VARCHAR AS published
FROM stg_targets AS t JOIN raw_pages AS p USING (page_id)
UNION ALL
SELECT 'fact' AS layer, f.page_id, f.row_no, f.region, f.indicator, f.indicator_id,
       f.value, f.unit, f.clause, f.clause_start, f.clause_end,
       p.url, p.version AS page_version, p.fetched_at, p.sha256,
       f.publication, f.published
FROM stg_facts AS f JOIN raw_pages AS p USING (page_id);
