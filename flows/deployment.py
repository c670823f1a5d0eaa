"""Entry points for scheduled deployments (prefect.yaml): settings come from the environment."""
from __future__ import annotations

from prefect import flow

from plangap.config import load_settings
from plangap.flows.nightly import run_nightly
from plangap.flows.records import RunOptions, RunSummary


@flow(name="plangap-nightly-live")
def nightly_live(region: str | None = None, year: int | None = None, max_page_failures: int = 0,
                 task_runner: str = "threads", workers: int | None = None) -> RunSummary:
    """The nightly run against the live sites, with PLANGAP_* settings from the worker's environment."""
    return run_nightly(RunOptions(settings=load_settings(), live=True, region=region, year=year,
                                  max_page_failures=max_page_failures, task_runner=task_runner, workers=workers))


@flow(name="plangap-monthly-email-scheduled")
def monthly_email_scheduled(report_url: str | None = None, region: str | None = None) -> str:
    """The monthly summary, with PLANGAP_* and SMTP settings from the worker's environment."""
    from plangap.flows.monthly import monthly_email

    settings = load_settings()
    return monthly_email(settings.analyst_copy, report_url=report_url, region=region)
