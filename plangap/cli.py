"""The `plangap` command line. Its commands, options, output fields and exit codes are a
contract with scripts and schedulers: 0 success; 2 bad input or usage (one line on stderr
naming the input and the reason); 1 unexpected failure.

Only `run` starts Prefect; the other commands (`email` included) call the library directly.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from plangap.output import RunProgress, divert_prefect_stderr, print_rows, print_table, user_stderr

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2


class BadInput(Exception):
    """Bad input or usage: printed as one line, exit 2."""


class ArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, exit 2, no usage dump
        raise BadInput(f"{self.prog}: {message}")


def _read_input(path_or_url: str, max_bytes: int) -> tuple[bytes, str | None, str]:
    """(bytes, content type, source name) of a file path or an http(s) address, with the run's
    HTTP settings (timeout, retries, deadline) and no more than `max_bytes`."""
    from plangap.config import load_settings, network_policy

    if path_or_url.startswith(("http://", "https://")):
        from plangap.extract.http import FetchError, HttpClient
        from plangap.extract.page import SourcePage

        try:
            page = HttpClient(network_policy(load_settings())).fetch(SourcePage(url=path_or_url, kind="article", region=""))
        except FetchError as err:
            raise BadInput(str(err)) from None
        return page.content, page.content_type, path_or_url
    path = Path(path_or_url)
    if not path.exists():
        raise BadInput(f"{path_or_url}: no such file")
    if path.is_dir():
        raise BadInput(f"{path_or_url}: is a folder, not a page or text file")
    try:
        if path.stat().st_size > max_bytes:  # refused before it is read into memory
            from plangap.transform.document import too_large

            raise BadInput(str(too_large(path_or_url, path.stat().st_size, max_bytes)))
        return path.read_bytes(), None, path_or_url
    except OSError as err:
        raise BadInput(f"{path_or_url}: cannot read ({err.strerror})") from None


def _load(path_or_url: str):
    from plangap.config import load_settings
    from plangap.transform.document import load_document
    from plangap.transform.errors import TransformError

    settings = load_settings()
    max_bytes = settings.max_page_bytes
    content, content_type, source = _read_input(path_or_url, max_bytes)
    try:
        return load_document(content, source, content_type, url=path_or_url if path_or_url.startswith("http") else None,
                             max_bytes=max_bytes, max_numbers=settings.max_page_numbers)
    except TransformError as err:
        raise BadInput(str(err)) from None


# ---------------------------------------------------------------- commands

def cmd_targets(args: argparse.Namespace) -> int:
    from plangap.transform.targets import extract_targets

    rows = [t.to_json() for t in extract_targets(_load(args.input))]
    print_rows(rows, ("indicator", "comparator", "value", "value_max", "unit", "modifier", "kind",
                       "indicator_id", "year", "clause"), args.json)
    return EXIT_OK


def cmd_facts(args: argparse.Namespace) -> int:
    from plangap.transform.facts import extract_facts

    rows = [f.to_json() for f in extract_facts(_load(args.input))]
    print_rows(rows, ("indicator", "measure", "value", "unit", "period", "indicator_id", "clause"), args.json)
    return EXIT_OK


def cmd_sql(args: argparse.Namespace) -> int:
    from plangap.config import load_settings
    from plangap.warehouse.errors import QueryError
    from plangap.warehouse.queries import run_query

    db = load_settings(db=args.db).db
    try:
        columns, rows = run_query(db, args.query)
    except QueryError as err:
        raise BadInput(f"{db}: {err}") from None
    if args.format == "json":
        for r in rows:
            print(json.dumps(dict(zip(columns, r)), ensure_ascii=False, default=str))
    elif args.format == "csv":
        import csv

        w = csv.writer(sys.stdout)
        w.writerow(columns)
        w.writerows(rows)
    else:
        print_table(columns, rows, max_width=60)
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from plangap.config import load_settings
    from plangap.publish.report import write_report
    from plangap.warehouse.errors import QueryError
    from plangap.warehouse.queries import open_read_only

    settings = load_settings(db=args.db, reports=args.reports)
    try:
        conn = open_read_only(settings.db)
    except QueryError as err:
        raise BadInput(str(err)) from None
    try:
        path = write_report(conn, settings.reports, region=args.region, year=args.year)
    finally:
        conn.close()
    print(f"report: {path}")
    return EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    from plangap import evaluate

    if args.corpus:
        total, per_file = evaluate.evaluate_corpus(args.kind, Path(args.corpus), Path(args.gold))
        for line in evaluate._format(total, per_file, args.verbose):
            print(line)
        return EXIT_OK
    if not args.pred:
        raise BadInput("plangap eval: give PRED (a JSON-lines file of predictions) or --corpus DIR")
    gold, pred = _jsonl(args.gold), _jsonl(args.pred)
    score = evaluate.score_records(gold, pred)
    for line in evaluate._format(score, {Path(args.gold).stem: score}, args.verbose):
        print(line)
    return EXIT_OK


def _jsonl(path: str) -> list[dict[str, Any]]:
    p = Path(path)
    if not p.is_file():
        raise BadInput(f"{path}: no such file")
    try:
        return [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise BadInput(f"{path}: not JSON lines ({err})") from None


def _prefect_env() -> None:
    """Quiet, offline, patient defaults for Prefect's temporary local server (overridable).

    Prefect's own console logging is limited to CRITICAL so that a failed run ends in the one
    line plangap prints; set PREFECT_LOGGING_LEVEL=INFO to watch the tasks."""
    for key, value in (("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180"),
                       ("PREFECT_LOGGING_LEVEL", "CRITICAL"),
                       ("PREFECT_SERVER_ANALYTICS_ENABLED", "false"),
                       ("DO_NOT_TRACK", "1"), ("GX_ANALYTICS_ENABLED", "false")):
        os.environ.setdefault(key, value)


def cmd_run(args: argparse.Namespace) -> int:
    from datetime import date

    from plangap.config import load_settings
    from plangap.extract.registry import RegistryError
    from plangap.extract.snapshot import SnapshotError
    from plangap.flows.records import RunOptions, StageError

    if args.snapshot and args.live:
        raise BadInput("plangap run: --snapshot and --live exclude each other")
    snapshot = Path(args.snapshot) if args.snapshot else None
    if snapshot is not None and not (snapshot / "manifest.json").is_file():
        raise BadInput(f"{args.snapshot}: not a snapshot folder (no manifest.json)")
    as_of = None
    if args.as_of:
        try:
            as_of = date.fromisoformat(args.as_of)
        except ValueError:
            raise BadInput(f"--as-of {args.as_of}: not a date (YYYY-MM-DD)") from None
    options = RunOptions(settings=load_settings(db=args.db, reports=args.reports), snapshot=snapshot,
                         live=args.live, region=args.region, year=args.year, as_of=as_of,
                         max_page_failures=args.max_page_failures, task_runner=args.task_runner,
                         workers=args.workers)
    try:  # a bad manifest or registry: one line and exit 2 before Prefect starts
        _check_sources(options)
    except (SnapshotError, RegistryError) as err:
        raise BadInput(str(err)) from None
    divert_prefect_stderr(options.settings.db.with_name(options.settings.db.name + ".prefect.log"))
    _prefect_env()
    from plangap.flows import progress
    from plangap.flows.nightly import run_nightly

    try:
        with RunProgress() as shown, progress.listening(shown.stage):
            summary = run_nightly(options)
            shown.finish(summary)
    except (SnapshotError, RegistryError) as err:
        raise BadInput(str(err)) from None
    except StageError as err:
        print(f"plangap run: failed: {err}", file=user_stderr())
        return EXIT_FAILURE
    for line in summary.lines():
        print(line)
    return EXIT_OK


def _check_sources(options: Any) -> None:
    """Read the registry and the snapshot manifest the run will read (every entry resolved
    inside its folder), and check that the run has sources; raise SnapshotError/RegistryError."""
    from plangap.extract.registry import RegistryError, load_registry, registry_from_manifest
    from plangap.extract.snapshot import read_manifest

    settings = options.settings
    if options.live:
        registry = load_registry(settings.registry)
    elif options.snapshot is not None:
        registry = registry_from_manifest(options.snapshot)
    else:
        registry = load_registry(settings.registry)
        read_manifest(settings.snapshot)
    registry = registry.only(options.region, options.year)
    if not (registry.plans or registry.lists or registry.pages):
        raise RegistryError(f"no sources in the registry for region={options.region or 'any'} "
                            f"year={options.year or 'any'}")


def cmd_bench(args: argparse.Namespace) -> int:
    import tempfile

    from plangap import bench

    if args.pages < 1:
        raise BadInput("plangap bench: --pages takes a positive number")
    divert_prefect_stderr(Path(tempfile.gettempdir()) / "plangap-bench.prefect.log")
    _prefect_env()
    for line in bench.format_lines(bench.run_bench(pages=args.pages, task_runner=args.task_runner,
                                                     workers=args.workers), args.json):
        print(line)
    return EXIT_OK


def cmd_email(args: argparse.Namespace) -> int:
    from datetime import date

    from plangap.config import load_settings
    from plangap.publish import email

    settings = load_settings()
    db = Path(args.db) if args.db else settings.analyst_copy
    month = args.month or email.previous_month(date.today())
    try:  # no Prefect: read the analysts' copy, build the message, send it
        email.month_bounds(month)
        smtp = None if args.dry_run else email.smtp_settings_from_env(args.to)
        summary = email.build_monthly_message(db, month, report_url=args.report_url, region=args.region)
    except email.EmailError as err:
        raise BadInput(f"plangap email: {err}") from None
    if smtp is None:
        print(f"Subject: {summary.subject}\n")
        print(summary.text)
        return EXIT_OK
    try:
        email.send(summary, smtp)
    except email.EmailError as err:
        print(f"plangap email: failed: {err}", file=user_stderr())
        return EXIT_FAILURE
    print(f"sent: {summary.subject} (to {', '.join(smtp.recipients)})")
    return EXIT_OK


# ---------------------------------------------------------------- parser

def build_parser() -> ArgumentParser:
    """The command line's contract, one declaration per command (over 60 lines on purpose: the
    commands, options and help texts read best together, in the order `plangap --help` lists them)."""
    p = ArgumentParser(prog="plangap", description="Track Chinese government plan targets against the statistics that report what happened.")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=ArgumentParser)

    r = sub.add_parser("run", help="run the nightly flow (fetch, extract, load, check, publish)",
                       description="Run the nightly Prefect flow. With neither --snapshot nor --live it reads the bundled snapshot.")
    src = r.add_mutually_exclusive_group()
    src.add_argument("--snapshot", metavar="DIR", help="read pages from a snapshot folder (pages by address + manifest.json)")
    src.add_argument("--live", action="store_true", help="fetch the registry's pages from the live sites")
    r.add_argument("--db", metavar="PATH", help="warehouse file (default $PLANGAP_DB or data/plangap.duckdb)")
    r.add_argument("--reports", metavar="DIR", help="report folder (default $PLANGAP_REPORTS or data/reports)")
    r.add_argument("--region", metavar="NAME", help="only this region of the registry (e.g. 常州市)")
    r.add_argument("--year", metavar="YYYY", type=int, help="only plans of this year and pages of its periods")
    r.add_argument("--as-of", metavar="YYYY-MM-DD", help="judge targets as of this date (default today)")
    r.add_argument("--max-page-failures", metavar="N", type=int, default=0,
                   help="tolerate up to N pages that fail to fetch or parse (default 0: any failure fails the run)")
    r.add_argument("--task-runner", choices=("threads", "processes", "dask"), default="threads",
                   help="what reads the pages in parallel: threads (default), processes, or a Dask cluster "
                        "(a LocalCluster, or $PLANGAP_DASK_ADDRESS)")
    r.add_argument("--workers", metavar="N", type=int, help="parallel workers (default: the runner's own)")
    r.set_defaults(func=cmd_run)

    for name, func, what in (("targets", cmd_targets, "the targets and commitments of one plan page or text file"),
                             ("facts", cmd_facts, "the reported figures of one statistics page or text file")):
        c = sub.add_parser(name, help=f"print {what}", description=f"Print {what}: an HTML page in any encoding or a UTF-8 text file, by path or http(s) address.")
        c.add_argument("input", metavar="PATH_OR_URL", help="a file path or an http(s) address")
        c.add_argument("--json", action="store_true", help="one JSON object per line instead of a table")
        c.set_defaults(func=func)

    q = sub.add_parser("sql", help="run a read-only SQL query on the warehouse",
                       description="Run one SQL statement on a read-only connection to the warehouse.")
    q.add_argument("query", metavar="QUERY", help='e.g. "SELECT status, count(*) FROM gap_report GROUP BY 1"')
    q.add_argument("--db", metavar="PATH", help="warehouse file (default $PLANGAP_DB or data/plangap.duckdb)")
    q.add_argument("--format", choices=("table", "csv", "json"), default="table", help="output format (default table)")
    q.set_defaults(func=cmd_sql)

    rp = sub.add_parser("report", help="write the gap report from the warehouse",
                        description="Write gap-report.html and gap-report.csv from the warehouse's gap_report view.")
    rp.add_argument("--db", metavar="PATH", help="warehouse file (default $PLANGAP_DB or data/plangap.duckdb)")
    rp.add_argument("--reports", metavar="DIR", help="report folder (default $PLANGAP_REPORTS or data/reports)")
    rp.add_argument("--region", metavar="NAME", help="only this region")
    rp.add_argument("--year", metavar="YYYY", type=int, help="only targets of this year")
    rp.set_defaults(func=cmd_report)

    e = sub.add_parser("eval", help="precision and recall of an extractor against gold labels",
                       description="Score predictions against gold labels: plangap eval {targets,facts} GOLD PRED, "
                                   "or plangap eval {targets,facts} GOLD_DIR --corpus CORPUS_DIR to run the extractor over a corpus.")
    e.add_argument("kind", choices=("targets", "facts"), help="which extractor to score")
    e.add_argument("gold", metavar="GOLD", help="gold JSON lines (or, with --corpus, the folder of offset labels)")
    e.add_argument("pred", metavar="PRED", nargs="?", help="predicted JSON lines (plangap targets --json output)")
    e.add_argument("--corpus", metavar="DIR", help="run the extractor over every *.txt of DIR that has labels")
    e.add_argument("--verbose", "-v", action="store_true", help="list every miss and false hit")
    e.set_defaults(func=cmd_eval)

    b = sub.add_parser("bench", help="measure the nightly run end to end on generated pages",
                       description="Run the nightly flow (Prefect, the loopback server, GX, the report) on N generated plan "
                                   "and statistics pages, then unchanged again, and print pages/s, MB/s, peak memory, each "
                                   "stage's time and Prefect's overhead, the parse floor ratio, accuracy against the "
                                   "generator's truth, the rerun fraction and the gap_report query time (plangap/bench.py).")
    b.add_argument("--pages", metavar="N", type=int, default=40, help="pages to generate and run (default 40)")
    b.add_argument("--json", action="store_true", help="one JSON object instead of one line per figure")
    b.add_argument("--task-runner", choices=("threads", "processes", "dask"), default="threads",
                   help="what reads the pages in parallel, as for `plangap run` (default threads)")
    b.add_argument("--workers", metavar="N", type=int, help="parallel workers (default: the runner's own)")
    b.set_defaults(func=cmd_bench)

    m = sub.add_parser("email", help="email the monthly summary",
                       description="Email the monthly summary (where each target stands, what was published in the month, "
                                   "the last run) from the analysts' copy of the warehouse. SMTP settings: PLANGAP_SMTP_HOST, "
                                   "PLANGAP_SMTP_PORT, PLANGAP_SMTP_STARTTLS, PLANGAP_SMTP_USER, PLANGAP_SMTP_PASSWORD, "
                                   "PLANGAP_MAIL_FROM, PLANGAP_MAIL_TO.")
    m.add_argument("--db", metavar="PATH", help="warehouse to read (default the analyst copy, $PLANGAP_ANALYST_COPY)")
    m.add_argument("--to", metavar="ADDR", action="append", help="a recipient (repeatable; default $PLANGAP_MAIL_TO)")
    m.add_argument("--month", metavar="YYYY-MM", help="the month to summarise (default the previous month)")
    m.add_argument("--region", metavar="NAME", help="only this region")
    m.add_argument("--report-url", metavar="URL", help="where readers find the full report (linked in the message)")
    m.add_argument("--dry-run", action="store_true", help="print the message instead of sending it (no SMTP, no Prefect)")
    m.set_defaults(func=cmd_email)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    from plangap.config import SettingsError

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if not getattr(args, "func", None):
            parser.print_help()
            return EXIT_BAD_INPUT
        return args.func(args)
    except (BadInput, SettingsError) as err:
        print(str(err), file=user_stderr())
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("plangap: interrupted", file=user_stderr())
        return EXIT_FAILURE
    except BrokenPipeError:
        return EXIT_OK
    except Exception as err:  # the contract: one line, exit 1, no traceback
        print(f"plangap: unexpected error: {type(err).__name__}: {err}", file=user_stderr())
        return EXIT_FAILURE


if __name__ == "__main__":
    sys.exit(main())
