"""The command-line contract: commands, options, JSON fields, exit codes, one-line errors."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from plangap.cli import build_parser, main
from plangap.transform.records import Fact, Target

ROOT = Path(__file__).resolve().parent.parent
PLAN_2020 = ROOT / "snapshot/www.changzhou.gov.cn/gi_news/681158953254033.html"
BULLETIN_2020 = ROOT / "snapshot/tjj.changzhou.gov.cn/html/tjj/2021/TJGB0000_0301/2020.html"
COMMANDS = ("run", "targets", "facts", "sql", "report", "eval", "bench", "email")


def _call(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_every_command_and_option_has_help(capsys):
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert set(sub.choices) == set(COMMANDS)
    for name, p in sub.choices.items():
        assert p.description, name
        for action in p._actions:
            if action.dest != "help":
                assert action.help, f"{name} {action.dest}"
        with pytest.raises(SystemExit) as exc:
            main([name, "--help"])
        assert exc.value.code == 0
        assert name in capsys.readouterr().out


def test_targets_json_has_exactly_the_contract_fields(capsys):
    code, out, err = _call(capsys, "targets", str(PLAN_2020), "--json")
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows and all(tuple(r) == Target.JSON_FIELDS for r in rows)
    assert {"clause": "新建、改造5G通信基站5000个", "value": 5000, "unit": "个"}.items() <= next(
        r for r in rows if r["clause"] == "新建、改造5G通信基站5000个").items()


def test_facts_json_has_exactly_the_contract_fields(capsys):
    code, out, err = _call(capsys, "facts", str(BULLETIN_2020), "--json")
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows and all(tuple(r) == Fact.JSON_FIELDS for r in rows)
    assert any(r["measure"] == "growth_pct" and r["value_normalized"] == -4.9 for r in rows)


def test_tables_print_without_json(capsys):
    code, out, _ = _call(capsys, "targets", str(PLAN_2020))
    assert code == 0 and out.splitlines()[0].split()[0] == "indicator" and "5000" in out


@pytest.mark.parametrize("content, reason", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary content"),
    (b"", "empty input"),
    (b"   \n", "empty input"),
    (b"<html><body><ul><li><a href='/a'>\xe9\xa6\x96\xe9\xa1\xb5</a></li></ul></body></html>", "no article body"),
    (b"<html><head><meta charset='utf-8'></head><body><p>\xff\xfe\xfa</p></body></html>", "undecodable"),
])
@pytest.mark.parametrize("command", ["targets", "facts"])
def test_bad_input_exits_2_with_one_line(capsys, tmp_path, command, content, reason):
    bad = tmp_path / "bad.html"
    bad.write_bytes(content)
    code, out, err = _call(capsys, command, str(bad))
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and str(bad) in err and reason in err
    assert "Traceback" not in err


def test_missing_file_and_usage_errors_exit_2(capsys, tmp_path):
    code, _, err = _call(capsys, "targets", str(tmp_path / "nope.txt"))
    assert code == 2 and "no such file" in err
    code, _, err = _call(capsys, "run", "--year", "soon")
    assert code == 2 and err.count("\n") == 1
    code, _, err = _call(capsys, "run", "--snapshot", str(tmp_path))
    assert code == 2 and "no manifest.json" in err


def test_sql_on_a_missing_warehouse_exits_2(capsys, tmp_path):
    code, _, err = _call(capsys, "sql", "SELECT 1", "--db", str(tmp_path / "none.duckdb"))
    assert code == 2 and "none.duckdb" in err


def test_sql_formats_on_a_real_warehouse(capsys, tmp_path):
    from plangap.warehouse.db import connect

    db = tmp_path / "w.duckdb"
    connect(db).close()
    code, out, _ = _call(capsys, "sql", "SELECT 1 AS one, 'a' AS two", "--db", str(db), "--format", "json")
    assert code == 0 and json.loads(out) == {"one": 1, "two": "a"}
    code, out, _ = _call(capsys, "sql", "SELECT 1 AS one", "--db", str(db), "--format", "csv")
    assert out.splitlines() == ["one", "1"]
    code, _, err = _call(capsys, "sql", "CREATE TABLE x (a INT)", "--db", str(db))
    assert code == 2 and "read-only" in err.lower()


def test_extraction_commands_do_not_import_prefect_or_gx():
    probe = (f"import sys; from plangap.cli import main; main(['targets', {str(PLAN_2020)!r}, '--json']);"
             "print('prefect' in sys.modules, 'great_expectations' in sys.modules, file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "False False"
