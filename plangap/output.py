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


#: the stages `plangap run` reports, in order: one line each
RUN_STAGES = ("fetch", "extract", "load", "gate", "publish")
#: what the run is doing after each stage result (flows/progress.py), for the terminal's spinner
_NEXT = {"start": "fetch: fetching the pages", "archive": "extract: reading the pages",
         "extract": "load: loading the warehouse", "gap": "gate: checking the data",
         "gate": "publish: writing the report"}


class RunProgress:
    """What `plangap run` shows of its stages on the user's stderr, from the records the stages
    return (a flows.progress listener) and the run's summary.

    On a terminal each stage's line appears as the stage completes (rich, with a spinner for the
    stage under way); otherwise the same lines, exactly one per stage in RUN_STAGES order, are
    written once the run has succeeded, so that a failed run still ends in its one line."""

    def __init__(self, stream: TextIO | None = None, live: bool | None = None) -> None:
        self.stream = stream or user_stderr()
        self.live = self.stream.isatty() if live is None else live
        self.lines: list[str] = []
        self._seen: dict[str, Any] = {}
        self._console: Any = None
        self._status: Any = None

    def __enter__(self) -> RunProgress:
        if self.live:
            from rich.console import Console

            self._console = Console(file=self.stream, highlight=False)
            self._status = self._console.status(_NEXT["start"] + "…")
            self._status.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._status is not None:
            self._status.stop()
            self._status = None

    def stage(self, name: str, record: Any) -> None:
        """A stage's result (flows.progress.done): its line when the stage completes one."""
        self._seen[name] = record
        line = self._line(name, record)
        if line:
            self._emit(line)
        if self._status is not None and name in _NEXT:
            self._status.update(_NEXT[name] + "…")

    def finish(self, summary: Any) -> None:
        """The run committed: the publish line; off a terminal, every line now."""
        self._emit(f"publish: {summary.report} (analyst copy: {summary.analyst_copy}; "
                   f"status changes: {summary.status_changes})")
        self.__exit__()
        if not self.live:
            for line in self.lines:
                print(line, file=self.stream)
            self.stream.flush()

    def _emit(self, line: str) -> None:
        self.lines.append(line)
        if self._console is not None:
            from rich.markup import escape

            stage, _, rest = line.partition(":")
            self._console.print(f"[green]✓[/green] [bold]{stage}[/bold]:{escape(rest)}", markup=True, soft_wrap=True)

    def _line(self, name: str, record: Any) -> str | None:
        if name == "archive" and "fetch" in self._seen:
            fetched = self._seen["fetch"]
            return (f"fetch: {len(fetched.pages)} pages ({record.new} new or changed, {fetched.unchanged} unchanged, "
                    f"{len(fetched.errors)} failed)")
        if name == "extract":
            kept = getattr(self._seen.get("archive"), "kept", 0)
            targets, facts = sum(len(p.targets) for p in record), sum(len(p.facts) for p in record)
            failed = sum(1 for p in record if p.error)
            return (f"extract: {len(record) - failed} pages read ({kept} unchanged, not read again; {failed} failed): "
                    f"{targets} targets / {facts} facts")
        if name == "gap" and "load" in self._seen:
            loaded = self._seen["load"]
            return (f"load: {loaded.targets} targets / {loaded.facts} facts in the warehouse; "
                    f"gap mart: {record.rows} targets judged, {record.matched} with a figure")
        if name == "gate":
            return f"gate: {record.summary}"
        return None
