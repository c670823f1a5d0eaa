"""python -m plangap.floors: the stack's own floors over a small generated site (real interpreters,
the snapshot server in a child process, real GETs over loopback; no timing asserted)."""
from __future__ import annotations

import pytest

from plangap import floors

pytestmark = pytest.mark.slow  # imports GX in a fresh interpreter


def test_every_floor_is_measured_over_the_generated_site(tmp_path):
    result = floors.measure(12, workdir=tmp_path)
    assert result["pages"] == 12

    rss = result["import_rss_mb"]
    assert set(rss) == {*floors.IMPORT_GROUPS, "required together"}
    # importing everything weighs at least as much as any one group and more than bare Python
    assert rss["required together"] >= max(v for k, v in rss.items() if k != "required together")
    assert rss["required together"] > rss["python"]

    gets = result["conditional_get"]
    assert set(gets) == {"plangap", "requests", "urllib3", "http.client"}
    for name, figures in gets.items():
        assert figures["answered_304"] == 12, name  # every page asked again was unchanged
        assert figures["cpu_ms_per_get"] >= 0 and figures["wall_ms_per_get"] > 0

    kinds = result["extraction"]
    assert set(kinds) == {"plan", "bulletin", "release"}
    assert sum(k["pages"] for k in kinds.values()) == 12
    for kind, k in kinds.items():
        assert k["floor_ratio"] == pytest.approx(k["plangap_ms"] / k["lxml_floor_ms"], rel=0.02, abs=0.11), kind
        assert k["budget_ms_at_ratio_5"] == pytest.approx(5 * k["lxml_floor_ms"], abs=0.003)  # both rounded to 3 places
        assert k["clauses_with_digits"] > 0


def test_clauses_with_digits_are_the_ones_a_reader_must_judge():
    text = "全年新增就业9.1万人。推进城市更新；建成通车\n粮食产量达到１２０万吨！"
    assert floors._clauses(text) == ["全年新增就业9.1万人", "粮食产量达到１２０万吨"]
    assert floors._thinnest(floors._clauses(text)) == 2


def test_a_site_with_no_pages_is_refused_by_the_command(capsys):
    with pytest.raises(SystemExit) as stop:
        floors.main(["--pages", "0"])
    assert stop.value.code == 2
    assert "--pages must be a positive whole number" in capsys.readouterr().err


def test_an_import_is_measured_in_its_own_interpreter_whatever_the_caller_weighs():
    ballast = bytearray(400 * 1024 * 1024)  # a caller as big as a test session late in the suite
    ballast[::4096] = b"x" * len(ballast[::4096])  # touched: resident, not just reserved
    rss = floors.import_rss_mb({"python": ()})
    assert rss["python"] < 200  # bare Python (about 11 MB), not the 400 MB caller
    del ballast
