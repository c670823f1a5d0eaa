"""The run's inputs key: everything the gap mart, the gate and the report are a function of.

The current pages' checksums (warehouse/inputs.py), the registry (kinds, periods, regions, their
recipients), the as-of date, the run's region and year filters, the extractor's fingerprint and
a fingerprint of the code and files of the stages after extraction (warehouse/, checks/ with its
suites and GX project, publish/ with its templates). Two runs with one key judge, check and
publish the same rows the same way: the second keeps what the first produced (flows/stages.py
`kept`). The nightly run judges as of today, so a new day is always a new key.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from plangap.flows.records import RunPlan
from plangap.transform.version import extractor_version

_SUFFIXES = (".py", ".sql", ".yaml", ".yml", ".json", ".j2", ".css", ".js")


def _package_dir(name: str) -> Path:
    import importlib

    module = importlib.import_module(name)
    return Path(module.__file__ or "").resolve().parent


@lru_cache(maxsize=1)
def stages_version() -> str:
    """A hash of the files of warehouse/, checks/ and publish/ (not GX's uncommitted output)."""
    digest = hashlib.sha256()
    for package in ("plangap.warehouse", "plangap.checks", "plangap.publish"):
        root = _package_dir(package)
        for path in sorted(root.rglob("*")):
            parts = path.relative_to(root).parts
            if path.suffix in _SUFFIXES and "__pycache__" not in parts and "uncommitted" not in parts:
                digest.update(f"{package}/{'/'.join(parts)}\n".encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def inputs_key(plan: RunPlan, page_digest: str) -> str:
    """The key of a run that reads the pages summed up by `page_digest` under `plan`."""
    digest = hashlib.sha256()
    for part in (page_digest, plan.as_of.isoformat(), repr(plan.region), repr(plan.year),
                 extractor_version(), stages_version(), repr(plan.registry)):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()
