"""The monthly summary email, sent to a real SMTP server on 127.0.0.1."""
from __future__ import annotations

import socket
from datetime import date
from email import message_from_bytes
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller

from builders import BULLETIN_URL, PLAN_URL, small_gap_warehouse
from plangap.cli import main
from plangap.publish import email


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:  # aiosmtpd cannot take port 0: find a free one first
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server():
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield inbox, controller.port
    controller.stop()


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
    assert s.subject == "plangap 2021-03: 1 achieved, 0 on track, 0 behind, 0 missed of 2 targets"
    assert "城镇新增就业: target 9.1 万人, actual 10.2 万人 (2020) -> achieved (112.1%)" in s.text
    assert f"<{PLAN_URL}>" in s.text and f"<{BULLETIN_URL}>" in s.text
    assert "2021-03-01 2020年统计公报: 城镇新增就业 10.2 万人 (level, 2020)" in s.text
    assert _summary(warehouse, "2021-04").text.count("nothing new") == 1
    assert 'href="https://reports.example/gap-report.html"' in s.html


def test_summary_is_delivered_over_smtp_with_text_and_html(warehouse, smtp_server):
    inbox, port = smtp_server
    smtp = email.SmtpSettings(host="127.0.0.1", port=port, sender="plangap@example.org",
                              recipients=("a@example.org", "b@example.org"))
    email.send(_summary(warehouse), smtp)
    [(sender, rcpts, raw)] = inbox.messages
    msg = message_from_bytes(raw, policy=default_policy)
    assert sender == "plangap@example.org" and rcpts == ["a@example.org", "b@example.org"]
    assert str(msg["Subject"]).strip().startswith("plangap 2021-03: 1 achieved")
    assert msg.get_body(("plain",)).get_content().startswith("plangap monthly summary 2021-03")
    assert "<h2>plangap monthly summary 2021-03</h2>" in msg.get_body(("html",)).get_content()


def test_an_unreachable_server_is_a_typed_error_naming_it(warehouse):
    port = _free_port()  # nothing listens there
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
    assert out.startswith("Subject: plangap 2021-03: 1 achieved")
    monkeypatch.delenv("PLANGAP_SMTP_HOST", raising=False)
    assert main(["email", "--db", str(warehouse), "--to", "a@example.org"]) == 2
    assert capsys.readouterr().err.strip() == (
        "plangap email: PLANGAP_SMTP_HOST: not set (the SMTP server to send the summary through)")


def test_monthly_flow_sends_the_summary(prefect_harness, warehouse, smtp_server):
    from plangap.flows.monthly import monthly_email

    inbox, port = smtp_server
    smtp = email.SmtpSettings(host="127.0.0.1", port=port, recipients=("reader@example.org",))
    subject = monthly_email(warehouse, smtp, month="2021-03")
    assert subject.startswith("plangap 2021-03")
    assert [m[1] for m in inbox.messages] == [["reader@example.org"]]
