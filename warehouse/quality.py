"""What the data-quality gate reads: the warehouse tables and the frames that compare this run
with the last good run (docs/checks.md).

The last good run is the latest run_log row with result 'success'. A run works on a copy of
the last good warehouse and a failed run's copy is thrown away, so the working copy holds the
last good run's rows plus what this run changed. The baseline version of an address is its
highest version fetched no later than the end of the last good run; the current version is its
highest version (`current_pages`). Versions fetched after that end came from this run. Without
a successful run there is no baseline: every page is new and meets the absolute floors only.
A page whose bytes did not change keeps its page id, so it is compared with itself.
"""
from __future__ import annotations

from collections.abc import Callable

import duckdb
import pandas as pd

from plangap.warehouse.frames import table_frame

Conn = duckdb.DuckDBPyConnection

#: the run_log result of a run whose warehouse was published
SUCCESS = "success"

#: the year a source announced for a page: the last year of the registry's period hint, else the
#: first year written in the link title (c: current_pages, p: raw_pages)
_ANNOUNCED = ("coalesce(TRY_CAST(list_last(regexp_extract_all(c.period_hint, '\\d{4}')) AS INTEGER),"
              " TRY_CAST(regexp_extract(p.title, '((?:19|20)\\d{2})年', 1) AS INTEGER))")
#: the last year of a fact's period (2021-01/2021-09 -> 2021, 2020-12-31 -> 2020)
_PERIOD_YEAR = "TRY_CAST(list_last(regexp_extract_all(f.period, '\\d{4}')) AS INTEGER)"

#: current and baseline version of every address (no baseline before the first good run)
_VERSIONS = """
WITH last_good AS (
    SELECT max(ended_at) AS ended_at FROM run_log WHERE result = ? AND ended_at IS NOT NULL
), base AS (
    SELECT p.url, max(p.version) AS version
    FROM raw_pages AS p, last_good AS g
    WHERE g.ended_at IS NOT NULL AND p.fetched_at <= g.ended_at
    GROUP BY p.url
), versions AS (
    SELECT c.url, c.kind, c.region, c.page_id, c.sha256, b.page_id AS base_page_id, b.sha256 AS base_sha256
    FROM current_pages AS c
    LEFT JOIN base USING (url)
    LEFT JOIN raw_pages AS b ON b.url = base.url AND b.version = base.version
)
"""


def last_good_run(conn: Conn) -> tuple[str, object] | None:
    """(run_id, ended_at) of the last run that succeeded, or None."""
    rows = conn.execute("SELECT run_id, ended_at FROM run_log WHERE result = ? AND ended_at IS NOT NULL"
                        " ORDER BY ended_at DESC LIMIT 1", [SUCCESS]).fetchall()
    return (rows[0][0], rows[0][1]) if rows else None


def current_pages_frame(conn: Conn) -> pd.DataFrame:
    """One row per address at its current version: the year the page says it is about
    (`doc_year`), the year the registry or the link announced (`announced_year`: the last year
    of the period hint, else the first year in the link title), and how many current addresses
    carry the same bytes (`same_content`)."""
    return conn.execute(f"""
        SELECT c.url, c.kind, c.region, c.page_id, c.version, c.sha256, c.period_hint, p.title AS link_title,
               s.year AS doc_year,
               {_ANNOUNCED} AS announced_year,
               s.year - {_ANNOUNCED} AS year_offset,
               count(*) OVER (PARTITION BY c.sha256) AS same_content
        FROM current_pages AS c
        JOIN raw_pages AS p USING (page_id)
        LEFT JOIN stg_pages AS s USING (page_id)
        ORDER BY c.url""").df()


def page_volume_frame(conn: Conn, table: str) -> pd.DataFrame:
    """Per current plan page (`stg_targets`) or statistics page (`stg_facts`: every kind but
    plan and list): rows now, rows of the baseline version, their ratio, whether a baseline
    exists (`history`) and whether the bytes changed since (`content_changed`)."""
    kinds = "c.kind = 'plan'" if table == "stg_targets" else "c.kind NOT IN ('plan', 'list')"
    if table not in ("stg_targets", "stg_facts"):
        raise ValueError(f"no page volumes for {table!r}")
    return conn.execute(_VERSIONS + f"""
        SELECT c.url, c.kind, c.page_id, c.base_page_id,
               c.base_page_id IS NOT NULL AS history,
               c.base_page_id IS NOT NULL AND c.base_sha256 <> c.sha256 AS content_changed,
               c.base_sha256, c.sha256,
               (SELECT count(*) FROM {table} AS t WHERE t.page_id = c.page_id) AS rows,
               CASE WHEN c.base_page_id IS NULL THEN NULL
                    ELSE (SELECT count(*) FROM {table} AS t WHERE t.page_id = c.base_page_id) END AS baseline_rows
        FROM versions AS c
        WHERE {kinds}
        ORDER BY c.url""", [SUCCESS]).df().assign(
        ratio=lambda f: (f["rows"] / f["baseline_rows"].where(f["baseline_rows"] > 0)).astype("float64"))


def _group_volume(conn: Conn, table: str, keys: tuple[str, ...]) -> pd.DataFrame:
    cols = ", ".join(keys)
    on = " AND ".join(f"n.{k} IS NOT DISTINCT FROM b.{k}" for k in keys)
    frame = conn.execute(_VERSIONS + f"""
        , now AS (SELECT {cols}, count(*) AS rows FROM {table} AS t
                  WHERE t.page_id IN (SELECT page_id FROM versions) GROUP BY ALL),
        before AS (SELECT {cols}, count(*) AS baseline_rows FROM {table} AS t
                   WHERE t.page_id IN (SELECT base_page_id FROM versions) GROUP BY ALL)
        SELECT {", ".join(f"coalesce(n.{k}, b.{k}) AS {k}" for k in keys)},
               coalesce(n.rows, 0) AS rows, coalesce(b.baseline_rows, 0) AS baseline_rows,
               coalesce(b.baseline_rows, 0) > 0 AS history
        FROM now AS n FULL OUTER JOIN before AS b ON {on}
        ORDER BY ALL""", [SUCCESS]).df()
    return frame.assign(ratio=(frame["rows"] / frame["baseline_rows"].where(frame["baseline_rows"] > 0))
                        .astype("float64"))


def region_year_frame(conn: Conn) -> pd.DataFrame:
    """Targets per (region, target year): current versions against baseline versions."""
    return _group_volume(conn, "stg_targets", ("region", "year"))


def publication_frame(conn: Conn) -> pd.DataFrame:
    """Facts per (region, publication): current versions against baseline versions."""
    return _group_volume(conn, "stg_facts", ("region", "publication"))


def current_targets_frame(conn: Conn) -> pd.DataFrame:
    """Targets of the current plan versions with their page, the plan's year (`doc_year`, else
    the registry's), `year_offset` (target year − plan year) and `key_pages`: on how many current
    pages the natural key (region, year, scope, indicator, clause) occurs."""
    return conn.execute(f"""
        SELECT c.url, t.page_id, t.row_no, t.region, t.year, t.scope, t.indicator,
               coalesce(t.indicator_id, t.indicator) AS indicator_key, t.clause, t.kind, t.comparator,
               t.value, t.value_max, t.unit, t.value_normalized, t.unit_normalized,
               coalesce(s.year, {_ANNOUNCED}) AS doc_year,
               t.year - coalesce(s.year, {_ANNOUNCED}) AS year_offset,
               count(DISTINCT t.page_id) OVER (PARTITION BY t.region, t.year, t.scope,
                   coalesce(t.indicator_id, t.indicator), t.clause) AS key_pages
        FROM stg_targets AS t
        JOIN current_pages AS c USING (page_id)
        JOIN raw_pages AS p USING (page_id)
        LEFT JOIN stg_pages AS s USING (page_id)
        ORDER BY t.page_id, t.row_no""").df()


def current_facts_frame(conn: Conn) -> pd.DataFrame:
    """Facts of the current statistics versions with their page, the document's year
    (`doc_year`: the page's own year, else the last year of the registry's period hint), the
    last year of the fact's period and `period_lag` (document year − period year), and
    `key_pages`: on how many current pages the natural key (region, scope, indicator, measure,
    period, publication) occurs."""
    return conn.execute(f"""
        SELECT c.url, c.kind AS page_kind, f.page_id, f.row_no, f.region, f.scope, f.indicator,
               coalesce(f.indicator_id, f.indicator) AS indicator_key, f.clause, f.measure, f.period,
               f.publication, f.value, f.unit, f.value_normalized, f.unit_normalized, doc_year,
               {_PERIOD_YEAR} AS period_year,
               doc_year - {_PERIOD_YEAR} AS period_lag,
               count(DISTINCT f.page_id) OVER (PARTITION BY f.region, f.scope, coalesce(f.indicator_id, f.indicator),
                   f.measure, f.period, f.publication) AS key_pages
        FROM stg_facts AS f
        JOIN current_pages AS c USING (page_id)
        JOIN raw_pages AS p USING (page_id)
        LEFT JOIN stg_pages AS s USING (page_id),
        LATERAL (SELECT coalesce(s.year, {_ANNOUNCED}) AS doc_year)
        ORDER BY f.page_id, f.row_no""").df()


#: the frames the suites name (besides the warehouse tables themselves)
FRAMES: dict[str, Callable[[Conn], pd.DataFrame]] = {
    "current_pages": current_pages_frame,
    "target_pages": lambda conn: page_volume_frame(conn, "stg_targets"),
    "fact_pages": lambda conn: page_volume_frame(conn, "stg_facts"),
    "target_region_years": region_year_frame,
    "fact_publications": publication_frame,
    "current_targets": current_targets_frame,
    "current_facts": current_facts_frame,
}


def dataset_frame(conn: Conn, name: str) -> pd.DataFrame:
    """A named frame of FRAMES, else the warehouse table or view `name` (BLOB columns left out)."""
    builder = FRAMES.get(name)
    return builder(conn) if builder is not None else table_frame(conn, name)
