"""The short alert email: the status changes a run recorded, sent that night to the recipients
the registry names for the region (and for the regions above it).

Reads the status_changes view (warehouse/history.py) and sends through the monthly summary's
SMTP settings and functions (publish/email.py): PLANGAP_SMTP_HOST, PLANGAP_SMTP_PORT, ...;
the recipients come from the registry, not from PLANGAP_MAIL_TO.
"""
from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from plangap.publish.email import EmailError, SmtpSettings, Summary, send, smtp_settings_from_env
from plangap.warehouse.history import status_changes
from plangap.warehouse.statuses import LABEL_ZH

_CHANGE_ZH = {"status": "状态变化", "revision": "数据修订"}


@dataclass(frozen=True)
class AlertOutcome:
    changes: int  # changes the run recorded
    sent: tuple[str, ...] = ()  # recipients an alert went to
    unsent: tuple[str, ...] = ()  # one line per alert that could not be sent


def _figure(value: Any, unit: Any, period: Any) -> str:
    if value is None:
        return "无"
    number = f"{value:g}" if isinstance(value, float) else str(value)
    return f"{number}{unit or ''}（{period or '期别不明'}）"


def change_line(c: dict[str, Any]) -> str:
    """四川省2024 地区生产总值：序时达标 → 滞后；7.6%（2024-01/2024-06）→ 6.1%（2024-01/2024-09）."""
    head = f"{c['region']}{c.get('year') or ''} {c['indicator']}"
    moved = f"{LABEL_ZH.get(c['old_status'], c['old_status'])} → {LABEL_ZH.get(c['new_status'], c['new_status'])}"
    if c["change"] == "revision":
        moved = f"数据修订（{LABEL_ZH.get(c['new_status'], c['new_status'])}）"
    figures = (f"{_figure(c.get('old_value'), c.get('old_unit'), c.get('old_period'))} → "
               f"{_figure(c.get('new_value'), c.get('new_unit'), c.get('new_period'))}")
    return f"{head}：{moved}；{figures}"


def build_alert(changes: Sequence[dict[str, Any]], today: date) -> Summary:
    """The message for one set of recipients: a subject with the regions and the count, one line
    per change, and the target's and both figures' pages."""
    regions = sorted({c["region"] for c in changes})
    where = "、".join(regions) if len(regions) <= 2 else f"{regions[0]}等{len(regions)}地"
    subject = f"{where} 目标状态变化 {len(changes)} 项 {today.isoformat()}"
    blocks = []
    for c in changes:
        blocks.append([change_line(c), f"  目标：{c.get('target_clause') or ''}（{c.get('target_url') or ''}）",
                       f"  原数据：{c.get('old_url') or '无'}", f"  新数据：{c.get('new_url') or '无'}"])
    text = "\n".join([subject, ""] + ["\n".join(b) + "\n" for b in blocks])
    items = "".join("<li>" + "<br>".join(html.escape(line.strip()) for line in b) + "</li>" for b in blocks)
    body = f"<p>{html.escape(subject)}</p><ul>{items}</ul>"
    return Summary(subject=subject, text=text, html=body, month=today.strftime("%Y-%m"))


def send_alerts(conn: duckdb.DuckDBPyConnection, run_id: str, recipients_of: Callable[[str], Sequence[str]],
                today: date, settings: Callable[[list[str]], SmtpSettings] = smtp_settings_from_env,
                timeout: float = 30.0) -> AlertOutcome:
    """Send one alert per set of recipients for the changes `run_id` recorded; a region with no
    recipients sends nothing. Sending failures are returned, not raised: the run's data stand."""
    changes = status_changes(conn, run_id)
    by_recipients: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for c in changes:
        to = tuple(recipients_of(c["region"]))
        if to:
            by_recipients.setdefault(to, []).append(c)
    sent: list[str] = []
    unsent: list[str] = []
    for to, mine in by_recipients.items():
        try:
            send(build_alert(mine, today), settings(list(to)), timeout=timeout)
        except EmailError as err:
            unsent.append(f"alert to {', '.join(to)}: {err}")
            continue
        sent.extend(a for a in to if a not in sent)
    return AlertOutcome(changes=len(changes), sent=tuple(sent), unsent=tuple(unsent))
