"""Bounded work on hostile input: a size limit on what is parsed (exit 2 past it), sentences of
bounded length whatever the lines, and a long line extracted in linear time.

Times are guarded only by generous subprocess timeouts (the machine may be loaded): a 200 KB
line took 30 to 49 s before sentences were bounded (so 25 s fails it), about 3 s after; the
30 MB one never finished."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from plangap.cli import main
from plangap.transform.document import MAX_SENTENCE, bound_sentences, load_document
from plangap.transform.errors import ParseError, TooLargeError

FACT_UNIT = "全市规模以上工业增加值增长5.2%，社会消费品零售总额达到1200亿元，"
TARGET_UNIT = "到2025年，全市地区生产总值年均增长6%左右，城镇新增就业人数保持在5万人以上，"
_RUN_END = re.compile(r"[。!?！？;；\n]")


def _line(unit: str, size: int) -> tuple[bytes, int]:
    """A single line of about `size` bytes: `unit` repeated; returns (bytes, repetitions)."""
    k = size // len(unit.encode("utf-8"))
    return (unit * k).encode("utf-8"), k


def _cli(*argv: str, env: dict[str, str] | None = None, timeout: float = 90) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "plangap.cli", *argv], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **(env or {})})


# --- the size limit ---------------------------------------------------------------------

def test_a_30_mb_line_is_refused_at_once_by_the_cli(tmp_path):
    path = tmp_path / "line.txt"
    data, _ = _line(FACT_UNIT, 30 * 1024 * 1024)
    path.write_bytes(data)
    done = _cli("facts", str(path), timeout=60)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert done.stderr.strip() == (f"{path}: {len(data)} bytes, more than the 20000000 bytes plangap parses "
                                   "(PLANGAP_MAX_PAGE_BYTES)")


def test_the_limit_is_a_setting(tmp_path, capsys, monkeypatch):
    path = tmp_path / "plan.txt"
    path.write_bytes(TARGET_UNIT.encode("utf-8") * 10)
    monkeypatch.setenv("PLANGAP_MAX_PAGE_BYTES", "100")
    assert main(["targets", str(path)]) == 2
    assert "more than the 100 bytes plangap parses" in capsys.readouterr().err
    monkeypatch.setenv("PLANGAP_MAX_PAGE_BYTES", "1000000")
    assert main(["targets", str(path)]) == 0


@pytest.mark.parametrize("value", ["abc", "0", "-5", "1.5"])
def test_a_bad_limit_is_a_settings_error(tmp_path, capsys, monkeypatch, value):
    path = tmp_path / "plan.txt"
    path.write_bytes(TARGET_UNIT.encode("utf-8"))
    monkeypatch.setenv("PLANGAP_MAX_PAGE_BYTES", value)
    assert main(["facts", str(path)]) == 2
    err = capsys.readouterr().err
    assert err == f"PLANGAP_MAX_PAGE_BYTES={value}: expected a positive whole number of bytes\n"


def test_the_library_raises_a_typed_error_past_the_limit():
    with pytest.raises(TooLargeError) as err:
        load_document(b"x" * 101, "page.html", max_bytes=100)
    assert str(err.value) == "page.html: 101 bytes, more than the 100 bytes plangap parses (PLANGAP_MAX_PAGE_BYTES)"


# --- bounded sentences ------------------------------------------------------------------

def test_every_sentence_of_a_long_line_is_bounded():
    data, _ = _line(FACT_UNIT, 300_000)
    doc = load_document(data, "line.txt", max_numbers=None)  # many numbers: this is about the line
    assert len(doc.text) == len(data.decode("utf-8"))  # one character for one: offsets stay valid
    assert max(len(run) for run in _RUN_END.split(doc.text)) <= MAX_SENTENCE
    assert doc.text.replace("；", "，") == data.decode("utf-8")


def test_ordinary_text_is_left_alone():
    text = "全年地区生产总值增长6.1%，一般公共预算收入增长3.2%。\n" * 50
    assert bound_sentences(text, "p") is text


def test_a_run_with_no_clause_break_is_refused():
    with pytest.raises(ParseError) as err:
        load_document("标题\n".encode() + b"7" * (MAX_SENTENCE * 3), "junk.txt")
    assert str(err.value) == (f"junk.txt: line 2 runs more than {MAX_SENTENCE} characters without a sentence "
                              "end or a clause break: not text plangap can read")


def test_a_run_broken_only_by_spaces_is_cut_at_a_space():
    text = ("增长5% " * (MAX_SENTENCE // 2)).strip()
    out = bound_sentences(text, "p")
    assert max(len(run) for run in _RUN_END.split(out)) <= MAX_SENTENCE


# --- a 200 KB line is extracted --------------------------------------------------------

#: a 200 KB line holds more numbers than a page may (PLANGAP_MAX_PAGE_NUMBERS): these tests are
#: about reading a long line in linear time, so they raise the limit
_MANY_NUMBERS = {"PLANGAP_MAX_PAGE_NUMBERS": "100000"}

def test_a_200_kb_line_of_figures_is_extracted(tmp_path):
    path = tmp_path / "bulletin.txt"
    data, k = _line(FACT_UNIT, 200 * 1024)
    path.write_bytes(data)
    done = _cli("facts", str(path), "--json", timeout=25, env=_MANY_NUMBERS)
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(rows) == 2 * k
    assert {r["value_normalized"] for r in rows} >= {5.2}
    assert sum(1 for r in rows if r["measure"] == "growth_pct") == k


def test_a_200_kb_line_of_targets_is_extracted(tmp_path):
    path = tmp_path / "plan.txt"
    data, k = _line(TARGET_UNIT, 200 * 1024)
    path.write_bytes(data)
    done = _cli("targets", str(path), "--json", timeout=25, env=_MANY_NUMBERS)
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(rows) >= k  # at least the growth target of every repetition
    assert sum(1 for r in rows if r["value"] == 6) >= k - 1
