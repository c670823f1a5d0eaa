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


def _carries(text: str, number: str) -> bool:
    r"""Whether `text` holds `number` as a whole number: no digit or point before it and no digit
    after it (a decimal's trailing zeros skipped first). What the regex
    `(?<![\d.])NUMBER(0*|(?:\.0+)?)(?!\d)` says, without compiling one pattern per value."""
    start = text.find(number)
    while start >= 0:
        if start == 0 or not (text[start - 1].isdecimal() or text[start - 1] == "."):
            end = start + len(number)
            if "." in number:
                while end < len(text) and text[end] == "0":
                    end += 1
            if end == len(text) or not text[end].isdecimal():
                return True
        start = text.find(number, start + 1)
    return False


def states_number(clause: str | None, value: Any) -> bool:
    """Whether `clause` states `value` (see the module docstring)."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return True
    if float(value) == 0:
        return True
    text = _GROUP.sub("", (clause or "").translate(_FULLWIDTH))
    number = _number_text(value)
    if _carries(text, number):
        return True
    return not _DIGIT.search(text) and bool(_CN_NUMERAL.search(text))


def _clause_has_value(frame: pd.DataFrame) -> pd.DataFrame:
    values = ["value"] + (["value_max"] if "value_max" in frame.columns else [])
    columns = [frame[v].tolist() for v in values]  # row tuples by zip: iterrows builds a Series a row
    ok = [all(states_number(clause, v) for v in row) for clause, *row in zip(frame["clause"].tolist(), *columns)]
    return frame.assign(clause_has_value=pd.Series(ok, index=frame.index, dtype="bool"))


#: frame name -> what is added to it
DERIVED: dict[str, Callable[[pd.DataFrame], pd.DataFrame]] = {
    "current_targets": _clause_has_value,
    "current_facts": _clause_has_value,
}


def derive(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    fn = DERIVED.get(name)
    return fn(frame) if fn is not None else frame
