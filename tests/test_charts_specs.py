"""The chart specs are built as plain dicts; they must be the JSON the Altair builders produced.

tests/fixtures/chart_specs.json holds, for varied inputs (ranges, missing target figures,
negatives, every status, no unit, capped charts, a single subchart, the report test warehouse and
100 measured rows of the 1,000-page bench warehouse), the spec `chart.to_dict()` gave with the
Altair code of publish/charts.py at db8db9e. The comparison is of the JSON text, so key order and
float digits count too (vl-convert draws from that text)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from plangap.publish import charts

CASES = json.loads((Path(__file__).parent / "fixtures" / "chart_specs.json").read_text(encoding="utf-8"))["cases"]
BUILDERS = {"status": charts.status_spec, "bullet": charts.bullet_spec, "pace": charts.pace_spec}


def _text(spec: dict[str, Any] | None) -> str:
    return json.dumps(spec, ensure_ascii=False)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_spec_is_the_json_altair_produced(case):
    built = BUILDERS[case["chart"]](*case["inputs"].values())
    assert _text(built) == _text(case["spec"])


def test_every_status_range_negative_and_missing_target_is_covered():
    rows = [r for c in CASES if c["chart"] == "bullet" for r in c["inputs"]["rows"]]
    assert {r["status"] for r in rows} >= {"achieved", "on_track", "behind", "missed"}
    assert any(r["target_value_max"] is not None for r in rows)
    assert any(r["target_value"] is None for r in rows)
    assert any((r["actual_in_target_unit"] or 0) < 0 for r in rows)
    assert any(len(c["spec"]["vconcat"]) == charts.MAX_BULLETS for c in CASES if c["chart"] == "bullet" and c["spec"])


def test_a_spec_rendered_again_gives_the_same_svg_from_the_cache():
    case = next(c for c in CASES if c["name"].startswith("bullet: varied"))
    charts._svg_cache.clear()
    first = charts.bullet_chart(case["inputs"]["rows"])
    assert len(charts._svg_cache) == 1
    again = charts.bullet_chart(case["inputs"]["rows"])
    assert again == first and len(charts._svg_cache) == 1
    charts._svg_cache.clear()
    assert charts.bullet_chart(case["inputs"]["rows"]) == first  # rendered anew: the same bytes


def test_the_cache_keeps_a_bounded_number_of_svgs():
    charts._svg_cache.clear()
    for i in range(charts._SVG_CACHE_SIZE + 3):
        charts.status_chart([{"region": f"市{i}", "year": 2021, "counts": {"achieved": 1}}])
    assert len(charts._svg_cache) == charts._SVG_CACHE_SIZE
