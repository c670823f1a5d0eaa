"""The DuckDB warehouse: every SQL statement of plangap, the layers and the gap model.

Layers: raw_pages -> stg_targets / stg_facts (+ dim_indicator) -> mart_gap -> analyst views
(targets, facts, gap_report, provenance). See docs/warehouse.md and docs/methodology.md.
"""
from __future__ import annotations

from plangap.warehouse.copy import publish_analyst_copy
from plangap.warehouse.db import connect, migrate, schema_version
from plangap.warehouse.errors import (
    CopyError,
    LoadError,
    MigrationError,
    QueryError,
    UnknownPageError,
    WarehouseError,
)
from plangap.warehouse.load import (
    finish_run,
    load_facts,
    load_indicators,
    load_pages,
    load_targets,
    record_dq_results,
    start_run,
)
from plangap.warehouse.mart import build_gap_mart
from plangap.warehouse.queries import gap_rows, open_read_only, run_query

__all__ = [
    "connect", "migrate", "schema_version",
    "load_pages", "load_targets", "load_facts", "load_indicators",
    "start_run", "finish_run", "record_dq_results",
    "build_gap_mart", "gap_rows", "run_query", "open_read_only", "publish_analyst_copy",
    "WarehouseError", "MigrationError", "LoadError", "UnknownPageError", "QueryError", "CopyError",
]
