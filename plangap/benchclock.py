"""What `plangap bench` measures a run with: the stages' own times, the memory of the process and
its children, and the parse floor (lxml) of the same pages.

The stage clock wraps the functions the nightly flow's tasks call (flows/stages.py, the transform's
`extract_page`, the transaction's copy/open/commit steps) for the length of one `with` block, so
that the run's wall time minus the stages' own times is what Prefect adds. Nothing of the run's
behaviour changes: each wrapper calls the function it wraps and records its wall and thread CPU time.
"""
from __future__ import annotations

import contextlib
import importlib
import os
import resource
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: (module, function, stage): what each task and the transaction spend, by stage
STAGES = (
    ("plangap.flows.stages", "fetch", "fetch"),
    ("plangap.flows.stages", "archive", "archive"),
    ("plangap.flows.nightly", "extract_page", "extract"),
    ("plangap.flows.stages", "load", "load"),
    ("plangap.flows.stages", "build_gap", "gap_mart"),
    ("plangap.flows.stages", "gate", "gx_gate"),
    ("plangap.flows.stages", "track", "track"),
    ("plangap.flows.stages", "publish", "publish"),
    ("plangap.flows.transaction", "_working_copy", "transaction"),
    ("plangap.flows.transaction", "_known_pages", "transaction"),
    ("plangap.flows.transaction", "_start", "transaction"),
    ("plangap.flows.transaction", "_commit", "transaction"),
)


@dataclass
class StageTime:
    calls: int = 0
    wall: float = 0.0  # the sum of the calls' wall times
    cpu: float = 0.0  # the sum of the calls' thread CPU times
    first: float = float("inf")
    last: float = 0.0
    rss_kb: int = 0  # this process's resident memory when a call ended, the largest

    @property
    def own(self) -> float:
        """The stage's own time: the sum of its calls, or (calls run in parallel threads) the span
        from the first start to the last end when that is shorter."""
        return min(self.wall, self.last - self.first) if self.calls else 0.0


@dataclass
class StageClock:
    times: dict[str, StageTime] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)  # functions the flow no longer has
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, stage: str, start: float, end: float, cpu: float) -> None:
        rss = _rss_kb("self")
        with self._lock:
            t = self.times.setdefault(stage, StageTime())
            t.rss_kb = max(t.rss_kb, rss)
            t.calls += 1
            t.wall += end - start
            t.cpu += cpu
            t.first, t.last = min(t.first, start), max(t.last, end)

    def reset(self) -> None:
        with self._lock:
            self.times = {}

    def own(self) -> dict[str, float]:
        return {stage: t.own for stage, t in self.times.items()}

    def span_between(self, stage: str, before: str, after: str) -> None:
        """Record `stage` as the span from the end of `before` to the start of `after`: for work
        done in other processes (extraction under the processes or Dask runner), where no wrapper
        of this process sees the calls. Its CPU time is unknown (0)."""
        with self._lock:
            b, a = self.times.get(before), self.times.get(after)
            if b is None or a is None or stage in self.times:
                return
            t = self.times[stage] = StageTime(calls=1, wall=max(0.0, a.first - b.last), first=b.last, last=a.first)
            t.rss_kb = b.rss_kb

    def rss_mb(self) -> dict[str, float]:
        """Per stage, this process's largest resident memory at the end of a call (where memory grows)."""
        return {stage: round(t.rss_kb / 1024, 1) for stage, t in self.times.items()}


def _wrap(clock: StageClock, stage: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def timed(*args: Any, **kwargs: Any) -> Any:
        start, cpu = time.perf_counter(), time.thread_time()
        try:
            return fn(*args, **kwargs)
        finally:
            clock.record(stage, start, time.perf_counter(), time.thread_time() - cpu)

    timed.__wrapped__ = fn  # type: ignore[attr-defined]
    return timed


@contextlib.contextmanager
def stage_clock(stages: Sequence[tuple[str, str, str]] = STAGES) -> Iterator[StageClock]:
    """Time the stages' functions while the block runs; put them back after it."""
    clock = StageClock()
    saved = []
    for module_name, name, stage in stages:
        module = importlib.import_module(module_name)
        fn = getattr(module, name, None)
        if fn is None:
            clock.missing.append(f"{module_name}.{name}")
            continue
        saved.append((module, name, fn))
        setattr(module, name, _wrap(clock, stage, fn))
    try:
        yield clock
    finally:
        for module, name, fn in saved:
            setattr(module, name, fn)


def _rss_kb(pid: int | str) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _descendants(root: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        parents.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        for child in parents.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


class MemorySampler:
    """The peak resident memory of this process plus its live children (the Prefect server, a
    process pool), sampled every `interval` seconds in a thread; Linux /proc."""

    def __init__(self, interval: float = 0.5):
        self.interval = interval
        self.peak_kb = 0
        self.children_peak_kb = 0  # the live children alone (the Prefect server when it is ours)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="bench-rss", daemon=True)

    def sample(self) -> None:
        pid = os.getpid()
        children = sum(_rss_kb(c) for c in _descendants(pid))
        self.peak_kb = max(self.peak_kb, _rss_kb(pid) + children)
        self.children_peak_kb = max(self.children_peak_kb, children)

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def __enter__(self) -> MemorySampler:
        self.sample()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()


def peak_rss_mb(sampler: MemorySampler) -> dict[str, float]:
    """peak_rss_mb (this process and its children at once, sampled; never below this process's own
    high-water mark), peak_rss_self_mb (that mark), peak_rss_children_mb (the live children,
    sampled), and the largest finished child (RUSAGE_CHILDREN). Called when what is measured ends:
    the high-water mark covers everything the process did before."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"peak_rss_mb": round(max(sampler.peak_kb, own) / 1024, 1), "peak_rss_self_mb": round(own / 1024, 1),
            "peak_rss_children_mb": round(sampler.children_peak_kb / 1024, 1),
            "peak_rss_finished_children_mb": round(children / 1024, 1)}


def parse_floor(paths: Sequence[Path]) -> float:
    """Thread CPU seconds to parse each page with lxml and take its text (`text_content()`)."""
    import lxml.html

    total = 0.0
    for path in paths:
        data = path.read_bytes()
        start = time.thread_time()
        lxml.html.fromstring(data).text_content()
        total += time.thread_time() - start
    return total
