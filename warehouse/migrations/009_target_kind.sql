-- The kind of a target (transform/targets/in_parts.py): annual, five_year_avg (年均), cumulative
-- (累计), level_by_year (a level due by its year, the goals of a five-year period). Rows staged
-- before this migration are annual targets of their year.
ALTER TABLE stg_targets ADD COLUMN target_kind VARCHAR;
UPDATE stg_targets SET target_kind = 'annual' WHERE target_kind IS NULL;

CREATE OR REPLACE VIEW targets AS
SELECT t.region, t.year, t.section, t.indicator, t.indicator_id, t.clause,
       t.value, t.value_max, t.unit, t.value_normalized, t.unit_normalized,
       t.comparator, t.modifier, t.kind, t.scope,
       c.url, c.version AS page_version, c.fetched_at, c.sha256,
       t.page_id, t.row_no, t.clause_start, t.clause_end, t.row_hash,
       t.target_kind
FROM stg_targets AS t
JOIN current_pages AS c USING (page_id);
