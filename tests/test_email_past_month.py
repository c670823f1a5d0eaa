"""`plangap email --month` for a month before the latest run: the statuses as the warehouse
recorded them then (status_history), not today's; a month before any record says so.

A real warehouse built by two real runs (the flow's stages in the run's transaction, real
DuckDB, real GX): the first as of 2021-03-20 over a snapshot without the 2021 statistics pages,
the second as of 2026-11-27 over the whole bundled snapshot; each message is received by a real
SMTP server on 127.0.0.1."""
from __future__ import annotations

import csv
import io
import json
from datetime import date
from email import message_from_bytes
from email.policy import default as default_policy

import duckdb
import pytest
from test_failure_visibility import copy_snapshot, run_pipeline, settings_under

from plangap.cli import main

pytestmark = pytest.mark.slow  # starts GX


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    base = tmp_path_factory.mktemp("months")
    early = copy_snapshot(tmp_path_factory.mktemp("early") / "snapshot")
    manifest = json.loads((early / "manifest.json").read_text(encoding="utf-8"))
    kept = [e for e in manifest if e["kind"] == "plan" or
            (e["kind"] != "list" and not (e.get("period") or "").startswith("2021"))]
    (early / "manifest.json").write_text(json.dumps(kept, ensure_ascii=False), encoding="utf-8")
    first = run_pipeline(base, date(2021, 3, 20), early)
    second = run_pipeline(base, date(2026, 11, 27))
    copy = settings_under(base).analyst_copy
    with duckdb.connect(str(copy), read_only=True) as conn:
        today = dict(conn.execute("SELECT status, count(*) FROM gap_report WHERE year = 2021 GROUP BY 1").fetchall())
    assert today == {"achieved": 2, "behind": 1, "on_track": 2, "no_data": 1}  # what the second run knows
    return {"copy": copy, "first": first, "second": second}


@pytest.fixture
def send(two_runs, smtp_server, monkeypatch):
    inbox, port = smtp_server
    for key, value in (("PLANGAP_SMTP_HOST", "127.0.0.1"), ("PLANGAP_SMTP_PORT", str(port)),
                       ("PLANGAP_MAIL_TO", "team@example.org"), ("PLANGAP_ANALYST_COPY", str(two_runs["copy"]))):
        monkeypatch.setenv(key, value)

    def received(month: str):
        assert main(["email", "--month", month]) == 0
        msg = message_from_bytes(inbox.messages.pop()[2], policy=default_policy)
        attachments = list(msg.iter_attachments())
        rows = [list(csv.DictReader(io.StringIO(a.get_payload(decode=True).decode("utf-8-sig")))) for a in attachments]
        return (str(msg["Subject"]), msg.get_body(("plain",)).get_content(), msg.get_body(("html",)).get_content(),
                rows[0] if rows else None)
    return received


def test_a_past_month_shows_the_statuses_recorded_then(two_runs, send):
    subject, text, html, rows = send("2021-03")
    assert subject == "常州市 2021 目标进展 2021-03: 6 无数据"  # today: 2 达成 / 2 序时达标 / 1 滞后 / 1 无数据
    first = two_runs["first"]
    assert f"以下状态为 2021-03-20 的记录（运行 {first}，" in text
    assert f"(Statuses as run {first} recorded them as of 2021-03-20, not today's.)" in text
    assert "共 6 个目标 (6 targets):" in text and "  达成 achieved: 0" in text and "  无数据 no data: 6" in text
    assert "已有实际数据的目标 (targets with a published figure):\n- 暂无 (none yet)" in text
    assert f"运行 {first}" in html and "not today's" in html
    assert {r["status"] for r in rows if r["year"] == "2021"} == {"no_data"}
    achieved_2020 = [r for r in rows if r["year"] == "2020" and r["status"] == "achieved"]
    assert len(achieved_2020) == 2 and all(r["actual_value"] and r["gap"] for r in achieved_2020)  # same figure today


def test_a_later_month_before_the_latest_run_still_shows_the_last_record_by_then(two_runs, send):
    subject, text, _, rows = send("2024-06")
    assert subject == "常州市 2021 目标进展 2024-06: 6 无数据"
    assert f"运行 {two_runs['first']}" in text and two_runs["second"] not in text.split("最近一次运行")[0]


def test_the_month_of_the_latest_run_shows_todays_statuses(two_runs, send):
    subject, text, _, rows = send("2026-11")
    assert subject == "常州市 2026 目标进展 2026-11: 8 无数据"
    assert "的记录（运行" not in text and "not today's" not in text
    assert sorted(r["status"] for r in rows if r["year"] == "2021") == [
        "achieved", "achieved", "behind", "no_data", "on_track", "on_track"]


def test_a_month_before_any_record_says_so_instead_of_showing_todays(two_runs, send):
    subject, text, html, rows = send("2020-12")
    assert subject == "常州市 目标进展 2020-12: 无该月状态记录"
    assert "没有 2020-12 的状态记录：最早的记录截至 2021-03-20。今天的状态不代表该月，故不列出。" in text
    assert "共 " not in text and "达成 achieved" not in text and "暂无 (none yet)" not in text
    assert "No status history for 2020-12" in html and "<table" not in html
    assert rows is None  # no CSV of today's statuses attached
    assert f"最近一次运行 (last run): {two_runs['second']}：成功 success" in text
