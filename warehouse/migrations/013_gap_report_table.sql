-- gap_report becomes a table with the same name, columns and types, written in the transaction
-- that writes mart_gap (warehouse/mart.py `build_gap_mart`). As the view of 005 it joined mart_gap
-- to stg_targets, stg_facts and raw_pages (twice) on every read: issue 14, 10,000 rows took about
-- 100 ms in DuckDB before a value reached Python. The rows are the view's rows at the time the
-- mart was built, like mart_gap itself; a page staged later shows at the next build. The rows are
-- kept in the report's reading order (region, year, target page, target row).
DROP VIEW gap_report;

CREATE TABLE gap_report AS
SELECT m.region, m.year, m.section, m.indicator, m.indicator_id, m.kind,
       m.comparator, m.modifier, m.target_value, m.target_value_max, m.target_unit,
       m.target_value_normalized, m.target_unit_normalized,
       m.actual_value, m.actual_unit, m.actual_value_normalized, m.actual_unit_normalized,
       m.actual_measure, m.actual_period, m.actual_in_target_unit, m.expected_value, m.tolerance,
       m.status, m.reason, m.attainment, m.gap, m.basis, m.basis_period,
       tp.url AS target_url, t.clause AS target_clause,
       fp.url AS actual_url, f.clause AS actual_clause,
       f.publication AS actual_publication, f.published AS actual_published,
       m.dictionary_version, m.as_of,
       tp.fetched_at AS target_fetched_at, tp.sha256 AS target_sha256,
       fp.fetched_at AS actual_fetched_at, fp.sha256 AS actual_sha256,
       m.target_page_id, m.target_row_no
FROM mart_gap AS m
JOIN stg_targets AS t ON t.page_id = m.target_page_id AND t.row_no = m.target_row_no
JOIN raw_pages AS tp ON tp.page_id = m.target_page_id
LEFT JOIN stg_facts AS f ON f.page_id = m.fact_page_id AND f.row_no = m.fact_row_no
LEFT JOIN raw_pages AS fp ON fp.page_id = m.fact_page_id
ORDER BY m.region, m.year, m.target_page_id, m.target_row_no;
