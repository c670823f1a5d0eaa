"""The extractor's fingerprint: a hash of transform/'s rules and data files.

A page whose bytes and fingerprint are both unchanged since it was staged need not be read again;
any change to a rule, a unit or the dictionary changes the fingerprint and so re-reads every page.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

_ROOT = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def extractor_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(_ROOT.rglob("*")):
        if path.suffix in (".py", ".yaml") and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(_ROOT)).encode("utf-8"))
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
