"""Settings from the command line, the environment and defaults, read when asked (never at import).

    PLANGAP_DB            warehouse file            (default data/plangap.duckdb)
    PLANGAP_REPORTS       report folder             (default data/reports)
    PLANGAP_REGISTRY      source registry           (default sources.yaml beside the project)
    PLANGAP_SNAPSHOT      bundled snapshot folder   (default snapshot/ beside the project)
    PLANGAP_HTTP_TIMEOUT  seconds per request       (default 20)
    PLANGAP_HTTP_RETRIES  retries on 429/5xx/errors (default 3)
    PLANGAP_ANALYST_COPY  read-only copy for analysts (default <db dir>/plangap-latest.duckdb)
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


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


def load_settings(db: str | None = None, reports: str | None = None) -> Settings:
    db_path = Path(db) if db else _env_path("PLANGAP_DB", Path("data/plangap.duckdb"))
    return Settings(
        db=db_path,
        reports=Path(reports) if reports else _env_path("PLANGAP_REPORTS", Path("data/reports")),
        registry=_env_path("PLANGAP_REGISTRY", PROJECT_ROOT / "sources.yaml"),
        snapshot=_env_path("PLANGAP_SNAPSHOT", PROJECT_ROOT / "snapshot"),
        analyst_copy=_env_path("PLANGAP_ANALYST_COPY", db_path.parent / "plangap-latest.duckdb"),
        http_timeout=float(os.environ.get("PLANGAP_HTTP_TIMEOUT", "20")),
        http_retries=int(os.environ.get("PLANGAP_HTTP_RETRIES", "3")),
    )
