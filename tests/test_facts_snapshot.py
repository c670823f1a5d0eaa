"""extract_facts on every statistics page of the snapshot, exactly against the hand-checked gold."""
import json
from pathlib import Path

import pytest

from plangap.transform.document import load_document
from plangap.transform.facts import extract_facts

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold" / "snapshot_facts.jsonl"
MANIFEST = json.loads((ROOT / "snapshot" / "manifest.json").read_text(encoding="utf-8"))
PAGES = [e for e in MANIFEST if e["kind"] in ("bulletin", "release", "article", "report")]


def _gold(file: str) -> list[dict]:
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [{k: v for k, v in r.items() if k != "file"} for r in rows if r["file"] == file]


@pytest.mark.parametrize("page", PAGES, ids=[p["file"].split("/")[0] + ":" + p["file"].rsplit("/", 1)[-1] for p in PAGES])
def test_page_facts_match_gold(page):
    doc = load_document((ROOT / "snapshot" / page["file"]).read_bytes(), page["file"], None)
    facts = extract_facts(doc, page.get("period"))
    got = [{**f.to_json(), "scope": f.scope} for f in facts]
    assert got == _gold(page["file"])
    for f in facts:
        assert doc.text[f.start:f.end] == f.clause


def test_gold_covers_every_statistics_page():
    files = {json.loads(line)["file"] for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()}
    assert files == {p["file"] for p in PAGES}


def test_completion_ratio_is_not_a_fact():
    page = next(p for p in PAGES if p["file"].startswith("rsj."))
    doc = load_document((ROOT / "snapshot" / page["file"]).read_bytes(), page["file"], None)
    values = {f.value for f in extract_facts(doc, page["period"])}
    assert 65.0 not in values and 58.89 not in values and 3.0 not in values
