-- gap_report becomes a table with the same name, columns and types, written in the transaction
-- that writes mart_gap (warehouse/mart.py `build_gap_mart`). As the view of 005 it joined mart_gap
-- to stg_targets, stg_facts and raw_pages (twice) on every read: issue 14, 10,000 rows took about
-- 100 ms in DuckDB before a value reached Python. The rows are the view's rows at the time the
-- mart was built, like mart_gap itself; a page staged later shows at the next build. The rows are
-- kept in the report's reading order (region, year, target page, target row).
-- The table is made from the view itself (same columns, types and rows), so the view's SELECT is
-- written once more only where the table is refilled (warehouse/mart.py `_GAP_REPORT`).
ALTER VIEW gap_report RENAME TO gap_report_view_005;
CREATE TABLE gap_report AS
SELECT * FROM gap_report_view_005 ORDER BY region, year, target_page_id, target_row_no;
DROP VIEW gap_report_view_005;
