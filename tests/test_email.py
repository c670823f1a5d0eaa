"""The monthly summary email, sent to a real SMTP server on 127.0.0.1."""
from __future__ import annotations

import csv
import io
import re
from datetime import date
from email import message_from_bytes
from email.policy import default as default_policy

import pytest
from builders import BULLETIN_URL, PLAN_URL, small_gap_warehouse
from conftest import free_port
from report_builders import EVIL, report_warehouse

from plangap.cli import main
from plangap.publish import email


@pytest.fixture
def warehouse(tmp_path):
    path = tmp_path / "w.duckdb"
    small_gap_warehouse(path).close()
    return path


def _summary(path, month="2021-03"):
    conn = email.open_warehouse(path)
    try:
        return email.build_summary(conn, month, report_url="https://reports.example/gap-report.html")
    finally:
        conn.close()


def test_summary_says_where_targets_stand_and_what_was_published(warehouse):
    s = _summary(warehouse)
    assert s.subject == "某市 2020 目标进展 2021-03: 1 达成 / 1 不可量化"
    assert "城镇新增就业: 目标 9.1万人, 实际 10.2万人 (2020年), 差距 +1.1万人, 完成度 112.1% -> 达成 achieved" in s.text
    assert f"<{PLAN_URL}>" in s.text and f"<{BULLETIN_URL}>" in s.text
    assert "2021-03-01 2020年统计公报: 城镇新增就业 10.2万人 (2020)" in s.text
    assert "本月变化 (changes this month):\n- 某市2020 城镇新增就业：新数据 10.2万人（2020年）；状态 无数据 → 达成" in s.text
    assert _summary(warehouse, "2021-04").text.count("无新数据 (nothing new)") == 1
    assert 'href="https://reports.example/gap-report.html"' in s.html


def test_subject_counts_the_month_and_body_names_runs_and_changes(tmp_path):
    conn = report_warehouse(tmp_path / "r.duckdb")
    s = email.build_summary(conn, "2021-10")
    assert s.subject == "某县、某市 2021 目标进展 2021-10: 2 序时达标 / 1 滞后 / 2 无数据 / 1 不可量化"
    assert "最近一次运行 (last run): run-bad：失败 failed（fetch failed），2021-11-20 00:01 (北京时间)" in s.text
    assert "最近一次成功运行 (last successful run): run-ok：成功 success，2021-11-02 00:05 (北京时间)" in s.text
    assert "某市2021 地区生产总值：新数据 8.3%（2021年1–9月）；状态 无数据 → 序时达标" in s.text
    assert "差距 +1.8个百分点 -> 序时达标 on track" in s.text and "on_track" not in s.text
    assert EVIL in s.text and EVIL not in s.html and "&lt;script&gt;" in s.html
    assert s.csv.startswith(b"\xef\xbb\xbf") and s.csv_name == "gap-report-2021-10.csv"


def test_summary_is_delivered_over_smtp_with_headers_bodies_and_the_csv(warehouse, smtp_server):
    inbox, port = smtp_server
    smtp = email.SmtpSettings(host="127.0.0.1", port=port, sender="plangap@example.org",
                              recipients=("a@example.org", "b@example.org"))
    email.send(_summary(warehouse), smtp)
    [(sender, rcpts, raw)] = inbox.messages
    msg = message_from_bytes(raw, policy=default_policy)
    assert sender == "plangap@example.org" and rcpts == ["a@example.org", "b@example.org"]
    assert str(msg["Subject"]) == "某市 2020 目标进展 2021-03: 1 达成 / 1 不可量化"
    assert msg["Date"].datetime.utcoffset().total_seconds() == 8 * 3600
    assert re.fullmatch(r"<[^@<>]+@example\.org>", str(msg["Message-ID"]))
    assert msg.get_body(("plain",)).get_content().startswith("某市 2020 目标进展 2021-03")
    assert "<h2>某市 2020 目标进展 2021-03" in msg.get_body(("html",)).get_content()
    [attachment] = list(msg.iter_attachments())
    assert attachment.get_filename() == "gap-report-2021-03.csv" and attachment.get_content_type() == "text/csv"
    rows = list(csv.DictReader(io.StringIO(attachment.get_payload(decode=True).decode("utf-8-sig"))))
    assert [(r["indicator"], r["status"], r["actual_value"]) for r in rows] == [
        ("城镇新增就业", "achieved", "10.2"), ("文化广场", "not_measurable", "")]


def test_an_unreachable_server_is_a_typed_error_naming_it(warehouse):
    port = free_port()  # nothing listens there
    with pytest.raises(email.EmailError, match=rf"127.0.0.1:{port}: sending failed"):
        email.send(_summary(warehouse), email.SmtpSettings(host="127.0.0.1", port=port, recipients=("a@x",)), timeout=2)


def test_months_and_settings_are_checked():
    assert email.previous_month(date(2026, 1, 5)) == "2025-12"
    assert email.month_bounds("2020-12") == (date(2020, 12, 1), date(2021, 1, 1))
    with pytest.raises(email.EmailError, match="not a month"):
        email.month_bounds("2020-13")


def test_email_command_dry_run_and_bad_settings(warehouse, capsys, monkeypatch):
    assert main(["email", "--db", str(warehouse), "--month", "2021-03", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Subject: 某市 2020 目标进展 2021-03: 1 达成")
    monkeypatch.delenv("PLANGAP_SMTP_HOST", raising=False)
    assert main(["email", "--db", str(warehouse), "--to", "a@example.org"]) == 2
    assert capsys.readouterr().err.strip() == (
        "plangap email: PLANGAP_SMTP_HOST: not set (the SMTP server to send the summary through)")
    monkeypatch.setenv("PLANGAP_SMTP_HOST", "127.0.0.1")
    assert main(["email", "--db", str(warehouse), "--to", "张三@example.org"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("plangap email: recipient 张三@example.org: not an ASCII address")


def test_email_command_sends_without_prefect(warehouse, smtp_server, capsys, monkeypatch):
    inbox, port = smtp_server
    monkeypatch.setenv("PLANGAP_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("PLANGAP_SMTP_PORT", str(port))
    assert main(["email", "--db", str(warehouse), "--month", "2021-03", "--to", "r@example.org"]) == 0
    assert capsys.readouterr().out.strip() == "sent: 某市 2020 目标进展 2021-03: 1 达成 / 1 不可量化 (to r@example.org)"
    assert [m[1] for m in inbox.messages] == [["r@example.org"]]


@pytest.mark.slow
def test_monthly_flow_sends_the_summary_and_prefect_never_stores_the_password(prefect_harness, warehouse,
                                                                             smtp_server, monkeypatch):
    from prefect.client.orchestration import get_client

    from plangap.flows.monthly import monthly_email

    inbox, port = smtp_server
    monkeypatch.setenv("PLANGAP_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("PLANGAP_SMTP_PORT", str(port))
    monkeypatch.setenv("PLANGAP_SMTP_PASSWORD", "s3cret-known-password")
    subject = monthly_email(warehouse, ["reader@example.org"], month="2021-03")
    assert subject.startswith("某市 2020 目标进展 2021-03")
    assert [m[1] for m in inbox.messages] == [["reader@example.org"]]
    with get_client(sync_client=True) as client:
        runs = client.read_flow_runs()
    assert runs and all("s3cret-known-password" not in repr(r.parameters) for r in runs)
