"""`python -m plangap.floors [--pages N] [--json]`: the lower bounds the stack itself sets under
issue 14's figures, measured on this machine (README "Measuring speed").

`plangap bench` measures what plangap does; this measures what no plangap code can go below:

- import_rss_mb: the peak memory (VmHWM) of a fresh interpreter that only imports the required
  packages (each group alone, then all together): the floor under `peak_rss_mb`, before a page is read;
- conditional_get: client CPU and wall time per conditional GET answered 304, against the loopback
  snapshot server run in a child process (so this process's CPU is the client's alone), through
  plangap's fetch path, a bare requests Session, urllib3 and http.client: the floor under an
  unchanged rerun, which must ask every page again;
- extraction: per page kind, lxml's parse and text (the floor_ratio's denominator), plangap's
  extraction, the clauses that hold a digit (every one must be judged), and the thinnest extractor
  conceivable (one compiled number-and-unit scan per clause, no judgement): what floor_ratio ≤ 5
  leaves for each clause against what a single scan costs.

Generated pages only (plangap/benchgen.py); nothing is read from outside the run's temporary folder.
Library code: returns a dict, prints nothing (main() prints it).
"""
from __future__ import annotations

import argparse
import http.client
import json
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

#: the groups whose import is measured alone, then all together (the design's required packages)
IMPORT_GROUPS: dict[str, tuple[str, ...]] = {
    "python": (),
    "duckdb+pandas+lxml": ("duckdb", "pandas", "lxml.html"),
    "requests+bs4": ("requests", "bs4"),
    "prefect": ("prefect",),
    "great_expectations": ("great_expectations",),
}
REQUIRED = ("prefect", "requests", "bs4", "duckdb", "pandas", "great_expectations", "lxml.html")

_CLAUSE = re.compile(r"[^。；！？\n]+")
_DIGIT = re.compile(r"[0-9０-９]")
#: the thinnest extractor: a number and the unit-like characters after it, nothing judged
_NUMBER_UNIT = re.compile(r"([0-9０-９]+(?:[.．][0-9０-９]+)?)\s*([%％‰]|[万亿千百]?[\u4e00-\u9fff]{0,3})")


def import_rss_mb(groups: dict[str, tuple[str, ...]] | None = None) -> dict[str, float]:
    """Peak RSS (MB) of a fresh interpreter importing each group, and all required packages at once."""
    groups = IMPORT_GROUPS if groups is None else groups
    out = {}
    for name, modules in {**groups, "required together": REQUIRED}.items():
        code = "".join(f"import {m}\n" for m in modules)
        # VmHWM, the peak of this address space: ru_maxrss would carry over the forking parent's
        # (Linux keeps it across exec), so a big caller such as pytest would be measured instead
        code += ("print(next(line.split()[1] for line in open('/proc/self/status') "
                 "if line.startswith('VmHWM:')))\n")
        done = subprocess.run([sys.executable, "-W", "ignore", "-c", code], capture_output=True, text=True, check=True)
        out[name] = round(int(done.stdout.split()[-1]) / 1024, 1)
    return out


def _served(folder: Path) -> tuple[subprocess.Popen[str], str]:
    """The snapshot server over `folder` in a child process, and its base address."""
    code = ("import sys\nfrom pathlib import Path\nfrom plangap.extract.snapshot import SnapshotServer\n"
            f"s = SnapshotServer(Path({str(folder)!r})); s.start(); print(s.base, flush=True)\n"
            "sys.stdin.read()\n")  # serves until this process closes the pipe
    child = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    return child, child.stdout.readline().strip()


def _per_get(run: Callable[[], int], gets: int) -> dict[str, float]:
    run()  # warm: connections open, code paths imported
    wall, cpu = time.perf_counter(), time.process_time()
    not_modified = run()
    return {"cpu_ms_per_get": round((time.process_time() - cpu) * 1000 / gets, 3),
            "wall_ms_per_get": round((time.perf_counter() - wall) * 1000 / gets, 3),
            "answered_304": not_modified}


def conditional_get(folder: Path) -> dict[str, dict[str, float]]:
    """Each client's cost of a conditional GET that is answered 304, over every page of `folder`."""
    import requests
    import urllib3

    from plangap.extract.http import NetworkPolicy, Validators
    from plangap.extract.registry import registry_from_manifest
    from plangap.extract.snapshot import url_key
    from plangap.extract.sources import KnownPage, fetch_sources, make_client

    child, base = _served(folder)
    try:
        registry = registry_from_manifest(folder)
        client = make_client(NetworkPolicy(concurrency=1), base)
        first = fetch_sources(client, registry, {})
        known = {p.url: KnownPage(p.sha256, Validators(p.etag, p.last_modified), None) for p in first.pages}
        urls = {f"{base}/{url_key(p.url)}": p.etag or "" for p in first.pages}  # the server's rewrite
        session = requests.Session()
        session.trust_env = False  # as plangap's client under a loopback rewrite
        parts = urlsplit(base)
        host = parts.hostname or "127.0.0.1"
        pool = urllib3.HTTPConnectionPool(host, parts.port, maxsize=1)
        conn = http.client.HTTPConnection(host, parts.port)

        def plangap() -> int:
            return fetch_sources(client, registry, known).unchanged

        def bare_requests() -> int:
            return sum(session.get(u, headers={"If-None-Match": e}).status_code == 304 for u, e in urls.items())

        def bare_urllib3() -> int:
            return sum(pool.request("GET", urlsplit(u).path, headers={"If-None-Match": e}).status == 304
                       for u, e in urls.items())

        def bare_http_client() -> int:
            n = 0
            for u, e in urls.items():
                conn.request("GET", urlsplit(u).path, headers={"If-None-Match": e})
                resp = conn.getresponse()
                resp.read()
                n += resp.status == 304
            return n

        clients = {"plangap": plangap, "requests": bare_requests, "urllib3": bare_urllib3,
                   "http.client": bare_http_client}
        return {name: _per_get(run, len(urls)) for name, run in clients.items()}
    finally:
        if child.stdin:
            child.stdin.close()
        child.wait(timeout=30)


def _clauses(text: str) -> list[str]:
    return [c for c in _CLAUSE.findall(text) if _DIGIT.search(c)]


def _thinnest(clauses: Sequence[str]) -> int:
    return sum(len(_NUMBER_UNIT.findall(c)) for c in clauses)


def _cpu_ms(fn: Callable[[Any], object], items: Sequence[Any], passes: int = 3) -> float:
    """Thread CPU milliseconds to apply `fn` to every item, the best of `passes` passes."""
    best = float("inf")
    for _ in range(passes):
        start = time.thread_time()
        for item in items:
            fn(item)
        best = min(best, time.thread_time() - start)
    return best * 1000


def extraction(folder: Path) -> dict[str, dict[str, float | None]]:
    """Per page kind: the lxml floor, plangap's extraction and the thinnest extractor, ms a page
    (thread CPU, best of three passes), and the clauses that hold a digit."""
    import lxml.html

    from plangap.benchclock import parse_floor
    from plangap.transform.page import PageInput, extract_page

    entries = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    by_kind: dict[str, list[tuple[Path, PageInput]]] = {}
    for i, e in enumerate(entries):
        path = folder / e["file"]
        year = int(e["period"]) if e["kind"] == "plan" and str(e.get("period", "")).isdigit() else None
        page = PageInput(page_id=i, url=e["url"], kind=e["kind"], region=e["region"], content=path.read_bytes(),
                         period=e.get("period"), plan_year=year)
        by_kind.setdefault(e["kind"], []).append((path, page))
    out = {}
    for kind, pages in sorted(by_kind.items()):
        n = len(pages)
        clauses = [_clauses(lxml.html.fromstring(p.content).text_content()) for _, p in pages]
        # the bench's own floor (benchclock.parse_floor), the best of three passes like the others
        floor = min(parse_floor([path for path, _ in pages]) for _ in range(3)) * 1000 / n
        ours = _cpu_ms(extract_page, [p for _, p in pages]) / n
        thin = _cpu_ms(_thinnest, clauses) / n
        per_page = sum(len(c) for c in clauses) / n
        budget = 5 * floor
        out[kind] = {"pages": n, "lxml_floor_ms": round(floor, 3), "plangap_ms": round(ours, 3),
                     "floor_ratio": round(ours / floor, 1), "clauses_with_digits": round(per_page, 1),
                     "budget_ms_at_ratio_5": round(budget, 3),
                     "budget_us_per_clause": round(budget * 1000 / per_page, 2) if per_page else None,
                     "thinnest_ms": round(thin, 3),
                     "thinnest_us_per_clause": round(thin * 1000 / per_page, 2) if per_page else None}
    return out


def measure(pages: int = 200, workdir: Path | None = None) -> dict[str, Any]:
    """Every floor over a generated site of `pages` pages."""
    from plangap import benchgen

    with tempfile.TemporaryDirectory(prefix="plangap-floors-", dir=workdir) as tmp:
        site = benchgen.write_site(Path(tmp), pages)
        return {"pages": site.pages, "import_rss_mb": import_rss_mb(), "conditional_get": conditional_get(site.folder),
                "extraction": extraction(site.folder)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m plangap.floors", description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=200, help="generated pages to measure over (default 200)")
    parser.add_argument("--json", action="store_true", help="one JSON object instead of lines")
    args = parser.parse_args(argv)
    if args.pages < 1:
        parser.error("--pages must be a positive whole number")
    result = measure(args.pages)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return 0
    print(f"pages {result['pages']}")
    for section in ("import_rss_mb", "conditional_get", "extraction"):
        for name, value in result[section].items():
            print(f"{section} {name}: {json.dumps(value, ensure_ascii=False)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
