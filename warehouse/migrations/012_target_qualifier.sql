-- The threshold that qualifies a target's counted noun (营业收入超50亿元 of 营业收入超50亿元企业达到12家,
-- transform/targets/numeric.py): without it the target 企业 12家 reads as any twelve firms. Rows
-- staged before this migration have none (their pages are re-extracted when the extractor's
-- fingerprint changes).
ALTER TABLE stg_targets ADD COLUMN qualifier VARCHAR;

CREATE OR REPLACE VIEW targets AS
SELECT t.region, t.year, t.section, t.indicator, t.indicator_id, t.clause,
       t.value, t.value_max, t.unit, t.value_normalized, t.unit_normalized,
       t.comparator, t.modifier, t.kind, t.scope,
       c.url, c.version AS page_version, c.fetched_at, c.sha256,
       t.page_id, t.row_no, t.clause_start, t.clause_end, t.row_hash,
       t.target_kind, t.qualifier
FROM stg_targets AS t
JOIN current_pages AS c USING (page_id);
