"""Columns the gate computes on a frame before GX validates it (no SQL: the warehouse gives
the rows, this adds what a regex in Python says about them).

`clause_has_value`: the clause states the row's number (`value`, and `value_max` of a range).
The number counts as stated when the clause carries it in digits (digit groups and a space
after the decimal point joined: 1,234 / 1 234 / 1. 2, never digits on two lines; trailing zeros of a decimal allowed:
12.50 states 12.5), or, for a clause with no digit at all, in Chinese numerals (百分之六,
八十五个). A value of 0 is the convention of 正增长 / 持平 targets and needs no digit.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

import pandas as pd

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
_GROUP = re.compile(r"(?<=\d)[,， ](?=\d{3}(?!\d))|(?<=\d\.) +(?=\d)")
_DIGIT = re.compile(r"\d")
_CN_NUMERAL = re.compile(r"[〇零一二三四五六七八九十两壹贰叁肆伍陆柒捌玖拾兩]")


def _number_text(value: float) -> str:
    text = repr(abs(float(value)))
    return text[:-2] if text.endswith(".0") else text


def states_number(clause: str | None, value: Any) -> bool:
    """Whether `clause` states `value` (see the module docstring)."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return True
    if float(value) == 0:
        return True
    text = _GROUP.sub("", (clause or "").translate(_FULLWIDTH))
    number = _number_text(value)
    tail = r"0*" if "." in number else r"(?:\.0+)?"
    if re.search(r"(?<![\d.])" + re.escape(number) + tail + r"(?!\d)", text):
        return True
    return not _DIGIT.search(text) and bool(_CN_NUMERAL.search(text))


def _clause_has_value(frame: pd.DataFrame) -> pd.DataFrame:
    values = ["value"] + (["value_max"] if "value_max" in frame.columns else [])
    ok = [all(states_number(row["clause"], row[v]) for v in values) for _, row in frame.iterrows()]
    return frame.assign(clause_has_value=pd.Series(ok, index=frame.index, dtype="bool"))


#: frame name -> what is added to it
DERIVED: dict[str, Callable[[pd.DataFrame], pd.DataFrame]] = {
    "current_targets": _clause_has_value,
    "current_facts": _clause_has_value,
}


def derive(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    fn = DERIVED.get(name)
    return fn(frame) if fn is not None else frame
