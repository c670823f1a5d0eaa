"""The run's transaction and stages without Prefect: one writer at a time, nothing to run is bad
input, and a failed run keeps the last good data and records why."""
from __future__ import annotations

from contextlib import closing
from datetime import date

import duckdb
import pytest

from plangap.extract.registry import RegistryError
from plangap.flows import stages
from plangap.flows.records import GateFailed, RunLockedError, RunOptions
from plangap.flows.transaction import open_run, writer_lock
from plangap.transform.page import extract_page

pytestmark = pytest.mark.slow  # starts Prefect or GX


def test_a_second_writer_fails_at_once_naming_the_lock(settings):
    settings.db.parent.mkdir(parents=True)
    with writer_lock(settings.db), pytest.raises(RunLockedError, match=r"plangap.duckdb.lock: another plangap run"):
        with open_run(RunOptions(settings=settings)):
            pass
    assert not settings.db.exists()  # the refused run touched nothing


def test_a_region_the_registry_does_not_have_is_bad_input(settings):
    with pytest.raises(RegistryError, match="no sources in the registry for region=某县 year=any"):
        with open_run(RunOptions(settings=settings, region="某县")):
            pass


def test_an_abandoned_run_leaves_no_working_copy_and_logs_the_failure(settings):
    with pytest.raises(ZeroDivisionError), open_run(RunOptions(settings=settings)):
        1 / 0
    assert [p.name for p in settings.db.parent.iterdir() if ".run-" in p.name] == []
    with duckdb.connect(str(settings.db), read_only=True) as conn:
        assert conn.execute("SELECT result, error_message FROM run_log").fetchall() == [("failed", "division by zero")]


def _stages(run, corrupt: bool) -> None:
    plan = run.plan
    fetched = stages.fetch(plan, run.known)
    archived = stages.archive(plan.work_db, plan, fetched, run.known)
    stages.load(plan.work_db, archived, [extract_page(p) for p in archived.pages], 0)
    if corrupt:  # a defect the extractors would never write: the gate must stop it
        with closing(duckdb.connect(str(plan.work_db))) as conn:
            conn.execute("UPDATE stg_facts SET measure = 'bogus' WHERE row_no = 0")
    stages.build_gap(plan.work_db, date(2026, 11, 27))
    stages.gate(plan.work_db, plan.run_id, plan.dq_docs)


def test_a_failed_quality_gate_keeps_the_last_good_data_and_records_what_failed(settings):
    with open_run(RunOptions(settings=settings)) as run:
        _stages(run, corrupt=False)
    with duckdb.connect(str(settings.db), read_only=True) as conn:
        good = conn.execute("SELECT count(*), count(DISTINCT measure) FROM stg_facts").fetchall()
    with pytest.raises(GateFailed, match="data-quality gate: FAILED 1 of"), open_run(RunOptions(settings=settings)) as run:
        _stages(run, corrupt=True)
    with duckdb.connect(str(settings.db), read_only=True) as conn:
        assert conn.execute("SELECT count(*), count(DISTINCT measure) FROM stg_facts").fetchall() == good
        assert conn.execute("SELECT result, dq_failed FROM run_log ORDER BY started_at").fetchall() == [
            ("success", 0), ("failed", 1)]
        assert conn.execute(
            "SELECT d.suite, d.expectation, d.column_name FROM dq_results d JOIN run_log r USING (run_id)"
            " WHERE r.result = 'failed' AND NOT d.success").fetchall() == [
            ("stg_facts", "expect_column_values_to_be_in_set", "measure")]


def test_the_report_appears_only_when_the_run_commits(settings):
    with pytest.raises(ZeroDivisionError), open_run(RunOptions(settings=settings)) as run:
        _stages(run, corrupt=False)
        stages.publish(run.plan.work_db, run.plan)
        assert any(run.plan.staging.iterdir())  # written, but only to the run's staging folder
        assert not (settings.reports / "gap-report.html").exists()
        1 / 0
    assert not (settings.reports / "gap-report.html").exists()
    assert not run.plan.staging.exists()
    with open_run(RunOptions(settings=settings)) as run:
        _stages(run, corrupt=False)
        stages.publish(run.plan.work_db, run.plan)
    assert (settings.reports / "gap-report.html").is_file()
    with duckdb.connect(str(settings.db), read_only=True) as conn:
        assert conn.execute("SELECT result FROM run_log ORDER BY started_at").fetchall() == [("failed",), ("success",)]


def test_a_killed_run_is_recorded_and_its_leftovers_cleaned_by_the_next(settings):
    import os
    import signal
    import subprocess
    import sys
    import textwrap

    with open_run(RunOptions(settings=settings)) as run:  # a first good run, so there is a warehouse
        _stages(run, corrupt=False)
    script = textwrap.dedent(f"""
        import os, sys, time
        from pathlib import Path
        from plangap.config import load_settings
        from plangap.flows.records import RunOptions
        from plangap.flows.transaction import open_run
        settings = load_settings(db={str(settings.db)!r}, reports={str(settings.reports)!r})
        with open_run(RunOptions(settings=settings)) as run:
            run.plan.staging.mkdir(parents=True)
            print(run.plan.run_id, flush=True)
            time.sleep(600)
    """)
    env = {**os.environ, "PLANGAP_ANALYST_COPY": str(settings.analyst_copy)}
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=env)
    killed_id = child.stdout.readline().strip()
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert any(".run-" in p.name for p in settings.db.parent.iterdir())  # what the kill left behind
    with open_run(RunOptions(settings=settings)) as run:
        _stages(run, corrupt=False)
    leftovers = [p.name for p in list(settings.db.parent.iterdir()) + list(settings.reports.parent.iterdir())
                 if ".run-" in p.name or p.name.endswith(".tmp")]
    assert leftovers == []
    with duckdb.connect(str(settings.db), read_only=True) as conn:
        rows = conn.execute("SELECT run_id, result, error_message FROM run_log ORDER BY started_at").fetchall()
    assert [r[1] for r in rows] == ["success", "failed", "success"]
    assert rows[1][0] == killed_id and "died" in rows[1][2]
