"""`where:` of a suite file -> a GX row condition object (the supported form since GX 1.9;
string row conditions with a condition_parser are deprecated).

    where: {measure: share_pct}                      measure == "share_pct"
    where: {kind: {not_in: [commitment]}}            kind NOT IN ("commitment")
    where: {history: true, rows: {gt: 0}}            history == True AND rows > 0
    where: {unit_normalized: {not_null: true}}       unit_normalized IS NOT NULL

Several columns, or several operators on one column, are joined with AND.
"""
from __future__ import annotations

from typing import Any

from plangap.checks.suites import SuiteError

_OPS = ("eq", "ne", "lt", "le", "gt", "ge", "in", "not_in", "null", "not_null")


def _one(column: str, op: str, value: Any) -> Any:
    from great_expectations.expectations.row_conditions import Column

    col = Column(column)
    if op == "eq":
        return col == value
    if op == "ne":
        return col != value
    if op in ("lt", "le", "gt", "ge"):
        return {"lt": col.__lt__, "le": col.__le__, "gt": col.__gt__, "ge": col.__ge__}[op](value)
    if op == "in":
        return col.is_in(value)
    if op == "not_in":
        return col.is_not_in(value)
    if op in ("null", "not_null"):
        return col.is_null() if (op == "null") == bool(value) else col.is_not_null()
    raise SuiteError(f"where: unknown operator {op!r} on {column} (known: {', '.join(_OPS)})")


def condition(where: dict[str, Any]) -> Any:
    """The Condition for a `where` mapping (column -> value, or column -> {operator: value})."""
    if not isinstance(where, dict) or not where:
        raise SuiteError(f"where: needs a mapping of column to condition, not {where!r}")
    parts: list[Any] = []
    for column, test in where.items():
        if isinstance(test, dict):
            parts.extend(_one(column, op, value) for op, value in test.items())
        else:
            parts.append(_one(column, "eq", test))
    if len(parts) == 1:
        return parts[0]
    from great_expectations.expectations.row_conditions import AndCondition

    return AndCondition(conditions=parts)
