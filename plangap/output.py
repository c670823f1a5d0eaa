"""What the command line prints: tables of rows, and the user's stderr while Prefect runs.

Prefect writes to file descriptor 2 (its console logs, its server, the event worker's complaints
on a loaded machine); during `plangap run` that goes to a log file and plangap's own lines go to
the user's stderr through `user_stderr()`.
"""
from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO


def print_rows(rows: list[dict[str, Any]], columns: Sequence[str], as_json: bool) -> None:
    if as_json:
        for r in rows:
            print(json.dumps(r, ensure_ascii=False))
        return
    print_table(columns, [[r.get(c) for c in columns] for r in rows])


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.10g}"
    return str(v).replace("\n", " ")


def _width(s: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in s)


def print_table(columns: Sequence[str], rows: Sequence[Sequence[Any]], max_width: int = 48) -> None:
    cells = [[_cell(v) for v in row] for row in rows]
    cells = [[c if _width(c) <= max_width else c[: max_width // 2 - 1] + "…" for c in row] for row in cells]
    widths = [max([_width(str(col))] + [_width(r[i]) for r in cells]) for i, col in enumerate(columns)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths)).rstrip()

    print(line(list(columns)))
    print(line(["-" * w for w in widths]))
    for r in cells:
        print(line(r))
    print(f"({len(cells)} rows)")


_USER_STDERR: TextIO | None = None  # the user's stderr while fd 2 holds Prefect's output


def user_stderr() -> TextIO:
    """Where plangap's own messages go: the user's stderr."""
    return _USER_STDERR or sys.stderr


def divert_prefect_stderr(log_path: Path) -> None:
    """Send what Prefect writes to file descriptor 2 (its console logs, its server's output, the
    event worker's complaints at exit on a loaded machine) to `log_path`, and keep plangap's own
    messages on the real stderr: a failed run ends in exactly one line. Not done when the user
    asked to watch Prefect (PREFECT_LOGGING_LEVEL set before plangap started)."""
    if "PREFECT_LOGGING_LEVEL" in os.environ:
        return
    try:
        log_path.parent.mkdir(parents=True, exist_ok=True)
        log_fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    except OSError:
        return  # nowhere to put Prefect's output: leave stderr as it is
    sys.stderr.flush()
    real = os.dup(2)
    os.dup2(log_fd, 2)
    os.close(log_fd)
    global _USER_STDERR
    _USER_STDERR = os.fdopen(real, "w", buffering=1, encoding="utf-8", errors="replace")
