"""The short email a failed nightly run sends: what failed and why, and the last good run.

Sent by the nightly flow's on_failure hook (flows/notify.py) through the monthly summary's SMTP
settings (publish/email.py: PLANGAP_SMTP_HOST, PLANGAP_SMTP_PORT, ...) to PLANGAP_FAILURE_TO, else
PLANGAP_MAIL_TO. Nothing is sent when no SMTP host is set: a machine without mail still runs. The
last successful run comes from the analysts' copy, which a failed run leaves in place.
"""
from __future__ import annotations

import html
import os
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

from plangap.publish.email import EmailError, Summary, open_warehouse, send, smtp_settings_from_env
from plangap.publish.format import local_time
from plangap.warehouse.report_queries import runs


def _last_success(analyst_copy: Path | None) -> str:
    """`run 20261201T…：2026-12-01 03:02（15 个页面…）` of the analysts' copy, or why there is none."""
    if analyst_copy is None or not analyst_copy.exists():
        return "无（分析副本不存在）"
    try:
        conn = open_warehouse(analyst_copy)
    except EmailError as err:
        return f"无法读取（{err}）"
    try:
        good = runs(conn).get("last_success")
    finally:
        conn.close()
    if not good:
        return "无"
    return (f"{good['run_id']}：{local_time(good.get('ended_at') or good.get('started_at'))}"
            f"（{good.get('pages') or 0} 个页面，{good.get('targets') or 0} 个目标，{good.get('facts') or 0} 个数据）")


def failure_notice(reason: str, run_name: str | None, analyst_copy: Path | None,
                   now: datetime | None = None) -> Summary:
    """The message: a Chinese subject with the time, the one-line reason, the last good run."""
    when = local_time(now or datetime.now(UTC))
    reason = " ".join(reason.split()) or "原因不明"
    subject = f"plangap 夜间运行失败 {when}"
    lines = [
        subject,
        "",
        f"原因：{reason}",
        f"运行：{run_name or '未知'}",
        f"上次成功运行：{_last_success(analyst_copy)}",
        "",
        "数据和报告仍为上次成功运行的结果（失败的运行不替换它们）。",
    ]
    text = "\n".join(lines) + "\n"
    body = "".join(f"<p>{html.escape(line)}</p>" for line in lines[2:] if line)
    page = f"<html><body><h3>{html.escape(subject)}</h3>{body}</body></html>"
    return Summary(subject=subject, text=text, html=page, month=when[:7])


class NoticeOutcome(NamedTuple):
    """What became of a failure notice: one line for the log, and whether sending went wrong
    (no SMTP host set is no error: a machine without mail still runs)."""

    line: str
    failed: bool = False


def notify_failure(reason: str, run_name: str | None, analyst_copy: Path | None,
                   env: Mapping[str, str] | None = None) -> NoticeOutcome:
    """Send the failure notice; say what happened (never raises: the run has already failed and
    its own error is the one to report)."""
    env = os.environ if env is None else env
    if not env.get("PLANGAP_SMTP_HOST"):
        return NoticeOutcome("failure notice: not sent (PLANGAP_SMTP_HOST not set)")
    to = [a.strip() for a in (env.get("PLANGAP_FAILURE_TO") or "").split(",") if a.strip()]
    try:
        smtp = smtp_settings_from_env(to or None)
        send(failure_notice(reason, run_name, analyst_copy), smtp)
    except EmailError as err:
        return NoticeOutcome(f"failure notice: not sent ({err})", failed=True)
    return NoticeOutcome(f"failure notice: sent to {', '.join(smtp.recipients)}")
