"""prefect.yaml: its entrypoints are real flows and its schedule is a valid cron."""
from __future__ import annotations

import importlib
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.slow  # starts Prefect or GX

ROOT = Path(__file__).resolve().parent.parent


def test_every_deployment_entrypoint_is_a_prefect_flow_with_a_valid_schedule():
    from prefect.client.schemas.schedules import CronSchedule
    from prefect.flows import Flow

    config = yaml.safe_load((ROOT / "prefect.yaml").read_text(encoding="utf-8"))
    assert config["deployments"]
    for dep in config["deployments"]:
        path, _, name = dep["entrypoint"].partition(":")
        module = importlib.import_module("plangap." + path.removesuffix(".py").replace("/", "."))
        assert isinstance(getattr(module, name), Flow), dep["entrypoint"]
        for sched in dep["schedules"]:
            CronSchedule(cron=sched["cron"], timezone=sched["timezone"])  # raises on a bad cron or zone
