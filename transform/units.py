"""Units of plan targets: the unit pattern that follows a number, and the kind of a target.

Lookup data only (tables of unit words), plus the two small functions that read them.
Units are matched on normalised text (see transform/textnorm.py): simplified characters,
ASCII `%`, `/`.
"""
from __future__ import annotations

import re

#: leading multipliers a unit may carry (longest first)
MULTIPLIER = r"(?:万亿|千亿|百亿|千万|百万|亿|万)"

#: percent-like units, kept as written
PERCENT_UNITS = ("个百分点", "个千分点", "%", "‰")

#: money
MONEY_UNITS = ("美元", "欧元", "港元", "元")

#: physical quantities (energy, area, weight, length, volume)
MEASURE_UNITS = (
    "千瓦时", "千瓦", "兆瓦", "吨标准煤", "吨标煤", "吨", "千克", "公斤", "斤",
    "平方公里", "平方千米", "平方米", "公顷", "亩", "公里", "千米", "立方米", "米", "标箱", "TEU",
    "PFlops", "EFlops", "TFlops", "Pflops", "PFLOPS", "EFLOPS", "PF", "EF", "Gbps", "Mbps",
)

#: concentrations and other levels
#: durations (办理时限压缩至45天以内): a level when they close a clause, not before a noun (12天培训)
DURATION_UNITS = ("个工作日", "工作日", "天", "分钟")
#: a frequency (办事跑动次数控制在0.3次以内): a level only with a comparator or a modifier, else
#: it counts occasions (4次视察, 出现了12次), see FREQUENCY_UNITS in transform/targets.py
FREQUENCY_UNITS = ("次",)
LEVEL_UNITS = ("微克/立方米", "毫克/立方米", "毫克/升", "岁") + DURATION_UNITS + FREQUENCY_UNITS

#: counted things
COUNT_UNITS = (
    "人次", "家次", "批次", "起", "人", "名", "个", "家", "件", "所", "座", "套", "户", "项", "处", "张", "辆", "场次",
    "场", "台", "条", "间", "栋", "支", "批", "只", "头", "株", "棵", "部", "艘", "架", "款", "种",
    "类", "对", "宗", "笔", "片", "位", "枚", "根", "口", "盏", "块", "篇", "册", "门", "期班",
)

#: denominators of a per-unit level (`所/万人`, `元/人`) or of a flow per time (`万吨/日`, `千瓦时/年`)
TIME_DENOMINATOR = r"(?:/(?:日|天|年|小时|时|月|秒))"
DENOMINATOR = r"(?:/(?:万|千|百)?(?:人|户|平方米|平方公里|亩|吨|千克)|" + TIME_DENOMINATOR + r")"

_BASE = sorted(LEVEL_UNITS + MONEY_UNITS + MEASURE_UNITS + COUNT_UNITS, key=len, reverse=True)
_BASE_RE = "|".join(re.escape(u) for u in _BASE)

#: the unit right after a number (multiplier, base unit, optional denominator) or a percent unit
UNIT = re.compile(
    r"(?:" + "|".join(re.escape(u) for u in PERCENT_UNITS) + r"|倍"
    r"|" + MULTIPLIER + r"?(?:" + _BASE_RE + r")" + DENOMINATOR + r"?"
    r"|" + MULTIPLIER + r"(?=[\u4e00-\u9fff]))"  # a bare multiplier before a noun: 5万农村人口
)

#: the unit after a Chinese numeral: 万/亿 may lead it (三万亩, 五十亿元); 百/千 belong to the numeral
CN_UNIT = re.compile(
    r"(?:个百分点|倍|(?:万亿|亿|万)?(?:" + _BASE_RE + r")" + DENOMINATOR + r"?)"
)

#: words after a unit that show the number names a thing (2号线, 500强, 1公里范围内, 4连冠)
NAME_AFTER_UNIT = re.compile(r"^(?:范围|以内的|周年|连冠|强|届|次会议|(?:重点)?(?:民生)?实事|(?:重点)?民生事项|方面)")

_PER_CAPITA = re.compile(r"人均|每人|户均|每万人|每千人|每百人|每户|每名|每平方")
_RATIO_WORDS = re.compile(r"率|比重|比例|占比|强度|覆盖|占|份额|系数|指数")


def base_unit(unit: str | None) -> str | None:
    """The unit without its leading multiplier (`亿元` -> `元`)."""
    if not unit:
        return unit
    m = re.match(MULTIPLIER, unit)
    if m and len(unit) > m.end():
        return unit[m.end():]
    return unit


def kind_of(unit: str | None, indicator: str, is_rate: bool) -> str:
    """count, amount, ratio, rate or level (docs/labelling.md)."""
    base = base_unit(unit)
    if base and re.search(TIME_DENOMINATOR + "$", base):  # a capacity (5万吨/日) is an amount
        base = base[:base.rindex("/")]
        if base in MONEY_UNITS or base in MEASURE_UNITS:
            return "amount"
    if base in ("%", "‰", "个百分点", "个千分点"):
        if is_rate:
            return "rate"
        return "ratio"
    if base is None or base == "倍":
        return "ratio"
    if "/" in base or base in LEVEL_UNITS or base == "年" or _PER_CAPITA.search(indicator):
        return "level"
    if base in MONEY_UNITS or base in MEASURE_UNITS:
        return "amount"
    return "count"
