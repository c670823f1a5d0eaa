"""The suite files as data: vocabularies filled in rather than spelt, the unit table equal to
transform/units.py, structured row conditions, the saved GX entities equal to the suite files,
and docs/checks.md naming every expectation with its threshold. No GX run here."""
from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from plangap.checks.derive import states_number
from plangap.checks.suites import SUITES_DIR, UNITS_FILE, load_suites, unit_pattern
from plangap.warehouse import statuses

ROOT = Path(__file__).resolve().parent.parent
GX_DIR = ROOT / "checks" / "gx"


def test_statuses_are_filled_in_from_the_vocabulary_not_spelt():
    text = (SUITES_DIR / "mart_gap.yaml").read_text(encoding="utf-8")
    assert "$STATUSES" in text and "$MATCHED" in text
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    assert not any(re.search(rf"\b{s}\b", body) for s in statuses.STATUSES)
    mart = next(s for s in load_suites() if s.name == "mart_gap")
    by_name = {e.name: e for e in mart.expectations}
    assert by_name["status_in_vocabulary"].kwargs["value_set"] == list(statuses.STATUSES)
    assert by_name["matched_status_has_a_fact"].where == {"status": {"in": list(statuses.MATCHED)}}


def test_the_unit_table_is_transform_units_vocabulary():
    from plangap.transform import units as u

    raw = yaml.safe_load(UNITS_FILE.read_text(encoding="utf-8"))
    words = {w for group in raw["words"].values() for w in group}
    kinds = (u.MONEY, u.MEASURES, u.CONCENTRATIONS, u.AGES, u.DURATIONS, u.FREQUENCIES, u.COUNTS, u.PER_UNIT)
    assert words == {w for k in kinds for w in k.both + k.plans + k.stats}
    assert set(raw["standalone"]) == set(u.STAT_PERCENT_UNITS) | {u.TIMES}
    assert raw["multipliers"] == [w for w, _ in u.MULTIPLIERS]
    assert set(u.UNIT_SYNONYMS.values()) <= words  # synonyms are normalised to a word of the table


def test_unit_pattern_accepts_the_table_and_refuses_the_rest():
    pattern = re.compile(unit_pattern())
    for unit in ("元", "%", "个百分点", "所/万人", "吨/日", "批次/千人", "万", "年", "微克/立方米", "万元/人"):
        assert pattern.match(unit), unit
    for unit in ("斤两", "元/", "%%", "人民币元", ""):
        assert not pattern.match(unit), unit


def test_row_conditions_are_structured_never_strings():
    for path in SUITES_DIR.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert "row_condition" not in text and "condition_parser" not in text, path.name
    for suite in load_suites():
        for e in suite.expectations:
            assert e.where is None or isinstance(e.where, dict)


def test_every_expectation_has_a_name_a_why_and_a_severity():
    for suite in load_suites():
        for e in suite.expectations:
            assert not e.name.startswith("expect_"), (suite.name, e.name)
            assert e.why and len(e.why) > 20, (suite.name, e.name)
            assert e.severity in ("critical", "warning")


def test_docs_list_every_expectation_with_its_threshold():
    doc = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    rows = {m.group(1): m.group(0) for m in re.finditer(r"^\| `([a-z0-9_]+)` \|.*$", doc, re.M)}
    for suite in load_suites():
        for e in suite.expectations:
            assert e.name in rows, e.name
            for key in ("min_value", "max_value"):
                if key in e.kwargs:
                    assert re.search(rf"(?<![\d.]){re.escape(f'{e.kwargs[key]:g}')}(?![\d.])", rows[e.name]), \
                        (e.name, key)
            assert e.severity in rows[e.name], e.name


def test_saved_gx_suites_are_the_suite_files():
    """checks/gx/expectations/*.json are what the gate saves from checks/suites/*.yaml: run the
    gate once after changing a suite file and commit both."""
    from plangap.checks.context import gx_expectation

    for suite in load_suites():
        path = GX_DIR / "expectations" / Path(*suite.name.split(".")).with_suffix(".json")
        saved = json.loads(path.read_text(encoding="utf-8"))
        wanted = [gx_expectation(e).configuration.to_json_dict() for e in suite.expectations]
        strip = ("id", "rendered_content")
        assert [{k: v for k, v in s.items() if k not in strip} for s in saved["expectations"]] == \
            [{k: v for k, v in w.items() if k not in strip} for w in wanted], suite.name
        assert (GX_DIR / "validation_definitions" / f"{suite.name}.json").is_file()
    checkpoint = json.loads((GX_DIR / "checkpoints" / "plangap_gate.json").read_text(encoding="utf-8"))
    assert [v["name"] for v in checkpoint["validation_definitions"]] == [s.name for s in load_suites()]


def test_clause_number_rule():
    assert states_number("新增就业9.1万人", 9.1)
    assert states_number("新建5,000个", 5000.0) and states_number("新增托位1. 2万个", 1.2)
    assert states_number("增长12.50%", 12.5) and states_number("保持正增长", 0.0)
    assert states_number("建设重点工程八十五个", 85.0)  # Chinese numerals, no digit
    assert not states_number("新增就业8万人", 9.1)
    assert not states_number("增长15%", 5.0)  # 5 is not 15
    assert not states_number("年末企业数（家）\n412\n398", 412398.0)  # two lines are two numbers
