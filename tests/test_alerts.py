"""Alerts: a second run in which a new release moves a target from on_track to behind records
the change (status_changes, both figures and both pages) and emails the region's recipients
through a real SMTP server on 127.0.0.1."""
from __future__ import annotations

from datetime import date
from email import message_from_bytes
from email.policy import default as default_policy
from pathlib import Path

import duckdb
import pytest
from sitebuild import article, settings_in, write_site

from plangap.publish.alerts import build_alert, change_line

PLAN = "https://www.yi.gov.cn/zfgzbg/2024.html"
H1 = "https://tjj.yi.gov.cn/tjsj/2024/h1.html"
Q3 = "https://tjj.yi.gov.cn/tjsj/2024/q3.html"


@pytest.fixture
def smtp_server(smtp_server, monkeypatch):
    """The shared SMTP server (conftest.py), with the run's SMTP settings pointing at it."""
    inbox, port = smtp_server
    monkeypatch.setenv("PLANGAP_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("PLANGAP_SMTP_PORT", str(port))
    monkeypatch.setenv("PLANGAP_MAIL_FROM", "plangap@example.org")
    monkeypatch.delenv("PLANGAP_MAIL_TO", raising=False)
    return inbox


def _registry(with_q3: bool) -> str:
    q3 = f"      - url: {Q3}\n        kind: release\n        period: 2024-01/2024-09\n" if with_q3 else ""
    return f"""version: 1
regions:
  - name: 甲省
    level: province
  - name: 乙市
    level: city
    parent: 甲省
    alerts: [ops@example.org]
    plans:
      - url: {PLAN}
        year: 2024
    pages:
      - url: {H1}
        kind: release
        period: 2024-01/2024-06
{q3}"""


def _site(folder: Path, with_q3: bool) -> None:
    pages = {
        PLAN: ("plan", "乙市", "2024", article("2024年乙市人民政府工作报告", "2024-01-20", [
            "各位代表：", "现在，我代表市人民政府向大会报告工作，请予审议。",
            "2024年全市经济社会发展的主要预期目标是：一般公共预算收入增长8%。"])),
        H1: ("release", "乙市", "2024-01/2024-06", article("2024年上半年乙市经济运行情况", "2024-07-20", [
            "上半年，全市一般公共预算收入312.5亿元，同比增长9.0%。"])),
    }
    if with_q3:
        pages[Q3] = ("release", "乙市", "2024-01/2024-09", article("2024年前三季度乙市经济运行情况", "2024-10-22", [
            "前三季度，全市一般公共预算收入448.1亿元，同比增长6.0%。"]))
    write_site(folder, pages, _registry(with_q3))


@pytest.mark.slow  # starts Prefect
def test_a_new_release_moving_a_target_is_recorded_and_mailed(prefect_harness, smtp_server, tmp_path):
    from plangap.flows.nightly import nightly
    from plangap.flows.records import RunOptions

    site, settings = tmp_path / "site", settings_in(tmp_path)
    _site(site, with_q3=False)
    first = nightly(RunOptions(settings=settings, snapshot=site, as_of=date(2024, 11, 1)))
    assert first.statuses.get("on_track") == 1 and first.status_changes == 0
    assert smtp_server.messages == []  # nothing changed: nothing sent
    _site(site, with_q3=True)
    second = nightly(RunOptions(settings=settings, snapshot=site, as_of=date(2024, 11, 1)))
    assert second.statuses.get("behind") == 1
    assert second.status_changes == 1
    assert second.alerts == "sent to ops@example.org"
    with duckdb.connect(str(settings.db), read_only=True) as conn:
        result = conn.execute("SELECT * FROM status_changes")
        rows = [dict(zip([d[0] for d in result.description], r)) for r in result.fetchall()]
    [change] = rows
    assert (change["region"], change["year"], change["change"]) == ("乙市", 2024, "status")
    assert (change["old_status"], change["new_status"]) == ("on_track", "behind")
    assert (change["old_value"], change["old_period"], change["old_url"]) == (9.0, "2024-01/2024-06", H1)
    assert (change["new_value"], change["new_period"], change["new_url"]) == (6.0, "2024-01/2024-09", Q3)
    assert change["target_url"] == PLAN and "8%" in change["target_clause"]
    assert change["run_id"] == second.run_id
    [(sender, to, raw)] = smtp_server.messages
    assert sender == "plangap@example.org" and to == ["ops@example.org"]
    msg = message_from_bytes(raw, policy=default_policy)
    assert msg["Subject"].startswith("乙市 目标状态变化 1 项")
    text = msg.get_body(("plain",)).get_content()
    assert "序时达标 → 滞后" in text and "9%（2024-01/2024-06） → 6%（2024-01/2024-09）" in text
    assert H1 in text and Q3 in text and PLAN in text


def test_alert_text_without_a_server():
    change = {"region": "乙市", "year": 2024, "indicator": "一般公共预算收入", "change": "revision",
              "old_status": "achieved", "new_status": "achieved", "old_value": 9.0, "old_unit": "%",
              "old_period": "2024", "new_value": 8.6, "new_unit": "%", "new_period": "2024",
              "target_clause": "一般公共预算收入增长8%", "target_url": PLAN, "old_url": H1, "new_url": Q3}
    assert change_line(change) == "乙市2024 一般公共预算收入：数据修订（达成）；9%（2024） → 8.6%（2024）"
    alert = build_alert([change], date(2025, 3, 2))
    assert alert.subject == "乙市 目标状态变化 1 项 2025-03-02"
    assert "&lt;" not in alert.html and PLAN in alert.html
