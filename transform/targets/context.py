"""Is a number a goal for a coming period, or a review of the past? And which year?

Plans and work reports mix a review of last year (actuals) with this year's targets. The
class of a number is read from cue words: the last cue before the number in its sentence,
else the first cue after it, else the cue state carried over from the preceding sentences
(a review paragraph stays a review until a target cue appears, and the other way round).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from plangap.transform.text.guard import guarded
from plangap.transform.units import PERCENT, PERCENT_POINT

TARGET, REVIEW, OTHER = "target", "review", "other"

# cue words (on normalised, simplified text)
_REVIEW_WORDS = (
    r"(?:完成|实现|达到)了[^。,，;；]{0,30}?目标(?:任务)?|确定的(?:主要)?目标(?:任务)?|(?<![在比较与同])(?:去年|上年度|上一年)|过去一年|过去的一年|过去五年|过去5年|五年来|5年来|一年来|回顾|初步统计|初步核算"
    r"|执行情况|完成情况|上年同期|以来|截至|截止|已经|已完成|已建成|已全部|累计|按可比价格计算|两年平均"
    r"|同比|比上年末|上年末|(?<![到至])年末|预计全年|预计完成|上半年|前三季度|一季度|[1１]-\d{1,2}月|[1１]至\d{1,2}月|统计公报"
    # a statistics office reporting (据市统计局…, 统计局数据显示), not named as a responsible unit
    r"|据[^,，。;；]{0,8}统计局|统计局(?=官方|数据|公布|发布|消息|显示|初步|统计|核算|测算|最新|公报)"
    # 比上年增长6.3% states an actual; 比上年增长6%左右 can be a target
    rf"|比上年(?:增长|下降|提高|减少|上升|增加)(?=(?>\d+(?:\.\d+)?(?:{PERCENT}|{PERCENT_POINT})?)(?!左右|以上|以内|以下))"
    r"|(?:完成|实现|达到|增长|下降|提高|突破|超过|建成|新增|增加|减少|翻)了"
    # the reviewed year's own targets: 低于年初预期目标, 完成年度目标的112%, 实事全面完成
    r"|(?:低于|高于|好于|快于|慢于|超出|未完成|未达到)(?:年初|年度|全年)(?:确定的|设定的|制定的)?(?:预期)?(?:目标|计划)"
    r"|年初(?:确定的|设定的|制定的)?(?:预期)?目标|完成(?:年度|全年)(?:目标|计划)(?:任务)?的(?=\d)"
    r"|超额完成|(?:实事|实事项目|民生事项)(?:全面|全部|顺利|圆满|如期)?(?:完成|办结|落实到位)"
)
_TARGET_WORDS = (
    r"今年|明年|本年度|年内|预期目标|主要目标|目标是|目标为|工作安排|安排建议|计划草案|草案"
    r"|力争|确保|争取|力求|建议|今后|下一步|重点任务|实事(?!求是)|民生事项|重点工作|总体要求"
    r"|(?<!截)(?<!截止)到(?:本)?年(?:底|末)"
    r"|将(?=新增|新建|实施|完成|启动|建成|开工|达到|突破|继续|全力|推动|办好|建设|改造|新开|打造)"
)
# forecasts and figures of others than the plan's own region, and the present stock (现有…)
_OTHER_WORDS = (
    r"国际货币基金组织|IMF|世界银行|全球经济|世界经济|全国经济|全国GDP|现有|目前|当前|已有"
    r"|(?:部门|机构|组织|统计局|研究院|研究所|智库|专家)(?:初步)?(?:预计|预测|估计|测算)"
)

#: a past year inside a qualifier of a noun (对2000年底前建成的老旧小区, 2010年以前出生的): the
#: year dates the thing, it does not make the sentence a review
_YEAR_QUALIFIER = re.compile(
    r"(?:底|末|初)?(?:以前|之前|前(?![一二三四1-4]季|[0-9一二三四五六七八九十两]+个?月|半年|三季)|以后|之后)"
    r"[^,，。;；、:：\n]{0,14}?的(?=[\u4e00-\u9fff])")

#: a note of the units in charge (（牵头单位：区统计局）): names, not cues
_DUTY_NOTE = re.compile(r"[(（](?:牵头|责任|配合|主责|协办|参与|实施|主办)(?:单位|部门)[^)）]*[)）]")

_FYP_NAME = r"[“\"]?(?P<fyp>十[一二三四五六七八九]?|[六七八九])五[”\"]?(?=时期|期间|以来|规划|末)"

_CUE = guarded(  # text/guard.py: no common start for the regex engine
    rf"(?P<review>{_REVIEW_WORDS})|(?P<target>{_TARGET_WORDS})|(?P<other>{_OTHER_WORDS})"
    r"|(?P<to>到|至)?(?P<year>(?:19|20)\d\d)年(?!远景目标|\d{1,2}月\d|[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]|以来|基准|度?[^\n。]{0,6}?执行情况)"
    rf"|{_FYP_NAME}"
)
_YEAR_CONTEXT = re.compile(
    r"((?:19|20)\d\d)年(?!远景)[^。\n]{0,40}?(?:预期目标|主要目标|目标任务|工作安排|计划草案|发展计划|重点工作"
    r"|民生实事|民生事项|实事项目|工作总体要求|工作的总体要求|政府工作要求|工作要点)"
)
_YEAR_AFTER_CONTEXT = re.compile(
    r"(?:今年|预期目标|主要目标|工作要求|工作安排)[^。\n]{0,20}?((?:19|20)\d\d)年(?!\d{1,2}月)")
_YEAR_REVIEWED = re.compile(r"((?:19|20)\d\d)年[^。\n]{0,12}?(?:工作回顾|回顾|执行情况|工作总结)")
_YEAR_ANY = re.compile(r"((?:19|20)\d\d)年")
_DATE_YEAR = re.compile(r"((?:19|20)\d\d)-\d\d-\d\d")
_CN_ORDINAL = {"六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "十一": 11, "十二": 12, "十三": 13, "十四": 14,
               "十五": 15, "十六": 16, "十七": 17, "十八": 18, "十九": 19}
#: a five-year plan in a title: 第十四个五年规划, “十四五”规划, 十四五…规划; or a dated plan (2021-2025年)
_FYP_NTH = re.compile(r"第(十[一二三四五六七八九]?|[六七八九])个五年(?:规划|计划)")
_FYP_SHORT = re.compile(
    r"(?<![〇零一二三四五六七八九十])[“\"]?(十[一二三四五六七八九]?|[六七八九])五[”\"]?[^。\n]{0,30}?(?:规划|计划)")
#: titles of reviews of a multi-year plan (中期评估, 实施情况): not a plan
_PLAN_REVIEW = re.compile(r"评估|总结|执行情况|实施情况|完成情况")
_DATED_PLAN = re.compile(r"((?:19|20)\d\d)\s*(?:年)?\s*[-—–~至到]+\s*((?:19|20)\d\d)\s*年?[)）]?[^。\n]{0,30}?(?:规划|计划|方案|纲要)"
                         r"|(?:规划|计划|方案|纲要)[^。\n]{0,6}?[(（]((?:19|20)\d\d)\s*[-—–~至到]+\s*((?:19|20)\d\d)\s*年?[)）]")


#: a heading of its own line that opens the statement of goals (一、目标任务, （一）工作目标)
_GOAL_HEADING = re.compile(
    r"(?:[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[、.．]|[(（]\d{1,2}[)）])?\s*"
    r"(?:工作|主要|发展|总体|年度|具体)?目标(?:任务)?")
#: the cues of the coming years (今后五年): a 累计 after them is a total goal of the period
_AHEAD = re.compile(r"今后|力争|确保|争取|力求")
#: the end of the current year (到年底, 到本年末): the plan year, named
_YEAR_END = re.compile(r"到(?:本)?年(?:底|末)")
#: the years of the plan's own period before 累计 (三年累计, 5年累计)
_PERIOD_TOTAL = re.compile(r"(?:[两三四五六七八九十]|\d{1,2})年(?:内|间)?$")


def five_year_end(ordinal: str) -> int | None:
    """The last year of the n-th five-year plan (十四 -> 2025)."""
    n = _CN_ORDINAL.get(ordinal)
    return 1955 + 5 * n if n else None


def plan_period(title: str | None, text: str) -> tuple[int, int] | None:
    """(first, last) year of a multi-year plan named in its title or first line: 第十四个五年规划 ->
    (2021, 2025); 规划(2021-2025年) -> (2021, 2025). None for annual plans and reports."""
    first_line = next((ln for ln in text.split("\n") if ln.strip()), "")
    for head in (title or "", first_line):
        if _PLAN_REVIEW.search(head):
            continue
        m = _FYP_NTH.search(head) or _FYP_SHORT.search(head)
        if m:
            end = five_year_end(m.group(1))
            if end:
                return end - 4, end
        d = _DATED_PLAN.search(head)
        if d:
            a, b = (int(d.group(1)), int(d.group(2))) if d.group(1) else (int(d.group(3)), int(d.group(4)))
            if a < b <= a + 15:
                return a, b
    return None


@dataclass(frozen=True)
class Cue:
    pos: int
    end: int
    cls: str
    year: int | None = None


def plan_year(text: str, doc_year: int | None, published: str | None) -> int | None:
    """The year the plan is about: a year named with target words, else the page's year."""
    found = [int(m.group(1)) for m in _YEAR_CONTEXT.finditer(text)]
    found += [int(m.group(1)) for m in _YEAR_AFTER_CONTEXT.finditer(text)]
    found = [y for y in found if not _is_execution(text, y)]
    if found:
        return max(found)
    reviewed = [int(m.group(1)) for m in _YEAR_REVIEWED.finditer(text)]
    if doc_year and not (reviewed and doc_year <= max(reviewed)):
        return doc_year
    if reviewed:
        return max(reviewed) + 1
    if published:
        return int(published[:4])
    m = _DATE_YEAR.search(text[:600])
    if m:
        return int(m.group(1))
    years = Counter(int(m.group(1)) for m in _YEAR_ANY.finditer(text))
    if not years:
        return None
    last = max(years)
    if re.search(rf"{last}年[^。\n]*?(?:比上年|同比|按可比价格|两年平均|初步核算|初步统计|完成了|实现了)", text):
        return last + 1
    return last


def _is_execution(text: str, year: int) -> bool:
    return bool(re.search(rf"{year}年[^。\n]{{0,20}}执行情况", text)) and bool(
        re.search(rf"{year + 1}年[^。\n]{{0,20}}(?:计划|草案)", text))


def sentence_cues(sentence: str, year: int | None, first: int | None = None,
                  carry: Cue | None = None) -> list[Cue]:
    """The cues of one sentence in reading order. `year`: the plan year (the last year of a
    multi-year plan); `first`: the first year of a multi-year plan (earlier years are reviews);
    `carry`: the cue carried over from the sentences before (a named target year of the paragraph
    makes a leading 累计 part of the goal)."""
    cues: list[Cue] = []
    if _GOAL_HEADING.fullmatch(sentence.strip()):
        return [Cue(0, len(sentence), TARGET)]  # 一、目标任务: the section states the goals
    masked = [(r.start(), r.end()) for r in _DUTY_NOTE.finditer(sentence)]
    for m in _CUE.finditer(sentence):
        if any(a <= m.start() < b for a, b in masked):
            continue
        if m.group("fyp"):
            end = five_year_end(m.group("fyp"))
            if end is None or year is None:
                continue
            if end < (first or year):  # an earlier period: 十三五时期 in a 十四五 plan or a 2021 report
                cues.append(Cue(m.start(), m.end(), REVIEW))
            elif first is not None and end <= year + 20:  # the period of a multi-year plan itself
                cues.append(Cue(m.start(), m.end(), TARGET))
            continue
        if m.group("year"):
            y = int(m.group("year"))
            before = sentence[max(0, m.start() - 1):m.start()]
            if before in ("比", "较", "与", "于", "从") or year is None:
                continue
            if y < (first or year):
                if _YEAR_QUALIFIER.match(sentence, m.end()):
                    continue  # 对2000年底前建成的小区: the year qualifies a noun
                cues.append(Cue(m.start(), m.end(), REVIEW))
            elif y > year + 20:
                continue
            else:
                cues.append(Cue(m.start(), m.end(), TARGET, y))
        elif m.group("review"):
            last = cues[-1] if cues else carry
            if m.group("review") == "累计" and last is not None and last.cls == TARGET \
                    and (last.year is not None or _AHEAD.fullmatch(sentence[last.pos:last.end])) \
                    and not any(c.cls == REVIEW for c in cues):
                continue  # 到2026年…累计完成投资300亿元: a cumulative goal of the named year
            if m.group("review") == "累计" and first is not None \
                    and _PERIOD_TOTAL.search(sentence, 0, m.start()) and not any(c.cls == REVIEW for c in cues):
                continue  # 三年累计培训3万人次 in a three-year plan: a total over the plan's own period
            if m.group("review") == "同比" and last is not None and last.cls == TARGET \
                    and not any(c.cls == REVIEW for c in cues):
                continue  # 全年完成投资18亿元，同比增长9%: a growth goal in a statement of targets
            cues.append(Cue(m.start(), m.end(), REVIEW))
        elif m.group("target"):
            # 到年底…累计建成52万亩: the end of the plan year is a named year
            named = year if _YEAR_END.fullmatch(m.group("target")) else None
            cues.append(Cue(m.start(), m.end(), TARGET, named))
        else:
            cues.append(Cue(m.start(), m.end(), OTHER))
    return cues


def class_at(cues: list[Cue], pos: int, state: Cue | None) -> Cue | None:
    """The cue deciding a number at `pos`: the last before it, else the first after it."""
    before = [c for c in cues if c.end <= pos]
    if before:
        last = before[-1]
        if last.year is not None and any(c.cls == OTHER for c in before):
            return next(c for c in reversed(before) if c.cls == OTHER)
        return last
    if cues:
        return cues[0]
    return state


def year_of(cues: list[Cue], pos: int, state_year: int | None, plan: int | None) -> int | None:
    """A named year (到2022年, 2027年) in the sentence before `pos`, else the running year."""
    for c in reversed([c for c in cues if c.end <= pos]):
        if c.year is not None:
            return c.year
    for c in cues:
        if c.year is not None and c.pos > pos:
            return c.year
    return state_year or plan
