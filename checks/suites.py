"""The expectation suites as data: checks/suites/<table>.yaml, read into plain specs.

A suite file names a warehouse table and lists expectations on the table itself
(`expectations`) and on frames about it (`frames`: datasets of warehouse/quality.py, such as
the table's rows per page against the last good run). Every expectation has a `type` (a GX
expectation), `kwargs`, a `severity` (critical stops publication, warning is recorded), a
`name`, a `why` and optionally `where` (the rows it applies to) and `reason` (a template of the
one-line reason, filled from the failing row). Values spelt `$NAME` are filled from the
project's vocabularies (statuses, units), never written by hand.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from plangap.warehouse import statuses

CHECKS_DIR = Path(__file__).parent
SUITES_DIR = CHECKS_DIR / "suites"
UNITS_FILE = CHECKS_DIR / "units.yaml"
SEVERITIES = ("critical", "warning")
_KEYS = {"type", "kwargs", "severity", "name", "why", "where", "reason"}


class SuiteError(Exception):
    """A suite file is unusable: names the file and the reason."""


@dataclass(frozen=True)
class ExpectationSpec:
    type: str
    kwargs: dict[str, Any]
    severity: str
    name: str
    why: str | None = None
    where: dict[str, Any] | None = None
    reason: str | None = None


@dataclass(frozen=True)
class Suite:
    """One GX suite: the expectations on one dataset (a table or a frame) about `table`."""

    name: str  # the GX suite name: the table itself, or <table>.<frame>
    table: str  # the warehouse table the expectations are about
    dataset: str  # what is validated: the table, or a frame of warehouse/quality.py
    index: tuple[str, ...] = ()  # columns that name a failing row (url ...)
    expectations: list[ExpectationSpec] = field(default_factory=list)


def unit_pattern(path: Path = UNITS_FILE) -> str:
    """The regex every normalised unit must match, built from checks/units.yaml."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))

    def alt(words: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    words = [w for group in raw["words"].values() for w in group]
    per = "(?:/(?:" + alt(raw["denominator_multipliers"]) + ")?(?:" + alt(raw["denominators"]) + "))"
    standalone = raw["standalone"] + raw.get("extra_standalone", [])
    return ("^(?:" + alt(standalone) + "|(?:" + alt(raw["multipliers"]) + ")?(?:" + alt(words) + ")" + per
            + "?|(?:" + alt(raw["multipliers"]) + "))$")


def vocabulary() -> dict[str, Any]:
    """What `$NAME` stands for in a suite file."""
    return {"STATUSES": list(statuses.STATUSES), "MATCHED": list(statuses.MATCHED), "UNIT_PATTERN": unit_pattern()}


def _substitute(value: Any, vocab: dict[str, Any], where: str) -> Any:
    if isinstance(value, str) and value.startswith("$"):
        if value[1:] not in vocab:
            raise SuiteError(f"{where}: unknown vocabulary {value} (known: {', '.join('$' + k for k in vocab)})")
        return vocab[value[1:]]
    if isinstance(value, list):
        return [_substitute(v, vocab, where) for v in value]
    if isinstance(value, dict):
        return {k: _substitute(v, vocab, where) for k, v in value.items()}
    return value


def _spec(raw: Any, vocab: dict[str, Any], where: str) -> ExpectationSpec:
    if not isinstance(raw, dict) or not raw.get("type"):
        raise SuiteError(f"{where}: an expectation needs a 'type'")
    unknown = set(raw) - _KEYS
    if unknown:
        raise SuiteError(f"{where}: unknown keys {sorted(unknown)}")
    severity = raw.get("severity", "critical")
    if severity not in SEVERITIES:
        raise SuiteError(f"{where}: severity must be one of {SEVERITIES}, not {severity!r}")
    kwargs = _substitute(dict(raw.get("kwargs") or {}), vocab, where)
    column = kwargs.get("column") or ",".join(kwargs.get("column_list") or ())
    return ExpectationSpec(type=raw["type"], kwargs=kwargs, severity=severity,
                           name=raw.get("name") or f"{raw['type']}({column})", why=raw.get("why"),
                           where=_substitute(raw.get("where"), vocab, where), reason=raw.get("reason"))


def _specs(raw: Any, vocab: dict[str, Any], where: str) -> list[ExpectationSpec]:
    if not isinstance(raw, list):
        raise SuiteError(f"{where}: needs a list of expectations")
    return [_spec(item, vocab, f"{where}[{i}]") for i, item in enumerate(raw)]


def _suites_of_file(path: Path, raw: Any, vocab: dict[str, Any]) -> list[Suite]:
    if not isinstance(raw, dict) or not raw.get("table") or not isinstance(raw.get("expectations"), list):
        raise SuiteError(f"{path}: needs 'table' and a list of 'expectations'")
    table = raw["table"]
    out = [Suite(name=table, table=table, dataset=table, index=tuple(raw.get("index") or ()),
                 expectations=_specs(raw["expectations"], vocab, f"{path}: expectations"))]
    frames = raw.get("frames") or {}
    if not isinstance(frames, dict):
        raise SuiteError(f"{path}: 'frames' maps a frame name to its index and expectations")
    for frame, body in frames.items():
        if not isinstance(body, dict):
            raise SuiteError(f"{path}: frame {frame} needs 'index' and 'expectations'")
        out.append(Suite(name=f"{table}.{frame}", table=table, dataset=frame, index=tuple(body.get("index") or ()),
                         expectations=_specs(body.get("expectations"), vocab, f"{path}: frames.{frame}")))
    return out


def load_suites(folder: Path = SUITES_DIR) -> list[Suite]:
    """Every suite of every file in `folder`, in file order."""
    vocab = vocabulary()
    suites: list[Suite] = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as err:
            raise SuiteError(f"{path}: not valid YAML ({err})") from None
        suites.extend(_suites_of_file(path, raw, vocab))
    names = [s.name for s in suites]
    if len(names) != len(set(names)):
        raise SuiteError(f"{folder}: suite names repeat: {sorted({n for n in names if names.count(n) > 1})}")
    return suites
