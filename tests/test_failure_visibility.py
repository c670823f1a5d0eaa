"""Failures visible to analysts (issue 11): after a failed run the analysts' read-only copy shows
the failed run in run_log with its reason, every other table as the last good run left it, and
the report files unchanged byte for byte; dq_results keeps each expectation's severity and
reason; the email and a report written from the copy name the last run and the last good one.

Real runs of the bundled snapshot through the nightly flow's stages (without Prefect, as
tests/test_gate_snapshot.py runs them) inside the run's real transaction, real DuckDB, real GX,
real SMTP on 127.0.0.1."""
from __future__ import annotations

import dataclasses
import os
import shutil
import stat
from datetime import date
from email import message_from_bytes
from email.policy import default as default_policy
from pathlib import Path

import duckdb
import pytest
from conftest import SNAPSHOT

from plangap.cli import main
from plangap.flows import stages
from plangap.flows.records import GateFailed, RunOptions
from plangap.flows.transaction import open_run
from plangap.transform.page import extract_page
from plangap.warehouse.history import show_runs_in_copy

pytestmark = pytest.mark.slow  # starts GX

AS_OF = date(2026, 11, 27)
PLAN_2020 = "https://www.changzhou.gov.cn/gi_news/681158953254033"
PLAN_2020_FILE = "www.changzhou.gov.cn/gi_news/681158953254033.html"


def settings_under(base: Path):
    from plangap.config import load_settings

    settings = load_settings(db=str(base / "plangap.duckdb"), reports=str(base / "reports"))
    return dataclasses.replace(settings, analyst_copy=base / "analyst" / "plangap-latest.duckdb",
                               dq_docs=base / "dq-docs")


def run_pipeline(base: Path, as_of: date, snapshot: Path | None = None) -> str:
    """One nightly run, stage by stage as flows/nightly.py composes them (no Prefect), inside
    the real transaction: committed and published when every stage passed; return its run id."""
    with open_run(RunOptions(settings=settings_under(base), snapshot=snapshot, as_of=as_of)) as run:
        plan = run.plan
        fetched = stages.fetch(plan, run.known)
        archived = stages.archive(plan.work_db, plan, fetched, run.known)
        stages.load(plan.work_db, archived, [extract_page(p) for p in archived.pages], 0)
        stages.build_gap(plan.work_db, plan.as_of)
        checked = stages.gate(plan.work_db, plan.run_id, plan.dq_docs)
        stages.track(plan, fetched)
        stages.publish(plan.work_db, plan, checked)
    return plan.run_id


def copy_snapshot(dest: Path) -> Path:
    shutil.copytree(SNAPSHOT, dest)
    for p in dest.rglob("*"):
        p.chmod(0o644 if p.is_file() else 0o755)
    return dest


def tables(path: Path) -> dict[str, list[str]]:
    """Every base table of a warehouse file: its rows (as text, sorted)."""
    with duckdb.connect(str(path), read_only=True) as conn:
        names = [r[0] for r in conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' ORDER BY 1").fetchall()]
        return {n: sorted(repr(r) for r in conn.execute(f'SELECT * FROM "{n}"').fetchall()) for n in names}


def run_log(path: Path) -> list[dict]:
    with duckdb.connect(str(path), read_only=True) as conn:
        result = conn.execute("SELECT * FROM run_log ORDER BY started_at")
        cols = [d[0] for d in result.description]
        return [dict(zip(cols, r)) for r in result.fetchall()]


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture(scope="module")
def failed_after_good(tmp_path_factory):
    """A good run of the bundled snapshot, then a run whose 2020 plan page became a maintenance
    notice (stopped by the gate). Returns what the copy and the reports held in between."""
    base = tmp_path_factory.mktemp("visible")
    good = run_pipeline(base, AS_OF)
    settings = settings_under(base)
    copy = settings.analyst_copy
    before = {"tables": tables(copy), "run_log": run_log(copy), "reports": files(settings.reports),
              "analyst": {k: v for k, v in files(copy.parent).items() if k != copy.name}}
    broken = copy_snapshot(tmp_path_factory.mktemp("broken") / "snapshot")
    (broken / PLAN_2020_FILE).write_text(
        "<html><head><meta charset='utf-8'><title>2020年市政府重点工作</title></head><body>"
        "<div class='article'><p>本页面内容已调整,请访问新版网站。</p></div></body></html>", encoding="utf-8")
    with pytest.raises(GateFailed) as stopped:
        run_pipeline(base, AS_OF, broken)
    failed = [r["run_id"] for r in run_log(settings.db) if r["result"] == "failed"]
    assert len(failed) == 1
    return {"base": base, "settings": settings, "good": good, "failed": failed[0], "reason": str(stopped.value),
            "before": before}


def test_the_failed_run_is_in_the_analysts_copy_with_its_reason(failed_after_good):
    f = failed_after_good
    copy = f["settings"].analyst_copy
    rows = run_log(copy)
    assert rows[:-1] == f["before"]["run_log"]  # the good run's row as it was
    last = rows[-1]
    assert last["run_id"] == f["failed"] and last["result"] == "failed"
    assert last["error_message"] == f["reason"][:2000]
    assert "plan_page_yields_targets" in last["error_message"] and PLAN_2020 in last["error_message"]
    assert last["ended_at"] is not None and last["ended_at"] >= rows[0]["ended_at"]
    assert last == run_log(f["settings"].db)[-1]  # the same row as the warehouse's


def test_every_other_table_of_the_copy_is_as_the_last_good_run_left_it(failed_after_good):
    f = failed_after_good
    after = tables(f["settings"].analyst_copy)
    before = f["before"]["tables"]
    assert set(after) == set(before)
    assert len(before["stg_targets"]) > 0 and len(before["dq_results"]) > 0
    for name in sorted(before):
        if name != "run_log":
            assert after[name] == before[name], f"{name} changed in the analysts' copy"


def test_report_and_exports_are_unchanged_byte_for_byte(failed_after_good):
    f = failed_after_good
    settings = f["settings"]
    assert files(settings.reports) == f["before"]["reports"]
    assert {"gap-report.html", "gap-report.csv"} <= set(f["before"]["reports"])
    copy = settings.analyst_copy
    assert {k: v for k, v in files(copy.parent).items() if k != copy.name} == f["before"]["analyst"]


def test_the_copy_stays_read_only_and_no_temporary_file_is_left(failed_after_good):
    copy = failed_after_good["settings"].analyst_copy
    assert stat.S_IMODE(os.stat(copy).st_mode) == 0o444
    assert not [p.name for p in copy.parent.iterdir() if p.name.endswith((".tmp", ".wal"))]
    before = copy.read_bytes()
    assert show_runs_in_copy(failed_after_good["settings"].db, copy) == 0  # nothing new: not rewritten
    assert copy.read_bytes() == before


def test_dq_results_keep_severity_and_reason(failed_after_good):
    f = failed_after_good
    with duckdb.connect(str(f["settings"].db), read_only=True) as conn:
        rows = conn.execute("SELECT run_id, suite, success, severity, reason FROM dq_results").fetchall()
    good = [r for r in rows if r[0] == f["good"]]
    failed = [r for r in rows if r[0] == f["failed"]]
    assert good and failed
    assert {r[3] for r in rows} <= {"critical", "warning"} and "critical" in {r[3] for r in rows}
    assert all(r[4] is None for r in rows if r[2])  # a passed expectation has no reason
    [stopped] = [r for r in failed if r[1] == "stg_targets.target_pages" and not r[2] and r[3] == "critical"
                 and r[4].startswith("stg_targets plan_page_yields_targets")]
    assert f"{PLAN_2020} yields 0 targets" in stopped[4]


def test_email_and_a_report_from_the_copy_name_the_failed_run_and_the_last_good_one(
        failed_after_good, smtp_server, monkeypatch, tmp_path, capsys):
    f = failed_after_good
    inbox, port = smtp_server
    for key, value in (("PLANGAP_SMTP_HOST", "127.0.0.1"), ("PLANGAP_SMTP_PORT", str(port)),
                       ("PLANGAP_MAIL_TO", "team@example.org")):
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("PLANGAP_ANALYST_COPY", str(f["settings"].analyst_copy))
    assert main(["email", "--month", "2026-11"]) == 0
    [(_, _, raw)] = inbox.messages
    msg = message_from_bytes(raw, policy=default_policy)
    text = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    last = next(line for line in text.splitlines() if line.startswith("最近一次运行 (last run): "))
    assert last.startswith(f"最近一次运行 (last run): {f['failed']}：失败 failed（data-quality gate: FAILED")
    assert PLAN_2020 in last and "(北京时间)" in last
    good = next(line for line in text.splitlines() if line.startswith("最近一次成功运行"))
    assert good.startswith(f"最近一次成功运行 (last successful run): {f['good']}：成功 success，20")
    assert f["failed"] in html and f["good"] in html

    out = tmp_path / "from-copy"
    assert main(["report", "--db", str(f["settings"].analyst_copy), "--reports", str(out)]) == 0
    page = (out / "gap-report.html").read_text(encoding="utf-8")
    assert f"最近一次运行 {f['failed']}：失败 failed（" in page
    assert f"最近一次成功运行 {f['good']}（20" in page
