"""The monthly summary email: where every tracked target stands, what was published this month,
and the state of the last run. Read from the warehouse (the analysts' read-only copy by
default), rendered as text and HTML, and sent over SMTP.

SMTP settings come from the environment, read when a message is sent:
    PLANGAP_SMTP_HOST (required), PLANGAP_SMTP_PORT (25), PLANGAP_SMTP_STARTTLS (false),
    PLANGAP_SMTP_USER / PLANGAP_SMTP_PASSWORD (optional), PLANGAP_MAIL_FROM (plangap@localhost),
    PLANGAP_MAIL_TO (comma-separated; --to on the command line wins).
"""
from __future__ import annotations

import os
import smtplib
from collections import Counter
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import duckdb
from jinja2 import Environment, FileSystemLoader, select_autoescape

from plangap.publish.report import STATUS_LABEL, STATUS_ORDER, TEMPLATES, _fmt, actual_text, fact_text
from plangap.warehouse.queries import gap_rows
from plangap.warehouse.statuses import MATCHED
from plangap.warehouse.summary import facts_published_between, last_run



class EmailError(Exception):
    """The summary could not be built or sent: names the server or setting and the reason."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 25
    starttls: bool = False
    user: str | None = None
    password: str | None = None
    sender: str = "plangap@localhost"
    recipients: tuple[str, ...] = ()


@dataclass(frozen=True)
class Summary:
    subject: str
    text: str
    html: str
    month: str


def smtp_settings_from_env(recipients: list[str] | None = None) -> SmtpSettings:
    host = os.environ.get("PLANGAP_SMTP_HOST")
    if not host:
        raise EmailError("PLANGAP_SMTP_HOST: not set (the SMTP server to send the summary through)")
    port = os.environ.get("PLANGAP_SMTP_PORT", "25")
    if not port.isdigit():
        raise EmailError(f"PLANGAP_SMTP_PORT: not a port number: {port!r}")
    to = tuple(recipients or [a.strip() for a in os.environ.get("PLANGAP_MAIL_TO", "").split(",") if a.strip()])
    if not to:
        raise EmailError("PLANGAP_MAIL_TO: no recipients (set it, or give --to)")
    return SmtpSettings(host=host, port=int(port),
                        starttls=os.environ.get("PLANGAP_SMTP_STARTTLS", "false").lower() in ("1", "true", "yes"),
                        user=os.environ.get("PLANGAP_SMTP_USER") or None,
                        password=os.environ.get("PLANGAP_SMTP_PASSWORD") or None,
                        sender=os.environ.get("PLANGAP_MAIL_FROM", "plangap@localhost"), recipients=to)


def previous_month(today: date) -> str:
    """The month a summary sent on `today` is about: the calendar month before."""
    year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    return f"{year:04d}-{month:02d}"


def month_bounds(month: str) -> tuple[date, date]:
    """'2021-03' -> (2021-03-01, 2021-04-01)."""
    try:
        year, mon = (int(x) for x in month.split("-"))
        start = date(year, mon, 1)
    except ValueError:
        raise EmailError(f"--month {month}: not a month (YYYY-MM)") from None
    end = date(year + (mon == 12), mon % 12 + 1, 1)
    return start, end


def build_summary(conn: duckdb.DuckDBPyConnection, month: str, report_url: str | None = None,
                  region: str | None = None) -> Summary:
    """The summary of `month` (YYYY-MM) from the warehouse behind `conn`."""
    start, end = month_bounds(month)
    rows = gap_rows(conn, region=region)
    counts = Counter(r["status"] for r in rows)
    matched = [r for r in rows if r["status"] in MATCHED]
    published = facts_published_between(conn, start.isoformat(), end.isoformat())
    run = last_run(conn)
    context: dict[str, Any] = {
        "month": month, "region": region, "total": len(rows), "report_url": report_url, "run": run,
        "counts": [(s, STATUS_LABEL[s], counts.get(s, 0)) for s in STATUS_ORDER],
        "matched": matched, "published": published,
    }
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    env.filters["num"] = _fmt
    env.filters["pct"] = lambda x: "" if x is None else f"{x * 100:.1f}%"
    env.filters["actual"] = actual_text
    env.filters["fact"] = fact_text
    text_env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=False)
    text_env.filters.update(env.filters)
    where = f"{region} " if region else ""
    subject = (f"plangap {where}{month}: {counts.get('achieved', 0)} achieved, {counts.get('on_track', 0)} on track, "
               f"{counts.get('behind', 0)} behind, {counts.get('missed', 0)} missed of {len(rows)} targets")
    return Summary(subject=subject, text=text_env.get_template("email.txt.j2").render(**context),
                   html=env.get_template("email.html.j2").render(**context), month=month)


def compose(summary: Summary, smtp: SmtpSettings) -> EmailMessage:
    msg = EmailMessage()
    msg["Subject"] = summary.subject
    msg["From"] = smtp.sender
    msg["To"] = ", ".join(smtp.recipients)
    msg.set_content(summary.text)
    msg.add_alternative(summary.html, subtype="html")
    return msg


def send(summary: Summary, smtp: SmtpSettings, timeout: float = 30.0) -> None:
    """Send the summary; raise EmailError naming the server and the reason on failure."""
    msg = compose(summary, smtp)
    try:
        with smtplib.SMTP(smtp.host, smtp.port, timeout=timeout) as client:
            if smtp.starttls:
                client.starttls()
            if smtp.user:
                client.login(smtp.user, smtp.password or "")
            refused = client.send_message(msg)
    except (OSError, smtplib.SMTPException) as err:
        raise EmailError(f"{smtp.host}:{smtp.port}: sending failed ({type(err).__name__}: {err})") from None
    if refused:
        raise EmailError(f"{smtp.host}:{smtp.port}: refused recipients {sorted(refused)}")


def open_warehouse(path: Path) -> duckdb.DuckDBPyConnection:
    from plangap.warehouse.errors import QueryError
    from plangap.warehouse.queries import open_read_only

    try:
        return open_read_only(path)
    except QueryError as err:
        raise EmailError(str(err)) from None
