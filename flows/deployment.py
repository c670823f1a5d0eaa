"""Entry points for scheduled deployments (prefect.yaml): settings come from the environment."""
from __future__ import annotations

from prefect import flow

from flows.nightly import nightly
from plangap.config import load_settings
from plangap.runner import RunOptions, RunSummary


@flow(name="plangap-nightly-live")
def nightly_live(region: str | None = None, year: int | None = None, max_page_failures: int = 0) -> RunSummary:
    """The nightly run against the live sites, with PLANGAP_* settings from the worker's environment."""
    return nightly(RunOptions(settings=load_settings(), live=True, region=region, year=year,
                              max_page_failures=max_page_failures))
