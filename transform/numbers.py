"""Numbers and units: Chinese numerals, and the normalisation of docs/labelling.md.

`normalize_quantity(9.1, "万人")` -> (91000.0, "人"); `normalize_quantity(0.76, "所/万人")`
-> (0.76, "所/万人"); percent stays percent.
"""
from __future__ import annotations

import re

from plangap.transform.units import MULTIPLIERS

_DIGITS = {"零": 0, "〇": 0, "○": 0, "Ｏ": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3,
           "叁": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7,
           "八": 8, "捌": 8, "九": 9, "玖": 9}
_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
_SPECIAL = {"廿": 20, "卅": 30, "卌": 40}

#: characters a Chinese numeral may be written with
CN_NUMERAL_CHARS = "".join(_DIGITS) + "".join(_SMALL_UNITS) + "".join(_BIG_UNITS) + "".join(_SPECIAL) + "点點"
CN_NUMBER = re.compile(f"[{CN_NUMERAL_CHARS}]+")



def parse_chinese_number(text: str) -> float | None:
    """Value of a Chinese numeral (`二十` 20, `三点五` 3.5, `一万二千` 12000, `二〇二〇` 2020)."""
    text = text.replace("點", "点")
    if not text or any(ch not in CN_NUMERAL_CHARS for ch in text):
        return None
    if "点" in text:
        whole, _, frac = text.partition("点")
        w = parse_chinese_number(whole) if whole else 0.0
        if w is None or not frac or any(ch not in _DIGITS for ch in frac):
            return None
        return float(f"{int(w)}.{''.join(str(_DIGITS[c]) for c in frac)}")
    if all(ch in _DIGITS for ch in text) and len(text) > 1:  # digit by digit: 二〇二〇
        return float("".join(str(_DIGITS[c]) for c in text))
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _SPECIAL:
            section += _SPECIAL[ch]
            digit = None
        elif ch in _SMALL_UNITS:
            section += (1 if digit is None else digit) * _SMALL_UNITS[ch]
            digit = None
        elif ch in _BIG_UNITS:
            section += digit or 0
            total = (total + section) * _BIG_UNITS[ch] if ch == "亿" else total + section * _BIG_UNITS[ch]
            section, digit = 0, None
    return float(total + section + (digit or 0))


def parse_number(text: str) -> float | None:
    """An Arabic (`1,234.5`) or Chinese numeral; None for anything with `?` or no digits."""
    if "?" in text or "？" in text:
        return None
    t = text.replace(",", "").replace("，", "").strip()
    try:
        return float(t)
    except ValueError:
        return parse_chinese_number(t)


def split_multiplier(unit: str | None) -> tuple[float, str | None]:
    """(factor, base unit) of a unit as written: `亿元` -> (1e8, `元`); `所/万人` -> (1, same)."""
    if not unit:
        return 1.0, unit
    for prefix, factor in MULTIPLIERS:
        if unit.startswith(prefix) and len(unit) > len(prefix):
            return factor, unit[len(prefix):]
    return 1.0, unit


def normalize_quantity(value: float | None, unit: str | None) -> tuple[float | None, str | None]:
    """Expand a leading 万/亿 multiplier (docs/labelling.md); per-unit denominators stay."""
    if value is None:
        return None, split_multiplier(unit)[1] if unit else None
    if unit == "倍":
        return value, unit
    factor, base = split_multiplier(unit)
    return clean_float(value * factor), base


def clean_float(x: float) -> float:
    """Round off binary noise (9.1 * 1e4 = 91000.00000000001)."""
    return float(f"{x:.12g}")
