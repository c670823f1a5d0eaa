"""The one unit vocabulary of transform/: multipliers, percent-like units and the unit words that
follow a number, for plan targets and statistics facts alike.

Each word is spelt here once. Both extractors read most units; some only one side reads (plans
set computing power in PFlops, statistics count livestock in 羽), so each table of unit words
says which side reads what: `both`, `plans` (plan targets only) and `stats` (statistics facts
only). The patterns built from the tables differ per side (`UNIT` and `CN_UNIT` here for plan
targets, `STAT_UNIT_BODY` for facts/patterns.py), the words do not.

Units are matched on normalised text (transform/text/normalize.py): simplified characters,
ASCII `%`, `/`.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# ---- multipliers ----------------------------------------------------------------------------

#: leading multipliers a unit may carry (亿元, 万人), with their factors; longest first
MULTIPLIERS: tuple[tuple[str, float], ...] = (
    ("万亿", 1e12), ("千亿", 1e11), ("百亿", 1e10), ("千万", 1e7), ("百万", 1e6),
    ("亿", 1e8), ("万", 1e4),
)
#: multiplier word -> factor
MULTIPLIER_FACTORS: dict[str, float] = dict(MULTIPLIERS)
#: the multipliers that lead a unit after a Chinese numeral: 百/千 belong to the numeral
#: (三千万人 is 三千 of 万人), so only 万亿, 亿 and 万 remain
CN_MULTIPLIERS: tuple[str, ...] = tuple(w for w, _ in MULTIPLIERS if w[0] not in "百千")

#: pattern: a leading multiplier (longest first)
MULTIPLIER = "(?:" + "|".join(w for w, _ in MULTIPLIERS) + ")"
#: pattern: a leading multiplier after a Chinese numeral
CN_MULTIPLIER = "(?:" + "|".join(CN_MULTIPLIERS) + ")"

# ---- percent-like units ---------------------------------------------------------------------

PERCENT, PER_MILLE = "%", "‰"
#: percentage points and per-mille points: the change between two rates
PERCENT_POINT, PER_MILLE_POINT = "个百分点", "个千分点"
#: the points without 个 (提高1.2百分点): statistics write them, plans do not
BARE_PERCENT_POINT, BARE_PER_MILLE_POINT = "百分点", "千分点"
#: times (增长1.5倍)
TIMES = "倍"

#: percent-like units of plan targets, kept as written
PERCENT_UNITS: tuple[str, ...] = (PERCENT_POINT, PER_MILLE_POINT, PERCENT, PER_MILLE)
#: every way a statistic writes points
POINT_UNITS: tuple[str, ...] = (PERCENT_POINT, BARE_PERCENT_POINT, PER_MILLE_POINT, BARE_PER_MILLE_POINT)
#: percent-like units of statistics
STAT_PERCENT_UNITS: tuple[str, ...] = POINT_UNITS + (PERCENT, PER_MILLE)

# ---- unit words -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Units:
    """Unit words of one kind, by the side that reads them."""

    both: tuple[str, ...]
    plans: tuple[str, ...] = ()  # plan targets only
    stats: tuple[str, ...] = ()  # statistics facts only

    @property
    def plan(self) -> tuple[str, ...]:
        return self.both + self.plans

    @property
    def stat(self) -> tuple[str, ...]:
        return self.both + self.stats


MONEY = Units(both=("美元", "欧元", "港元", "元"), stats=("人民币",))
#: physical quantities (energy, area, weight, length, volume, containers, computing, bandwidth)
MEASURES = Units(
    both=("千瓦时", "千瓦", "吨标准煤", "吨标煤", "吨", "千克", "公斤", "斤", "平方公里", "平方千米", "平方米",
          "公顷", "亩", "公里", "千米", "立方米", "米", "标箱"),
    plans=("兆瓦", "TEU", "PFlops", "EFlops", "TFlops", "Pflops", "PFLOPS", "EFLOPS", "PF", "EF", "P", "Gbps", "Mbps"),
    stats=("标准煤", "千公顷", "吨公里", "标准箱", "℃", "克", "瓦", "度"),
)
#: concentrations
CONCENTRATIONS = Units(both=("微克/立方米", "毫克/立方米"), plans=("毫克/升",))
#: ages
AGES = Units(both=("岁",))
#: durations (办理时限压缩至45天以内): in a plan a level when they close a clause, not before a
#: noun (12天培训)
DURATIONS = Units(both=("天",), plans=("个工作日", "工作日", "分钟"), stats=("小时",))
#: a frequency (办事跑动次数控制在0.3次以内): in a plan a level only with a comparator or a
#: modifier, else it counts occasions (4次视察, 出现了12次)
FREQUENCIES = Units(both=("次",))
#: counted things
COUNTS = Units(
    both=("人次", "起", "人", "名", "个", "家", "件", "所", "座", "套", "户", "项", "处", "张", "辆", "场", "台",
          "条", "间", "栋", "支", "批", "只", "头", "株", "棵", "部", "艘", "架", "宗", "片", "位", "枚", "根",
          "盏", "块", "篇", "册"),
    plans=("家次", "批次", "场次", "款", "种", "类", "对", "笔", "口", "门", "期班", "例"),
    stats=("万人次", "辆次", "架次", "羽", "床", "班", "列", "双", "箱", "匹", "副", "罐", "瓶"),
)
#: per-unit levels written whole (所/万人, 元/人): statistics read them as one unit; plans read
#: any unit followed by a `DENOMINATOR`
PER_UNIT = Units(both=(), stats=("件/万人", "所/万人", "人/万人", "张/千人", "人/千人", "元/平方米", "元/人",
                                 "元/吨", "万元/人"))

#: unit words that stand for another, read as a unit and normalised to it. A synonym-spinning
#: mirror of a statistics article writes 人 as 东谈主 ("常住东谈主口跨越1亿东谈主"): the
#: statistics side reads 1.01亿东谈主 as 1.01亿人 (the spun text of the stats evaluation corpus
#: depends on it). Plans do not read synonyms.
UNIT_SYNONYMS: dict[str, str] = {"东谈主": "人"}

#: the plan side's unit words by kind (kind_of reads these)
MONEY_UNITS = MONEY.plan
MEASURE_UNITS = MEASURES.plan
DURATION_UNITS = DURATIONS.plan
FREQUENCY_UNITS = FREQUENCIES.plan
LEVEL_UNITS = CONCENTRATIONS.plan + AGES.plan + DURATION_UNITS + FREQUENCY_UNITS
COUNT_UNITS = COUNTS.plan

#: every base unit word statistics read (a multiplier may lead it), synonyms included
STAT_UNITS: tuple[str, ...] = (sum((k.stat for k in (MONEY, MEASURES, CONCENTRATIONS, AGES, DURATIONS,
                                                     FREQUENCIES, COUNTS, PER_UNIT)), ())
                               + tuple(UNIT_SYNONYMS))


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first (so that 千瓦时 is tried before 千瓦)."""
    return "|".join(re.escape(u) for u in sorted(words, key=len, reverse=True))


#: pattern (no group): a base unit word of statistics
STAT_UNIT_BODY = alternation(STAT_UNITS)

# ---- plan target patterns -------------------------------------------------------------------

#: denominators of a per-unit level (`所/万人`, `元/人`) or of a flow per time (`万吨/日`, `千瓦时/年`)
TIME_DENOMINATOR = r"(?:/(?:日|天|年|小时|时|月|秒))"
DENOMINATOR = r"(?:/(?:万|千|百)?(?:人|户|平方米|平方公里|亩|吨|千克)|" + TIME_DENOMINATOR + r")"

_BASE_RE = alternation(LEVEL_UNITS + MONEY_UNITS + MEASURE_UNITS + COUNT_UNITS)

#: the unit right after a number in a plan (multiplier, base unit, optional denominator) or a
#: percent unit
UNIT = re.compile(
    r"(?:" + "|".join(re.escape(u) for u in PERCENT_UNITS) + r"|" + TIMES
    + r"|" + MULTIPLIER + r"?(?:" + _BASE_RE + r")" + DENOMINATOR + r"?"
    r"|" + MULTIPLIER + r"(?=[\u4e00-\u9fff]))"  # a bare multiplier before a noun: 5万农村人口
)

#: the unit after a Chinese numeral in a plan: 万/亿 may lead it (三万亩, 五十亿元)
CN_UNIT = re.compile(
    r"(?:" + PERCENT_POINT + r"|" + TIMES + r"|" + CN_MULTIPLIER + r"?(?:" + _BASE_RE + r")" + DENOMINATOR + r"?)"
)

#: words after a unit that show the number names a thing (2号线, 500强, 1公里范围内, 4连冠)
NAME_AFTER_UNIT = re.compile(r"^(?:范围|以内的|周年|连冠|强|届|次会议|(?:重点)?(?:民生)?实事|(?:重点)?民生事项|方面)")

_PER_CAPITA = re.compile(r"人均|每人|户均|每万人|每千人|每百人|每户|每名|每平方")
_MULTIPLIER_AT = re.compile(MULTIPLIER)
_TIME_DENOMINATOR_END = re.compile(TIME_DENOMINATOR + "$")


def base_unit(unit: str | None) -> str | None:
    """The unit without its leading multiplier (`亿元` -> `元`)."""
    if not unit:
        return unit
    m = _MULTIPLIER_AT.match(unit)
    if m and len(unit) > m.end():
        return unit[m.end():]
    return unit


def kind_of(unit: str | None, indicator: str, is_rate: bool) -> str:
    """count, amount, ratio, rate or level of a plan target (docs/labelling.md)."""
    base = base_unit(unit)
    if base and _TIME_DENOMINATOR_END.search(base):  # a capacity (5万吨/日) is an amount
        base = base[:base.rindex("/")]
        if base in MONEY_UNITS or base in MEASURE_UNITS:
            return "amount"
    if base in PERCENT_UNITS:
        if is_rate:
            return "rate"
        return "ratio"
    if base is None or base == TIMES:
        return "ratio"
    if "/" in base or base in LEVEL_UNITS or base == "年" or _PER_CAPITA.search(indicator):
        return "level"
    if base in MONEY_UNITS or base in MEASURE_UNITS:
        return "amount"
    return "count"
