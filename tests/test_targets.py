"""The plan target extractor against the hand-labelled seed plan (tests/gold/seed_targets.jsonl),
read from the plain-text copy and from the saved HTML page: both must give exactly the gold rows."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from plangap.transform.document import load_document
from plangap.transform.records import Document, Target
from plangap.transform.targets import extract_targets

HERE = Path(__file__).parent
REPO = HERE.parent
GOLD = HERE / "gold" / "seed_targets.jsonl"
SEED_TEXT = HERE / "fixtures" / "plans" / "seed_changzhou_2020.txt"  # the seed text, carried by the repo
SEED_HTML = REPO / "snapshot" / "www.changzhou.gov.cn" / "gi_news" / "681158953254033.html"
COMPARED = ("clause", "value", "value_max", "unit", "value_normalized", "unit_normalized", "comparator",
            "modifier", "kind", "year", "section")


def _gold() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def _rows(targets: list[Target]) -> list[dict]:
    return [{k: t.to_json()[k] for k in COMPARED} for t in targets]


def _load(path: Path) -> Document:
    if not path.exists():
        pytest.skip(f"{path} is not available here")
    return load_document(path.read_bytes(), str(path))


def test_gold_has_29_numeric_targets_and_the_commitments():
    gold = _gold()
    assert sum(1 for g in gold if g["kind"] != "commitment") == 29
    assert {g["clause"] for g in gold if g["kind"] == "commitment"} == {
        "建成投用常州文化广场", "常宜高速、溧高高速、360省道溧阳段建成通车", "青洋路高架二期开工建设",
        "2号线实现“洞通”“轨通”“电通”"}


@pytest.mark.parametrize("path", [SEED_TEXT, SEED_HTML], ids=["text", "html"])
def test_seed_plan_matches_gold_exactly(path: Path):
    doc = _load(path)
    targets = extract_targets(doc)
    assert _rows(targets) == [{k: g[k] for k in COMPARED} for g in _gold()]


@pytest.mark.parametrize("path", [SEED_TEXT, SEED_HTML], ids=["text", "html"])
def test_clauses_are_spans_of_the_document_in_reading_order(path: Path):
    doc = _load(path)
    targets = extract_targets(doc)
    for t in targets:
        assert doc.text[t.start:t.end] == t.clause
    assert [t.start for t in targets] == sorted(t.start for t in targets)


def test_extraction_is_deterministic():
    doc = _load(SEED_HTML)
    first = [t.to_json() for t in extract_targets(doc)]
    for _ in range(3):
        assert [t.to_json() for t in extract_targets(doc)] == first


def test_document_without_targets_gives_nothing():
    assert extract_targets(Document(text="各位代表:现在,我代表市人民政府向大会报告工作。")) == []
