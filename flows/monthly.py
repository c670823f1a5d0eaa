"""The monthly summary email: read the warehouse, write the summary, send it.

SMTP settings, the password above all, are read from the environment inside the sending task:
never a flow parameter, so Prefect never stores them in its database."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from plangap.publish import email


@task(name="build-summary", cache_policy=NO_CACHE)
def build_summary(db: Path, month: str, report_url: str | None, region: str | None) -> email.Summary:
    conn = email.open_warehouse(db)
    try:
        return email.build_summary(conn, month, report_url=report_url, region=region)
    finally:
        conn.close()


@task(name="send-summary", cache_policy=NO_CACHE)
def send_summary(summary: email.Summary, recipients: list[str] | None) -> None:
    email.send(summary, email.smtp_settings_from_env(recipients))


@flow(name="plangap-monthly-email")
def monthly_email(db: Path, recipients: list[str] | None = None, month: str | None = None,
                  report_url: str | None = None, region: str | None = None) -> str:
    """Recipients default to PLANGAP_MAIL_TO; the SMTP settings come from PLANGAP_SMTP_*."""
    summary = build_summary(Path(db), month or email.previous_month(date.today()), report_url, region)
    send_summary(summary, recipients)
    return summary.subject
