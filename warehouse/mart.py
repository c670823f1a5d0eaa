"""Build mart_gap: read the current staged targets and all staged facts, judge each target (warehouse/gap.py), write.

The gap_report table (the analysts' and the report's read, migration 013) is mart_gap joined to the
sentences and pages of both sides; it is rewritten in the same transaction as mart_gap, so the
two never disagree and a read of it is a scan, not four joins."""
from __future__ import annotations

from collections import defaultdict
from datetime import date

import duckdb

from plangap.warehouse.db import transaction
from plangap.warehouse.errors import LoadError
from plangap.warehouse.gap import FactRow, TargetRow, judge
from plangap.warehouse.load import bulk_insert

_TARGETS = """
SELECT t.page_id, t.row_no, t.region, t.scope, t.indicator_id, t.kind, t.value, t.value_max, t.unit,
       t.value_normalized, t.unit_normalized, t.comparator, t.modifier, t.year,
       d.direction, coalesce(d.accumulates, false), d.kind, coalesce(t.target_kind, 'annual'),
       t.section, t.indicator, d.dictionary_version
FROM stg_targets AS t
JOIN (SELECT page_id FROM raw_pages
      QUALIFY row_number() OVER (PARTITION BY url ORDER BY version DESC) = 1) AS current USING (page_id)
LEFT JOIN dim_indicator AS d USING (indicator_id)
ORDER BY t.page_id, t.row_no
"""

# A figure of a region the registry holds below the page's region (a county's row in a city's
# bulletin, a city's in a province's) is that region's, as a whole: its scope names the region,
# or its indicator words lead with the region's full name (成都市实现地区生产总值). Any other
# scope stays, and never matches a target of the region (warehouse/gap.py).
_FACTS = """
SELECT f.page_id, f.row_no, f.indicator_id, coalesce(r.region, f.region) AS region,
       CASE WHEN r.region IS NULL THEN f.scope END AS scope, f.measure, f.period,
       f.value_normalized, f.unit_normalized, f.published, p.fetched_at,
       f.value, f.unit
FROM stg_facts AS f
JOIN raw_pages AS p USING (page_id)
LEFT JOIN (SELECT region, unnest(names) AS name, ancestors FROM dim_region) AS r
       ON list_contains(r.ancestors, f.region)
      AND (r.name = f.scope OR (f.scope IS NULL AND r.name = r.region AND starts_with(f.indicator, r.region)))
WHERE f.indicator_id IS NOT NULL AND f.value_normalized IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY f.page_id, f.row_no ORDER BY length(r.name) DESC NULLS LAST) = 1
"""

#: gap_report's rows from mart_gap, in the report's reading order (the SELECT of migration 013)
_GAP_REPORT = """
INSERT INTO gap_report BY NAME
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
ORDER BY m.region, m.year, m.target_page_id, m.target_row_no
"""

_COLUMNS = (
    "target_page_id", "target_row_no", "region", "year", "section", "indicator", "indicator_id", "kind",
    "comparator", "modifier", "target_value", "target_value_max", "target_unit", "target_value_normalized",
    "target_unit_normalized", "fact_page_id", "fact_row_no", "actual_value", "actual_unit", "actual_value_normalized",
    "actual_unit_normalized", "actual_measure", "actual_period", "actual_in_target_unit", "expected_value", "tolerance",
    "status", "reason", "attainment", "gap", "basis", "basis_period", "dictionary_version", "as_of",
)


def _r(x: float | None) -> float | None:
    """Round away binary noise (0.1 + 0.2) so reports show what the arithmetic means."""
    return None if x is None else round(x, 9)


def build_gap_mart(conn: duckdb.DuckDBPyConnection, as_of: date) -> int:
    """Rebuild mart_gap as of `as_of`, and gap_report from it, in one transaction; return its row count."""
    facts_by_key: dict[tuple[str, str], list[FactRow]] = defaultdict(list)
    written: dict[tuple[int, int], tuple[float | None, str | None]] = {}
    for row in conn.execute(_FACTS).fetchall():
        fact = FactRow(*row[:11])
        facts_by_key[(fact.indicator_id, fact.region)].append(fact)
        written[(fact.page_id, fact.row_no)] = (row[11], row[12])
    rows = []
    for row in conn.execute(_TARGETS).fetchall():
        target = TargetRow(*row[:18])
        section, indicator, dict_version = row[18:]
        j = judge(target, facts_by_key.get((target.indicator_id or "", target.region), []), as_of)
        f = j.fact
        value, unit = written[(f.page_id, f.row_no)] if f else (None, None)
        rows.append((
            target.page_id, target.row_no, target.region, target.year, section, indicator, target.indicator_id,
            target.kind, target.comparator, target.modifier, target.value, target.value_max, target.unit,
            target.value_normalized, target.unit_normalized,
            f.page_id if f else None, f.row_no if f else None, value, unit,
            f.value_normalized if f else None, f.unit_normalized if f else None,
            f.measure if f else None, f.period if f else None,
            _r(j.actual), _r(j.expected), _r(j.tolerance), j.status, j.reason, _r(j.attainment), _r(j.gap),
            j.basis, j.basis_period, dict_version, as_of,
        ))
    try:
        with transaction(conn):
            conn.execute("DELETE FROM mart_gap")
            if rows:
                bulk_insert(conn, "mart_gap", _COLUMNS, rows)
            conn.execute("DELETE FROM gap_report")
            conn.execute(_GAP_REPORT)
    except duckdb.Error as exc:
        raise LoadError(f"building mart_gap failed: {exc}") from exc
    return len(rows)


def status_counts(conn: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """status -> number of targets in mart_gap."""
    rows = conn.execute("SELECT status, count(*) FROM mart_gap GROUP BY status ORDER BY status").fetchall()
    return {s: n for s, n in rows}
