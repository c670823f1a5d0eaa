"""Numbers of a statistics page that are no reported figures (docs/labelling.md, "Non-facts"):
targets and aims quoted, completion against a plan or the calendar, unit conversions, norms,
survey scopes, definitions, worked examples, promises, rank moves and page counters."""
from __future__ import annotations

from plangap.transform.facts.context import PageContext
from plangap.transform.facts.patterns import (
    AIM,
    BRACKETED,
    COMPLETION,
    CONVERSION_AFTER,
    CONVERSION_BEFORE,
    COUNTER,
    EXAMPLE,
    EXPLAINS,
    HYPOTHETICAL,
    INDEX,
    METHOD_DEF,
    NORM_RANGE_AFTER,
    NORM_RANGE_BEFORE,
    PLEDGE_QUOTE,
    RANK_MOVE,
    RANK_SHIFT,
    RANK_UNITS,
    RANK_WORDS,
    REPORTS,
    SCHEDULE,
    SCOPE_DEF,
    SENTENCE_END,
    SURVEY_SCOPE,
    TARGET_AFTER,
    TARGET_NEAR,
    TARGETS_AHEAD,
    THRESHOLD_DEF,
    UNITLESS_LEVEL,
    VOCABULARY,
    WORKED_CHANGE,
)
from plangap.transform.facts.tokens import Token


def is_target_context(before: str, after: str) -> bool:
    """A completion ratio of a target (完成年度目标任务的65%) or a target named nearby."""
    return (bool(TARGET_NEAR.search(before)) or bool(COMPLETION.search(before))
            or bool(TARGET_AFTER.match(after)))


def is_aim(segment_before: str) -> bool:
    """力争/争取 earlier in the number's segment: a figure aimed at, not one reported."""
    return bool(AIM.search(segment_before))


def is_conversion(segment_before: str, after: str) -> bool:
    """A number on either side of a unit conversion (1公顷=15亩, 按5公斤鲜薯折1公斤)."""
    return bool(CONVERSION_BEFORE.search(segment_before)) or bool(CONVERSION_AFTER.match(after))


def is_norm_range(before: str, after: str) -> bool:
    """A normal holding or a reasonable range a figure is compared with (正常保有量（3.80万头）)."""
    return bool(NORM_RANGE_BEFORE.search(before)) or bool(NORM_RANGE_AFTER.match(after))


def is_survey_scope(segment_before: str) -> bool:
    """A count of what a survey covers (调查涵盖8大类、268个基本分类)."""
    return bool(SURVEY_SCOPE.search(segment_before))


def is_definition(before: str) -> bool:
    """A number in a definition (统计起点为年主营业务收入2000万元) states a threshold, not a fact."""
    return bool(THRESHOLD_DEF.search(before)) or bool(METHOD_DEF.search(before))


def is_scope_definition(sentence_before: str) -> bool:
    """A number after a definition of what a statistic covers, in the same sentence."""
    matches = list(SCOPE_DEF.finditer(sentence_before))
    return bool(matches) and not REPORTS.search(sentence_before[matches[-1].end():])


def is_example(sentence_before: str, sentence_after: str = "") -> bool:
    """A number of a worked example (假设…; 例如/比如/如/即… in a sentence that explains a term, or
    that works a change through: 例如,价格指数由100上升到102,表示上涨2%)."""
    if HYPOTHETICAL.search(sentence_before):
        return True
    if not EXAMPLE.search(sentence_before):
        return False
    return bool(EXPLAINS.search(sentence_before)) or bool(WORKED_CHANGE.search(sentence_before + sentence_after))


def is_pledge_quote(sentence_before: str) -> bool:
    """A number inside a quoted promise, target or plan (承诺的“新增学位3000个”)."""
    return bool(PLEDGE_QUOTE.search(sentence_before))


def is_schedule_progress(segment_before: str) -> bool:
    """A number that compares completion with the share of the year gone (超序时进度…)."""
    return bool(SCHEDULE.search(segment_before))


def is_rank_move(unit: str | None, segment_before: str, sentence_before: str) -> bool:
    """N位 / N名 after a verb of moving, in a sentence about a rank."""
    if unit not in RANK_UNITS or not RANK_MOVE.search(segment_before):
        return False
    return bool(RANK_SHIFT.search(segment_before)) or bool(RANK_WORDS.search(sentence_before))


def is_page_counter(before: str) -> bool:
    """A number right after 浏览/阅读/点击/访问 with an optional colon: page chrome."""
    return bool(COUNTER.search(before))


def is_reported(page: PageContext, t: Token, seg_start: int, sent_start: int = 0, indicator: str = "") -> bool:
    text = page.nt.text
    if TARGETS_AHEAD.search(text[sent_start:t.start]):
        return False  # 主要预期目标是: ... the rest of the sentence sets targets
    if t.unit is None and not t.is_ratio:
        if _worked_example(page, t, sent_start):
            return False  # 例如,价格指数由100上升到102: the index levels of an example
        return (bool(INDEX.search(text[max(seg_start, t.start - 8):t.start]))
                or bool(UNITLESS_LEVEL.search(BRACKETED.sub("", indicator))))
    if VOCABULARY.search(indicator):
        return False
    before = text[max(0, t.start - 16):t.start]
    if is_aim(text[seg_start:t.start]) or _aim_ahead(page, sent_start, seg_start):
        return False  # 力争达到3.1%: a target quoted in a statistics page
    if is_page_counter(text[max(0, t.start - 10):t.start]):
        return False  # 浏览：1,204次: the page's view counter
    if is_schedule_progress(text[seg_start:t.start]):
        return False  # 超序时进度2.4个百分点: completion against the calendar
    if is_rank_move(t.unit, text[seg_start:t.start], text[sent_start:t.start]):
        return False  # 排名第6位,比上年前移1位: a rank's move
    if is_target_context(before, text[t.end:t.end + 8]):
        return False
    if is_conversion(text[seg_start:t.start], text[t.end:t.end + 12]):
        return False  # 1公顷=15亩, 按5公斤鲜薯折1公斤: a unit conversion
    if is_norm_range(before, text[t.end:t.end + 8]) or is_survey_scope(text[seg_start:t.start]):
        return False  # 正常保有量（3.80万头）, 调查涵盖…268个基本分类: a standard, a survey's scope
    if is_definition(text[max(seg_start, t.start - 30):t.start]):
        return False
    sentence_before = text[sent_start:t.start]
    if is_scope_definition(sentence_before) or _worked_example(page, t, sent_start):
        return False  # 统计范围为…（部分行业为1000万元…）, 例如由5%上升到6%: a definition, an example
    return not is_pledge_quote(sentence_before)  # 承诺的“新增学位3000个”: the figure of a promise


def _worked_example(page: PageContext, t: Token, sent_start: int) -> bool:
    """Whether `t` belongs to a worked example of its sentence (see fact_patterns.is_example)."""
    text = page.nt.text
    sent_end = SENTENCE_END.search(text, t.end)
    rest = text[t.start:sent_end.start() if sent_end else len(text)].split("\n")[0]
    return is_example(text[sent_start:t.start], rest)


def _aim_ahead(page: PageContext, sent_start: int, seg_start: int) -> bool:
    """Whether an earlier segment of the sentence aims at a figure (力争全年投资增长7%以上,规上
    工业总产值突破1300亿元): the aim governs the list that follows it."""
    return sent_start < seg_start and is_aim(page.nt.text[sent_start:seg_start])
