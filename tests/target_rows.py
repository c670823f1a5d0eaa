"""Reading a plan fixture into target rows, shared by the target-phrasing tests.

Row: (clause, value, value_max, unit, value_normalized, unit_normalized, comparator, modifier,
kind, year). Every clause is checked to be the exact span of the document text it claims.
"""
from __future__ import annotations

from pathlib import Path

from plangap.transform.document import load_document
from plangap.transform.records import Target
from plangap.transform.targets import extract_targets

PLANS = Path(__file__).parent / "fixtures" / "plans"
FIELDS = ("clause", "value", "value_max", "unit", "value_normalized", "unit_normalized", "comparator",
          "modifier", "kind", "year")


def targets_of(name: str) -> list[Target]:
    doc = load_document((PLANS / name).read_bytes(), name)
    out = extract_targets(doc)
    for t in out:
        assert doc.text[t.start:t.end] == t.clause
    return out


def rows_of(name: str) -> list[tuple]:
    return [tuple(t.to_json()[k] for k in FIELDS) for t in targets_of(name)]
