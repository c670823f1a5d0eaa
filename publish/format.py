"""How the report and the email write numbers, targets, gaps, periods and times for a Chinese reader.

Pure functions over gap_report rows (dicts). One rule set for both outputs:
- the target as written: modal word, comparator verb, growth verb, value, unit, trailing word
  (增长6.5%左右, 力争不低于50个); a bare comparator becomes a sign (≥ 50 个);
- the gap in the target's own unit: percentage points for targets in % (个百分点), never a ratio
  of two rates; attainment (完成度) only for levels, counts and amounts;
- part-year figures carry their pace (序时进度): the pro-rated target they were held against;
- times in Asia/Shanghai (the warehouse stores UTC without a zone).
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import Any

from plangap.warehouse.statuses import LABEL_EN, LABEL_ZH, MATCHED

PP_UNITS = ("%", "个百分点", "‰")
SIGNED_MEASURES = ("growth_pct", "change_pp", "per_mille")
_SUFFIX_WORDS = ("以上", "以内", "以下", "左右", "上下")
_CMP_SIGN = {">=": "≥ ", "<=": "≤ ", ">": "> "}


def shanghai() -> tzinfo:
    """Asia/Shanghai (UTC+8 all year; a fixed offset when the system has no zone data)."""
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("Asia/Shanghai")
    except Exception:  # no tzdata on the machine: China has no daylight saving time
        return timezone(timedelta(hours=8), "Asia/Shanghai")


def local_time(ts: datetime | None, seconds: bool = False) -> str:
    """A UTC timestamp (naive = UTC, as the warehouse stores them) as Shanghai time."""
    if ts is None:
        return ""
    if ts.tzinfo is None:
        ts = ts.replace(tzinfo=UTC)
    return ts.astimezone(shanghai()).strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M") + " (北京时间)"


def num(x: Any, digits: int = 4) -> str:
    """A number for people: no binary noise, no trailing zeros, thousands grouped (12,345.6)."""
    if x is None:
        return ""
    if isinstance(x, bool):
        return str(x)
    if isinstance(x, (int, float)):
        text = f"{float(x):,.{digits}f}".rstrip("0").rstrip(".")
        return "0" if text in ("-0", "") else text
    return str(x)


def plain(x: Any) -> str:
    """A number for machines (CSV): no thousands separators, full precision, '' for none."""
    if x is None:
        return ""
    if isinstance(x, float):
        if x.is_integer() and abs(x) < 1e15:
            return str(int(x))
        return repr(round(x, 9))
    if isinstance(x, (datetime, date)):
        return x.isoformat(sep=" ") if isinstance(x, datetime) else x.isoformat()
    return str(x)


def _mods(row: Mapping[str, Any]) -> list[str]:
    return [m for m in (row.get("modifier") or "").split(",") if m]


def _is_pp(unit: str | None) -> bool:
    return unit in PP_UNITS


def target_text(row: Mapping[str, Any]) -> str:
    """The target as written: 增长6.5%左右, 力争不低于50个, ≥ 50 个, 6–6.5 %, 降至46 微克/立方米."""
    value = row.get("target_value")
    if value is None:
        return "—"
    mods = _mods(row)
    lead = "".join(m for m in mods if m not in _SUFFIX_WORDS)
    tail = "".join(m for m in mods if m in _SUFFIX_WORDS)
    unit = row.get("target_unit") or ""
    verb = ""
    if row.get("kind") == "rate":
        norm = row.get("target_value_normalized")
        declining = norm is not None and norm < 0
        if not re.search(r"[增降提减压缩削]", lead):
            verb = ("下降" if declining else "提高") if unit == "个百分点" else ("下降" if declining else "增长")
    sign = "" if (lead or tail) else _CMP_SIGN.get(row.get("comparator") or "", "")
    figure = num(value)
    if row.get("target_value_max") is not None:
        figure = f"{figure}–{num(row['target_value_max'])}"
    return f"{sign}{lead}{verb}{figure}{unit}{tail}".strip()


def actual_text(row: Mapping[str, Any]) -> str:
    """The actual as a reader needs it: a level as written (616.6亿元); a growth or change with
    its sign (下降4.9% -> -4.9%), which the number as written does not carry."""
    if row.get("actual_value") is None:
        return "—"
    if row.get("actual_measure") in SIGNED_MEASURES:
        return f"{num(row.get('actual_value_normalized'))}{row.get('actual_unit_normalized') or ''}"
    return f"{num(row['actual_value'])}{row.get('actual_unit') or ''}"


def fact_text(fact: Mapping[str, Any]) -> str:
    """A fact of the facts view, the same way."""
    return actual_text({"actual_value": fact.get("value"), "actual_unit": fact.get("unit"),
                        "actual_measure": fact.get("measure"),
                        "actual_value_normalized": fact.get("value_normalized"),
                        "actual_unit_normalized": fact.get("unit_normalized")})


def gap_unit(row: Mapping[str, Any]) -> str:
    """The unit the gap is counted in: percentage points for % targets, else the target's unit."""
    unit = row.get("target_unit") or ""
    if unit == "%" or unit == "个百分点":
        return "个百分点"
    return unit


def gap_text(row: Mapping[str, Any]) -> str:
    """actual − expected in the target's unit, signed (+1.2个百分点, -3,000个), '' without one."""
    gap = row.get("gap")
    if gap is None:
        return ""
    sign = "+" if gap > 0 else ""
    return f"{sign}{num(gap, 2)}{gap_unit(row)}"


def has_attainment(row: Mapping[str, Any]) -> bool:
    """Attainment (完成度) means something for levels, counts and amounts; for rates and shares
    in % it would divide one rate by another, so the gap in percentage points stands alone."""
    return (row.get("attainment") is not None and row.get("kind") != "rate"
            and not _is_pp(row.get("target_unit")))


def attainment_text(row: Mapping[str, Any]) -> str:
    return f"{row['attainment'] * 100:.1f}%" if has_attainment(row) else ""


_YTD = re.compile(r"^(\d{4})-(\d{2})/(\d{4})-(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def period_text(period: str | None) -> str:
    """2021-01/2021-09 -> 2021年1–9月; 2020 -> 2020年; 2020-12-31 -> 2020年末; 2021-06-30 -> 2021年6月末."""
    if not period:
        return ""
    if re.fullmatch(r"\d{4}", period):
        return f"{period}年"
    if m := _YTD.match(period):
        y1, m1, y2, m2 = m.groups()
        if y1 == y2:
            return f"{y1}年{int(m1)}–{int(m2)}月"
        return f"{y1}年{int(m1)}月–{y2}年{int(m2)}月"
    if m := _DAY.match(period):
        y, mo, _ = m.groups()
        return f"{y}年末" if mo == "12" else f"{y}年{int(mo)}月末"
    if m := _MONTH.match(period):
        return f"{m.group(1)}年{int(m.group(2))}月"
    if re.fullmatch(r"\d{4}/\d{4}", period):
        a, b = period.split("/")
        return f"{a}–{b}年"
    return period


def months_covered(period: str | None) -> int | None:
    """Months of the year a part-year figure covers (2021-01/2021-09 -> 9; 2021-06-30 -> 6)."""
    if not period:
        return None
    if (m := _YTD.match(period)) and m.group(1) == m.group(3):
        return int(m.group(4))
    if m := _DAY.match(period):
        return int(m.group(2))
    return None


def pace_text(row: Mapping[str, Any]) -> str:
    """For a part-year status: what the actual was held against (序时进度 目标 of n/12), else ''."""
    if row.get("basis") != "part_year" or row.get("expected_value") is None:
        return ""
    unit = row.get("target_unit") or ""
    months = months_covered(row.get("basis_period"))
    expected = f"{num(row['expected_value'], 2)}{unit}"
    if (months and row.get("target_value") is not None
            and abs((row["expected_value"] or 0) - (row["target_value"] or 0)) > 1e-9):
        return f"序时进度：{months}个月应达 {expected}（全年目标的 {months}/12）"
    return f"年内进度：对照全年目标 {expected}"


RUN_RESULT = {"success": "成功", "failed": "失败", "running": "进行中"}


def run_result(result: str | None) -> str:
    """成功 success / 失败 failed / 进行中 running."""
    return f"{RUN_RESULT.get(result or '', result or '')} {result or ''}".strip()


def status_words(status: str) -> str:
    """达成 achieved."""
    return f"{LABEL_ZH[status]} {LABEL_EN[status]}"


def present(row: Mapping[str, Any]) -> dict[str, Any]:
    """A gap_report row with everything the templates print, computed once."""
    out = dict(row)
    out.update(
        target_text=target_text(row), actual_text=actual_text(row), gap_text=gap_text(row),
        attainment_text=attainment_text(row), period_text=period_text(row.get("actual_period")),
        pace_text=pace_text(row), status_zh=LABEL_ZH[row["status"]], status_en=LABEL_EN[row["status"]],
        measured=row["status"] in MATCHED, reason_zh=reason_zh(row.get("reason")),
        target_fetched=local_time(row.get("target_fetched_at")),
        actual_fetched=local_time(row.get("actual_fetched_at")),
    )
    return out


_REASONS = {
    "commitment: tracked by evidence, not by a figure": "工作任务：以进展材料而非数字衡量",
    "target has no value": "目标没有数值",
    "unmapped indicator": "指标未收录于指标词典",
    "target has no year": "目标没有年份",
    "target year not started": "目标年度尚未开始",
    "no published actual": "尚未发布实际数据",
}


def reason_zh(reason: str | None) -> str:
    """The gap model's reason in Chinese (the English stays beside it in the report)."""
    if not reason:
        return ""
    if reason in _REASONS:
        return _REASONS[reason]
    if m := re.match(r"full-year figure not published; pace of (.+)$", reason):
        return f"全年数据未发布；按{period_text(m.group(1))}进度"
    if m := re.match(r"in-year pace of (.+)$", reason):
        return f"年内进度：{period_text(m.group(1))}"
    return reason
