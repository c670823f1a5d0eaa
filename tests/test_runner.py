"""The run's context without Prefect: one writer at a time, and nothing to run is bad input."""
from __future__ import annotations

import pytest

from extract.registry import RegistryError
from plangap.runner import RunLockedError, RunOptions, run_context, writer_lock


def test_a_second_writer_fails_at_once_naming_the_lock(settings):
    settings.db.parent.mkdir(parents=True)
    with writer_lock(settings.db):
        with pytest.raises(RunLockedError, match=r"plangap.duckdb.lock: another plangap run"):
            with run_context(RunOptions(settings=settings)):
                pass
    assert not settings.db.exists()  # the refused run touched nothing


def test_a_region_the_registry_does_not_have_is_bad_input(settings):
    with pytest.raises(RegistryError, match="no sources in the registry for region=某县 year=any"):
        with run_context(RunOptions(settings=settings, region="某县")):
            pass


def test_an_abandoned_run_leaves_no_working_copy_and_logs_the_failure(settings):
    import duckdb

    with pytest.raises(ZeroDivisionError):
        with run_context(RunOptions(settings=settings)):
            1 / 0
    assert [p.name for p in settings.db.parent.iterdir() if ".run-" in p.name] == []
    with duckdb.connect(str(settings.db), read_only=True) as conn:
        assert conn.execute("SELECT result, error_message FROM run_log").fetchall() == [("failed", "division by zero")]
