"""The run's context without Prefect: one writer at a time, and nothing to run is bad input."""
from __future__ import annotations

from datetime import date

import pytest

from plangap.extract.registry import RegistryError
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


def test_a_failed_quality_gate_keeps_the_last_good_data_and_records_what_failed(settings):
    import duckdb

    from plangap import pipeline, runner

    def stages(ctx, corrupt: bool):
        fetched = runner.fetch(ctx)
        runner.archive(ctx, fetched.pages)
        runner.load(ctx, [pipeline.parse_page(p, ctx.archived_bytes, ctx.plan_years) for p in fetched.pages])
        if corrupt:  # a defect the extractors would never write: the gate must stop it
            ctx.conn.execute("UPDATE stg_facts SET measure = 'bogus' WHERE row_no = 0")
        runner.build_gap(ctx, date(2026, 11, 27))
        runner.gate(ctx)

    with run_context(RunOptions(settings=settings)) as ctx:
        stages(ctx, corrupt=False)
    with duckdb.connect(str(settings.db), read_only=True) as conn:
        good = conn.execute("SELECT count(*), count(DISTINCT measure) FROM stg_facts").fetchall()
    with pytest.raises(pipeline.StageError, match="data-quality gate: FAILED 1 of"):
        with run_context(RunOptions(settings=settings)) as ctx:
            stages(ctx, corrupt=True)
    with duckdb.connect(str(settings.db), read_only=True) as conn:
        assert conn.execute("SELECT count(*), count(DISTINCT measure) FROM stg_facts").fetchall() == good
        assert conn.execute("SELECT result, dq_failed FROM run_log ORDER BY started_at").fetchall() == [
            ("success", 0), ("failed", 1)]
        assert conn.execute(
            "SELECT d.suite, d.expectation, d.column_name FROM dq_results d JOIN run_log r USING (run_id)"
            " WHERE r.result = 'failed' AND NOT d.success").fetchall() == [
            ("stg_facts", "expect_column_values_to_be_in_set", "measure")]
