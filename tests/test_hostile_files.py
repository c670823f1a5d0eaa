"""Hostile files get a quick answer: a dense 20 MB page (many lines of sentences full of figures)
and a 30 MB single line are refused by the size limit, from a file and over loopback HTTP; a
dense page under the limit is read.

No timing is asserted (the suite must pass on a busy machine); subprocess timeouts only bound a
hang. The timings are measured by hand:

    .venv/bin/python tests/test_hostile_files.py          # prints seconds per hostile file
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

LIMIT = 20_000_000  # PLANGAP_MAX_PAGE_BYTES's default
_INDICATORS = ("地区生产总值", "一般公共预算收入", "社会消费品零售总额", "规模以上工业增加值",
               "固定资产投资", "城镇居民人均可支配收入", "货物进出口总额", "粮食总产量")


def dense_page(size: int) -> bytes:
    """An HTML page of about `size` bytes: one paragraph per line, each of five sentences with a
    level and a growth rate (deterministic, written for plangap)."""
    lines, total, i = [], 0, 0
    while total < size:
        sentences = []
        for _ in range(5):
            name, i = _INDICATORS[i % len(_INDICATORS)], i + 1
            sentences.append(f"全年{name}达到{(i * 37) % 9000 + 100}.{i % 10}亿元，比上年增长{i % 9 + 1}.{i % 7}%。")
        line = f"<p>{''.join(sentences)}</p>\n"
        lines.append(line)
        total += len(line.encode("utf-8"))
    return ("<html><head><meta charset='utf-8'><title>统计公报</title></head><body>\n"
            + "".join(lines) + "</body></html>\n").encode("utf-8")


def single_line(size: int) -> bytes:
    unit = "全市规模以上工业增加值增长5.2%，社会消费品零售总额达到1200亿元，"
    return (unit * (size // len(unit.encode("utf-8")))).encode("utf-8")


def _cli(*argv: str, timeout: float = 300, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLANGAP_")} | (env or {})
    return subprocess.run([sys.executable, "-m", "plangap.cli", *argv], capture_output=True, text=True,
                          timeout=timeout, env=env)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    files = {"dense-20mb.html": dense_page(20 * 1024 * 1024), "line-30mb.txt": single_line(30 * 1024 * 1024)}
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return {name: folder / name for name in files}


@contextlib.contextmanager
def serving(files: dict[str, Path]):
    """`files` over loopback HTTP (with their Content-Length); yields the base address."""
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            path = files.get(self.path.lstrip("/"))
            if path is None:
                self.send_error(404)
                return
            data = path.read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            with contextlib.suppress(OSError):  # the client stops reading at the limit
                self.wfile.write(data)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def server(hostile):
    with serving(hostile) as base:
        yield base


def test_the_dense_page_is_many_lines_of_figures(hostile):
    data = hostile["dense-20mb.html"].read_bytes()
    assert len(data) > LIMIT
    assert data.count(b"\n") > 50_000 and data.count("亿元".encode()) > 250_000


@pytest.mark.parametrize("name", ["dense-20mb.html", "line-30mb.txt"])
@pytest.mark.parametrize("command", ["facts", "targets"])
def test_a_hostile_file_is_refused_by_the_size_limit(hostile, name, command):
    path = hostile[name]
    done = _cli(command, str(path))
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == (f"{path}: {path.stat().st_size} bytes, more than the {LIMIT} bytes plangap parses "
                           "(PLANGAP_MAX_PAGE_BYTES)\n")


@pytest.mark.parametrize("name", ["dense-20mb.html", "line-30mb.txt"])
def test_a_hostile_page_over_http_is_refused_by_the_size_limit(server, name):
    url = f"{server}/{name}"
    done = _cli("facts", url)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == f"{url}: page larger than {LIMIT} bytes\n"


def test_a_dense_page_under_the_limit_is_read(tmp_path):
    path = tmp_path / "dense.html"
    path.write_bytes(dense_page(64 * 1024))
    done = _cli("facts", str(path), "--json")
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    paragraphs = path.read_bytes().count(b"<p>")
    assert sum(1 for r in rows if r["measure"] == "growth_pct") >= 5 * paragraphs * 0.9


def test_a_dense_page_under_the_size_limit_is_refused_by_its_count_of_numbers(tmp_path):
    """A 2 MB page of figures is under the size limit, but holds more numbers than any document a
    person wrote (PLANGAP_MAX_PAGE_NUMBERS, 5,000): refused at once instead of read for minutes."""
    path = tmp_path / "dense-2mb.html"
    path.write_bytes(dense_page(2 * 1024 * 1024))
    done = _cli("targets", str(path))
    assert done.returncode == 2 and done.stdout == ""
    m = re.fullmatch(rf"{re.escape(str(path))}: (\d+) numbers in its text, more than the 5000 plangap reads "
                     r"in one page \(PLANGAP_MAX_PAGE_NUMBERS\)\n", done.stderr)
    assert m and int(m.group(1)) > 5_000, done.stderr


def test_the_numbers_limit_is_a_setting(tmp_path):
    path = tmp_path / "dense.html"
    path.write_bytes(dense_page(64 * 1024))
    done = _cli("facts", str(path), env={"PLANGAP_MAX_PAGE_NUMBERS": "100"})
    assert done.returncode == 2 and "more than the 100 plangap reads in one page" in done.stderr
    bad = _cli("facts", str(path), env={"PLANGAP_MAX_PAGE_NUMBERS": "many"})
    assert bad.returncode == 2 and bad.stderr.startswith("PLANGAP_MAX_PAGE_NUMBERS")


def _measure() -> None:
    """Seconds `plangap facts` takes to answer each hostile file (and dense pages under the limit)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        cases = [("dense 20 MB page (file)", "dense-20mb.html", dense_page(20 * 1024 * 1024)),
                 ("30 MB single line (file)", "line-30mb.txt", single_line(30 * 1024 * 1024)),
                 ("dense 19 MB page, under the limit (file)", "dense-19mb.html", dense_page(19 * 1000 * 1000)),
                 ("dense 1 MB page (file)", "dense-1mb.html", dense_page(1024 * 1024)),
                 ("dense 256 KB page (file)", "dense-256kb.html", dense_page(256 * 1024))]
        paths = {}
        for _label, name, data in cases:
            paths[name] = Path(folder) / name
            paths[name].write_bytes(data)
        with serving(paths) as base:
            runs = [(f"{label.replace('(file)', '(HTTP)')}", f"{base}/{name}") for label, name, _ in cases[:2]]
            for label, target in [(label, str(paths[name])) for label, name, _ in cases] + runs:
                start = time.monotonic()
                done = _cli("facts", target, "--json", timeout=1800)
                took = time.monotonic() - start
                answer = f"exit {done.returncode}, {len(done.stdout.splitlines())} facts"
                print(f"{label}: {took:.1f} s ({answer})", flush=True)


if __name__ == "__main__":
    _measure()
