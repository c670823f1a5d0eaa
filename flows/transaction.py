"""The run's transaction: one writer (a lock), a working copy of the warehouse, and a swap.

A run loads into `<db>.run-<id>` and writes its outputs into a staging folder. Only when every
stage has passed, and the analysts' copy has been written beside its place, is the working copy
committed (os.replace over the warehouse); then the outputs and the analysts' copy are moved into
place (renames: nothing left to write, so a full disk cannot stop them half-way). On failure the
working copy, the staging folder and the staged copy are removed and the failure is recorded in
the last good warehouse's run log: the data, the report and the analysts' copy stay as they were.
A disk or permission error fails the run with one line naming the path.
"""
from __future__ import annotations

import contextlib
import errno
import fcntl
import logging
import os
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from plangap.config import network_policy
from plangap.extract.registry import Registry, RegistryError, load_registry, registry_from_manifest
from plangap.extract.snapshot import SnapshotServer, read_manifest
from plangap.extract.sources import KnownPage
from plangap.flows.records import GateFailed, RunLockedError, RunOptions, RunPlan, RunSummary, StageError
from plangap.flows.stages import ANALYST_STAGING

log = logging.getLogger(__name__)


@dataclass
class Run:
    """An open run: its plan, what the archive held when it started, and its summary so far."""

    plan: RunPlan
    known: dict[str, KnownPage]
    summary: RunSummary


def _registry(options: RunOptions) -> tuple[Registry, SnapshotServer | None]:
    """The run's registry, and the snapshot server that answers for its pages (none when live).
    A snapshot's manifest is read once, for both."""
    if options.live:
        return load_registry(options.settings.registry), None
    if options.snapshot is not None:
        entries = read_manifest(options.snapshot)
        return registry_from_manifest(options.snapshot, entries), SnapshotServer(options.snapshot, entries)
    return load_registry(options.settings.registry), SnapshotServer(options.settings.snapshot)


@contextlib.contextmanager
def writer_lock(db_path: Path) -> Iterator[str | None]:
    """Hold `<db>.lock` exclusively for the whole run; a second run fails at once, naming the lock.

    The lock is an flock (the kernel drops it when a process dies). The file keeps the holder's
    run id until the run ends cleanly; yields the run id a dead holder left behind (a crash), if any."""
    lock_path = db_path.with_name(db_path.name + ".lock")
    with open(lock_path, "a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RunLockedError(f"{lock_path}: another plangap run is writing this warehouse") from None
        try:
            fh.seek(0)
            left = fh.read().strip() or None
            yield left
        finally:
            fh.seek(0)
            fh.truncate()
            fcntl.flock(fh, fcntl.LOCK_UN)


def _claim(db_path: Path, run_id: str) -> None:
    """Write this run's id into the lock file (it stays there only if the run dies)."""
    lock_path = db_path.with_name(db_path.name + ".lock")
    with open(lock_path, "r+") as fh:
        fh.seek(0)
        fh.truncate()
        fh.write(run_id)
        fh.flush()
        os.fsync(fh.fileno())


def _clean_leftovers(db: Path, reports: Path, analyst_copy: Path) -> list[Path]:
    """Remove what a killed run leaves: working copies, staging folders, half-written copies."""
    patterns = ((db.parent, f"{db.name}.run-*"), (reports.parent, f".{reports.name}.run-*"),
                (analyst_copy.parent, f".*{analyst_copy.name}.*.tmp"))  # and the copy's own temporary
    removed = []
    for folder, pattern in patterns:
        if not folder.is_dir():
            continue
        for path in folder.glob(pattern):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
            removed.append(path)
    return removed


@contextlib.contextmanager
def open_run(options: RunOptions) -> Iterator[Run]:
    """Open a run under the writer lock; commit it when the block ends without an error."""
    settings = options.settings
    settings.db.parent.mkdir(parents=True, exist_ok=True)
    with writer_lock(settings.db) as crashed:
        _clean_leftovers(settings.db, settings.reports, settings.analyst_copy)
        if crashed:  # recorded even when no run has succeeded yet (the warehouse is created)
            _record_crash(settings.db, crashed)
        with _open_run(options) as run:
            yield run


def _working_copy(db: Path, work_db: Path) -> None:
    if db.exists():
        shutil.copyfile(db, work_db)
        wal = Path(str(db) + ".wal")  # left by a process that died: replayed on open
        if wal.exists():
            shutil.copyfile(wal, str(work_db) + ".wal")


#: errors of the disk or of permissions: the run fails naming the path, not as an unexpected error
_DISK_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EACCES, errno.EPERM, errno.EIO})


def _named(err: BaseException, where: Path) -> BaseException:
    """A disk or permission error as the run's one-line reason, naming the file it concerns (or
    `where` the run was writing when the error does not say); any other error as it is."""
    from plangap.publish.exports import ExportError

    if isinstance(err, OSError) and (err.errno in _DISK_ERRNOS or err.filename):
        return StageError(f"{err.filename or where}: {err.strerror or err}")
    if isinstance(err, ExportError):
        return StageError(f"{where}: {err}")
    return err


def _known_pages(work_db: Path) -> dict[str, KnownPage]:
    from plangap.extract.http import Validators
    from plangap.warehouse import db as wdb
    from plangap.warehouse.archive import latest_pages

    with contextlib.closing(wdb.connect(work_db)) as conn:
        return {u: KnownPage(a.sha256, Validators(a.etag, a.last_modified), a.content)
                for u, a in latest_pages(conn).items()}


@contextlib.contextmanager
def _open_run(options: RunOptions) -> Iterator[Run]:
    settings = options.settings
    run_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ-") + uuid.uuid4().hex[:6]
    registry, server = _registry(options)
    registry = registry.only(options.region, options.year)
    if not (registry.plans or registry.lists or registry.pages):
        raise RegistryError(f"no sources in the registry for region={options.region or 'any'} "
                            f"year={options.year or 'any'}")
    _claim(settings.db, run_id)
    work_db = settings.db.with_name(f"{settings.db.name}.run-{run_id}")
    staging = settings.reports.with_name(f".{settings.reports.name}.run-{run_id}")
    run: Run | None = None
    where = work_db  # what the run is writing: named when a disk or permission error stops it
    try:
        _working_copy(settings.db, work_db)
        if server is not None:
            server.start()
        _start(work_db, run_id)
        plan = RunPlan(run_id=run_id, work_db=work_db, registry=registry,
                       policy=network_policy(settings),
                       snapshot_base=server.base if server else None, as_of=options.as_of or date.today(),
                       reports=settings.reports, staging=staging, dq_docs=settings.dq_docs, analyst_dir=settings.analyst_copy.parent, region=options.region, year=options.year,
                       max_page_failures=options.max_page_failures, max_page_numbers=settings.max_page_numbers)
        run = Run(plan=plan, known=_known_pages(work_db), summary=RunSummary(run_id=run_id, db=str(settings.db)))
        where = staging
        yield run
        _commit(run, settings.db, settings.analyst_copy)
    except BaseException as raised:
        err = _named(raised, where)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(work_db)
        _record_failure(settings.db, run_id, err)
        _show_failure(settings.db, settings.analyst_copy, run_id)  # issue 11: the failed run in the analysts' copy
        if err is not raised:
            raise err from raised
        raise
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(str(work_db) + ".wal")
        shutil.rmtree(staging, ignore_errors=True)
        _staged_copy(settings.analyst_copy, run_id).unlink(missing_ok=True)
        if server is not None:
            server.stop()


def _start(work_db: Path, run_id: str) -> None:
    from plangap.warehouse import db as wdb
    from plangap.warehouse.load import start_run

    with contextlib.closing(wdb.connect(work_db)) as conn:
        start_run(conn, run_id)


def _staged_copy(analyst_copy: Path, run_id: str) -> Path:
    """Where a run writes the analysts' copy before it commits (removed by the next start if a
    kill leaves it: it matches `.<name>.*.tmp`)."""
    return analyst_copy.with_name(f".{analyst_copy.name}.run-{run_id}.tmp")


def _commit(run: Run, db: Path, analyst_copy: Path) -> None:
    """Close the run in the working copy and write the analysts' copy from it beside its place;
    only then swap the warehouse in, move the outputs into place and rename the copy over the
    analysts' (the warehouse first: a report never names a run that is not in it). Everything
    that can fail for want of space happens before the first swap."""
    from plangap.warehouse import db as wdb
    from plangap.warehouse.copy import publish_analyst_copy
    from plangap.warehouse.errors import CopyError
    from plangap.warehouse.inputs import record_inputs_key
    from plangap.warehouse.load import finish_run

    plan = run.plan
    with contextlib.closing(wdb.connect(plan.work_db)) as conn:
        finish_run(conn, plan.run_id, "success", counts=run.summary.counts())
        if run.summary.inputs_key:
            record_inputs_key(conn, plan.run_id, run.summary.inputs_key)
    staged = _staged_copy(analyst_copy, plan.run_id)
    try:
        publish_analyst_copy(plan.work_db, staged)
    except CopyError as err:
        cause = err.__cause__
        reason = cause.strerror if isinstance(cause, OSError) and cause.strerror else str(err)
        raise StageError(f"{analyst_copy}: cannot write the analysts' copy: {reason}") from err
    os.replace(plan.work_db, db)
    if plan.staging.is_dir():
        _move_outputs(plan.staging / ANALYST_STAGING, plan.analyst_dir)
        _move_outputs(plan.staging, plan.reports)
    os.replace(staged, analyst_copy)
    run.summary.analyst_copy = str(analyst_copy)


def _move_outputs(staged: Path, dest: Path | None) -> None:
    """Move the files of a staging folder into `dest` (the HTML last: a reader who sees the new
    page finds its CSV and Parquet files beside it)."""
    if dest is None or not staged.is_dir():
        return
    dest.mkdir(parents=True, exist_ok=True)
    files = [p for p in staged.iterdir() if p.is_file()]
    for item in sorted(files, key=lambda p: (p.suffix == ".html", p.name)):
        os.replace(item, dest / item.name)


def _record_crash(db_path: Path, run_id: str) -> None:
    """Record a run that died holding the lock (kill -9, power loss) in the run log, once."""
    from plangap.warehouse import db as wdb
    from plangap.warehouse.load import record_crashed_run

    try:
        with contextlib.closing(wdb.connect(db_path)) as conn:
            record_crashed_run(conn, run_id, "the run died before it finished (found by the next run)")
    except Exception as log_err:
        log.warning("could not record the crashed run %s in %s: %s", run_id, db_path, log_err)


def _record_failure(db_path: Path, run_id: str, err: BaseException) -> None:
    """Write the failed run, and the expectations of a gate that failed it, into the last good
    warehouse's run log (best effort, logged): the data stay as they were."""
    from plangap.warehouse import db as wdb
    from plangap.warehouse.load import finish_run, record_dq_results, start_run

    dq_results = err.results if isinstance(err, GateFailed) else None
    try:
        with contextlib.closing(wdb.connect(db_path)) as conn:
            start_run(conn, run_id)
            finish_run(conn, run_id, "failed", error=str(err)[:2000] or type(err).__name__,
                       counts={"dq_failed": sum(1 for r in dq_results or () if not r["success"]
                                             and r.get("severity", "critical") == "critical")})
            if dq_results:
                record_dq_results(conn, run_id, dq_results)
    except Exception as log_err:  # the run's own error matters more than its log line
        log.warning("could not record the failed run %s in %s: %s", run_id, db_path, log_err)


def _show_failure(db_path: Path, analyst_copy: Path, run_id: str) -> None:
    """Add the failed run's run_log row to the analysts' copy, its data unchanged (issue 11;
    warehouse/history.py show_runs_in_copy; best effort, logged)."""
    from plangap.warehouse.history import show_runs_in_copy

    try:
        show_runs_in_copy(db_path, analyst_copy)
    except Exception as copy_err:
        log.warning("could not add the failed run %s to %s: %s", run_id, analyst_copy, copy_err)
