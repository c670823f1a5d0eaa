"""The monthly summary email: where the targets stand, what changed in the month, what was published,
and the state of the last runs; the gap report CSV attached. Read from the analysts' read-only copy
of the warehouse, rendered as text and HTML (Jinja2, autoescaped), sent over SMTP. No Prefect:
`plangap email` calls `send_monthly_summary` directly (the monthly flow uses the same functions).

SMTP settings come from the environment, read when a message is sent:
    PLANGAP_SMTP_HOST (required), PLANGAP_SMTP_PORT (25), PLANGAP_SMTP_STARTTLS (false),
    PLANGAP_SMTP_USER / PLANGAP_SMTP_PASSWORD (optional), PLANGAP_MAIL_FROM (plangap@localhost),
    PLANGAP_MAIL_TO (comma-separated; --to on the command line wins).
"""
from __future__ import annotations

import os
import smtplib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any

import duckdb

from plangap.publish.changes import month_changes
from plangap.publish.exports import render_csv
from plangap.publish.format import local_time, present, run_result, shanghai
from plangap.publish.report import environment, sort_key
from plangap.warehouse.queries import gap_rows
from plangap.warehouse.report_queries import history_rows, judgements_as_of, runs, status_snapshot
from plangap.warehouse.statuses import DISPLAY_ORDER, LABEL_EN, LABEL_ZH, MATCHED
from plangap.warehouse.summary import facts_published_between


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
    csv: bytes = b""
    csv_name: str = "gap-report.csv"


def check_address(address: str, what: str) -> str:
    """An ASCII mail address, else EmailError (the server is not asked for SMTPUTF8)."""
    if not address.isascii():
        raise EmailError(f"{what} {address}: not an ASCII address (internationalised addresses are not supported; "
                         "use the ASCII form, e.g. xn-- for the domain)")
    if "@" not in address or address.startswith("@") or address.endswith("@") or any(c.isspace() for c in address):
        raise EmailError(f"{what} {address}: not a mail address")
    return address


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
    for address in to:
        check_address(address, "recipient")
    sender = check_address(os.environ.get("PLANGAP_MAIL_FROM", "plangap@localhost"), "PLANGAP_MAIL_FROM")
    return SmtpSettings(host=host, port=int(port),
                        starttls=os.environ.get("PLANGAP_SMTP_STARTTLS", "false").lower() in ("1", "true", "yes"),
                        user=os.environ.get("PLANGAP_SMTP_USER") or None,
                        password=os.environ.get("PLANGAP_SMTP_PASSWORD") or None,
                        sender=sender, recipients=to)


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


def focus_year(rows: Sequence[Mapping[str, Any]], month: str) -> int | None:
    """The plan year a month's summary is about: the latest target year up to the month's year
    (in March 2021 the 2020 targets are judged on the bulletins), else the earliest there is."""
    years = sorted({r["year"] for r in rows if r.get("year")})
    upto = [y for y in years if y <= int(month[:4])]
    return upto[-1] if upto else (years[0] if years else None)


def subject_line(where: str, year: int | None, month: str, counts: Counter) -> str:
    """常州市 2021 目标进展 2021-11: 2 达成 / 1 滞后 / 27 无数据."""
    parts = [f"{counts[s]} {LABEL_ZH[s]}" for s in DISPLAY_ORDER if counts.get(s)]
    return f"{where} {year or ''} 目标进展 {month}: {' / '.join(parts) or '0 个目标'}".replace("  ", " ")


def _where(rows: Sequence[Mapping[str, Any]], region: str | None) -> str:
    if region:
        return region
    regions = sorted({r["region"] for r in rows if r.get("region")})
    if len(regions) <= 2:
        return "、".join(regions) or "全部地区"
    return f"{regions[0]}等{len(regions)}地"


def _run_line(run: dict[str, Any] | None) -> str:
    if not run:
        return "无记录"
    when = local_time(run.get("ended_at") or run.get("started_at"))
    counts = f"，{run['pages'] or 0} 个页面，{run['targets'] or 0} 个目标，{run['facts'] or 0} 个数据" \
        if run.get("result") == "success" else ""
    error = f"（{run['error_message']}）" if run.get("error_message") else ""
    return f"{run['run_id']}：{run_result(run.get('result'))}{error}，{when}{counts}"


def build_summary(conn: duckdb.DuckDBPyConnection, month: str, report_url: str | None = None,
                  region: str | None = None, now: datetime | None = None) -> Summary:
    """The summary of `month` (YYYY-MM) from the warehouse behind `conn`."""
    start, end = month_bounds(month)
    all_rows, history = rows_of_month(conn, end - timedelta(days=1), region)
    year = focus_year(all_rows, month)
    rows = [r for r in all_rows if r.get("year") == year]
    counts = Counter(r["status"] for r in rows)
    changed = month_changes(all_rows, judgements_as_of(conn, start - timedelta(days=1)),
                            judgements_as_of(conn, end - timedelta(days=1)))
    run_info = runs(conn)
    context: dict[str, Any] = {
        "month": month, "year": year, "where": _where(all_rows or gap_rows(conn, region=region), region),
        "total": len(rows),
        "report_url": report_url, "history": history,
        "counts": [{"status": s, "zh": LABEL_ZH[s], "en": LABEL_EN[s], "n": counts.get(s, 0)} for s in DISPLAY_ORDER],
        "matched": [present(r) for r in rows if r["status"] in MATCHED],
        "others": sorted(Counter((r["region"], r["year"]) for r in all_rows if r.get("year") != year).items(),
                         key=lambda kv: (kv[0][0] or "", kv[0][1] or 0)),
        "changes": [c.text for c in changed],
        "published": facts_published_between(conn, start.isoformat(), end.isoformat()),
        "last_run": _run_line(run_info["last"]), "last_success": _run_line(run_info["last_success"]),
        "generated": local_time(now or datetime.now(UTC)),
    }
    html_env = environment()
    text_env = environment()
    text_env.autoescape = False
    csv_name = f"gap-report-{month}.csv"
    subject = subject_line(context["where"], year, month, counts)
    if history["state"] == "none":
        subject = f"{context['where']} 目标进展 {month}: 无该月状态记录"
    return Summary(subject=subject, text=text_env.get_template("email.txt.j2").render(**context),
                   html=html_env.get_template("email.html.j2").render(**context), month=month,
                   csv=render_csv(all_rows) if all_rows else b"", csv_name=csv_name)


def rows_of_month(conn: duckdb.DuckDBPyConnection, last_day: date,
                  region: str | None = None) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The gap rows as they stood on `last_day` (the month's last day) and where they come from
    (report_queries.status_snapshot): today's gap_report when the latest run judged on or before
    that day; else the status history of the last run that judged on or before it (status and
    figure as that run recorded them); else none, and the email says that no status was kept
    for the month rather than showing today's."""
    current = gap_rows(conn, region=region)
    snap = status_snapshot(conn, last_day)
    if snap["state"] == "current":
        return sorted(current, key=sort_key), snap
    if snap["state"] == "none":
        return [], {**snap, "earliest": str(snap["earliest"])}
    rows = history_rows(conn, snap["run_id"], current, region=region)
    return sorted(rows, key=sort_key), {**snap, "as_of": str(snap["as_of"]),
                                        "recorded": local_time(snap["recorded_at"])}


def compose(summary: Summary, smtp: SmtpSettings, now: datetime | None = None) -> EmailMessage:
    """The message: Subject, From, To, Date (Shanghai time), Message-ID, text and HTML, the CSV."""
    msg = EmailMessage()
    msg["Subject"] = summary.subject
    msg["From"] = smtp.sender
    msg["To"] = ", ".join(smtp.recipients)
    msg["Date"] = format_datetime((now or datetime.now(UTC)).astimezone(shanghai()))
    msg["Message-ID"] = make_msgid("plangap", domain=smtp.sender.rpartition("@")[2] or "localhost")
    msg.set_content(summary.text)
    msg.add_alternative(summary.html, subtype="html")
    if summary.csv:
        msg.add_attachment(summary.csv, maintype="text", subtype="csv", filename=summary.csv_name)
    return msg


def send(summary: Summary, smtp: SmtpSettings, timeout: float = 30.0) -> None:
    """Send the summary; raise EmailError naming the server and the reason on failure."""
    for address in (smtp.sender, *smtp.recipients):
        check_address(address, "address")
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


def build_monthly_message(db: Path, month: str, report_url: str | None = None,
                          region: str | None = None) -> Summary:
    """The summary of `month` read from the warehouse file `db` (the analysts' copy), read-only."""
    month_bounds(month)
    conn = open_warehouse(Path(db))
    try:
        return build_summary(conn, month, report_url=report_url, region=region)
    finally:
        conn.close()


def send_monthly_summary(db: Path, smtp: SmtpSettings, month: str | None = None, report_url: str | None = None,
                         region: str | None = None, timeout: float = 30.0) -> Summary:
    """Build the month's summary from `db` and send it (no Prefect); return what was sent."""
    summary = build_monthly_message(db, month or previous_month(date.today()), report_url, region)
    send(summary, smtp, timeout=timeout)
    return summary
