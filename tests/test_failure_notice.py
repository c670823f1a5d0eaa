"""A failed nightly run notifies (issue 11): the flow's on_failure hook sends a short email with
the run's reason and the last successful run, received by a real SMTP server on 127.0.0.1;
without an SMTP host nothing is sent and the run's own error is still the one raised."""
from __future__ import annotations

import email
from datetime import UTC, date, datetime
from email.policy import default

import pytest

from plangap.flows.records import RunOptions, StageError
from plangap.publish.failure_notice import failure_notice, notify_failure

AS_OF = date(2026, 11, 27)
BULLETIN = "tjj.changzhou.gov.cn/html/tjj/2021/TJGB0000_0301/2020.html"


def _received(inbox) -> email.message.EmailMessage:
    assert len(inbox.messages) == 1, inbox.messages
    return email.message_from_bytes(inbox.messages[0][2], policy=default)  # type: ignore[return-value]


def test_the_notice_names_the_reason_and_that_the_old_data_stays(tmp_path):
    notice = failure_notice("stage load: tjj.example/2020.html: binary content", "brave-fox", tmp_path / "none.duckdb",
                            now=datetime(2026, 12, 2, 19, 5, tzinfo=UTC))
    assert notice.subject == "plangap 夜间运行失败 2026-12-03 03:05 (北京时间)"
    assert "原因：stage load: tjj.example/2020.html: binary content" in notice.text
    assert "上次成功运行：无（分析副本不存在）" in notice.text
    assert "<script>" not in failure_notice("<script>x</script>", None, None).html


def test_without_an_smtp_host_nothing_is_sent(smtp_server):
    inbox, _ = smtp_server
    assert notify_failure("boom", None, None, env={}) == ("failure notice: not sent (PLANGAP_SMTP_HOST not set)", False)
    assert inbox.messages == []


@pytest.mark.slow  # starts Prefect
def test_a_failed_flow_run_emails_its_reason(prefect_harness, settings, snapshot_copy, smtp_server, monkeypatch):
    from plangap.flows.nightly import run_nightly

    inbox, port = smtp_server
    monkeypatch.setenv("PLANGAP_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("PLANGAP_SMTP_PORT", str(port))
    monkeypatch.setenv("PLANGAP_MAIL_TO", "analysts@example.org")
    monkeypatch.setenv("PLANGAP_FAILURE_TO", "ops@example.org")
    good = run_nightly(RunOptions(settings=settings, snapshot=snapshot_copy, as_of=AS_OF))
    assert inbox.messages == []  # a good run sends no failure notice
    (snapshot_copy / BULLETIN).write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(StageError, match="binary content"):
        run_nightly(RunOptions(settings=settings, snapshot=snapshot_copy, as_of=AS_OF))
    msg = _received(inbox)
    assert inbox.messages[0][1] == ["ops@example.org"]
    assert msg["Subject"].startswith("plangap 夜间运行失败 ") and msg["Date"] and msg["Message-ID"]
    text = msg.get_body(preferencelist=("plain",)).get_content()
    assert "TJGB0000_0301/2020.html: binary content" in text
    assert f"上次成功运行：{good.run_id}：" in text  # read from the analysts' copy the failed run left
