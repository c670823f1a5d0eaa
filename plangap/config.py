"""Settings from the command line, the environment and defaults, read when asked (never at import).

    PLANGAP_DB            warehouse file            (default data/plangap.duckdb)
    PLANGAP_REPORTS       report folder             (default data/reports)
    PLANGAP_REGISTRY      source registry           (default sources.yaml beside the project)
    PLANGAP_SNAPSHOT      bundled snapshot folder   (default snapshot/ beside the project)
    PLANGAP_HTTP_TIMEOUT  seconds per connect/recv  (default 20)
    PLANGAP_HTTP_RETRIES  retries on 429/5xx/errors (default 3)
    PLANGAP_HTTP_DEADLINE seconds for a whole page  (default 120: attempts, redirects, waits, reads)
    PLANGAP_FETCH_CONCURRENCY pages fetched at once (default 4)
    PLANGAP_MAX_PAGE_BYTES largest page parsed      (default 20000000)
    PLANGAP_MAX_PAGE_NUMBERS most numbers read in one page's text (default 5000)
    PLANGAP_ANALYST_COPY  read-only copy for analysts (default <db dir>/plangap-latest.duckdb)
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from plangap.extract.http import NetworkPolicy

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class SettingsError(Exception):
    """A setting has a value plangap cannot use: one line naming the variable (exit 2)."""


def _env_number(name: str, default: str, kind: type, minimum: float, what: str) -> float | int:
    raw = os.environ.get(name)
    value = default if raw is None or not raw.strip() else raw.strip()
    try:
        number = kind(value)
    except ValueError:
        number = None
    if number is None or not math.isfinite(number) or number < minimum:
        raise SettingsError(f"{name}={raw}: expected {what}")
    return number


def _env_path(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value) if value else default


@dataclass(frozen=True)
class Settings:
    db: Path
    reports: Path
    registry: Path
    snapshot: Path
    analyst_copy: Path
    http_timeout: float
    http_retries: int
    http_deadline: float = 120.0
    fetch_concurrency: int = 4
    max_page_bytes: int = 20_000_000
    max_page_numbers: int = 5_000  # transform/document.py: more numbers than this, the page is refused
    dq_docs: Path = Path("data/dq-docs")  # GX Data Docs of the gate


def load_settings(db: str | None = None, reports: str | None = None) -> Settings:
    """Settings from the arguments, the environment and defaults; SettingsError on a bad value."""
    db_path = Path(db) if db else _env_path("PLANGAP_DB", Path("data/plangap.duckdb"))
    return Settings(
        db=db_path,
        reports=Path(reports) if reports else _env_path("PLANGAP_REPORTS", Path("data/reports")),
        registry=_env_path("PLANGAP_REGISTRY", PROJECT_ROOT / "sources.yaml"),
        snapshot=_env_path("PLANGAP_SNAPSHOT", PROJECT_ROOT / "snapshot"),
        analyst_copy=_env_path("PLANGAP_ANALYST_COPY", db_path.parent / "plangap-latest.duckdb"),
        http_timeout=_env_number("PLANGAP_HTTP_TIMEOUT", "20", float, 0.001, "a positive number of seconds"),
        http_retries=int(_env_number("PLANGAP_HTTP_RETRIES", "3", int, 0, "a whole number, 0 or more")),
        http_deadline=_env_number("PLANGAP_HTTP_DEADLINE", "120", float, 0.001, "a positive number of seconds"),
        fetch_concurrency=int(_env_number("PLANGAP_FETCH_CONCURRENCY", "4", int, 1, "a positive whole number")),
        max_page_bytes=int(_env_number("PLANGAP_MAX_PAGE_BYTES", "20000000", int, 1, "a positive whole number of bytes")),
        max_page_numbers=int(_env_number("PLANGAP_MAX_PAGE_NUMBERS", "5000", int, 1, "a positive whole number")),
        dq_docs=_env_path("PLANGAP_DQ_DOCS", db_path.parent / "dq-docs"),
    )


def network_policy(settings: Settings) -> NetworkPolicy:
    """The HttpClient policy of these settings (every command that fetches uses it); no page
    larger than the parse limit is downloaded."""
    from plangap.extract.http import NetworkPolicy

    return NetworkPolicy(timeout=settings.http_timeout, retries=settings.http_retries,
                         total_timeout=settings.http_deadline, max_bytes=settings.max_page_bytes,
                         concurrency=settings.fetch_concurrency)
