"""Word tables of the document model (transform/parts.py): the roles, and the words of headings
and sentences that name a role.

All patterns run on normalised text (transform/text/normalize.py: simplified characters, ASCII
digits and punctuation, no pinyin glosses), so `，` and `,`, `：` and `:` are both written.

Roles:
- REVIEW_YEAR: the review of the past year (过去一年, 2025年工作回顾, 一年来, 刚刚过去的2025年);
- REVIEW_FIVE_YEAR: the review of a five-year period (“十四五”时期, 过去五年, 五年来, 这五年);
- FIVE_YEAR_GOALS: the goals of the coming plan period (“十五五”时期主要目标, 今后五年, 到2030年);
- TARGETS_THIS_YEAR: this year's main expected targets (今年经济社会发展的主要预期目标是…);
- WORK_PLAN: this year's work (重点工作, 工作安排, 今年要重点抓好以下工作, 民生实事);
- STATISTICS: the sections and tables of a statistics page;
- OTHER: greeting, titles, closing, page chrome and glossaries (注释, 名词解释): no numbers are
  taken from them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from plangap.transform.text.guard import guarded

REVIEW_YEAR = "review_year"
REVIEW_FIVE_YEAR = "review_five_year"
FIVE_YEAR_GOALS = "five_year_goals"
TARGETS_THIS_YEAR = "targets_this_year"
WORK_PLAN = "work_plan"
STATISTICS = "statistics"
OTHER = "other"

#: the heading level (transform/parts_lines.py) of the notes a body line opens (注释：, 注：), on plan
#: and statistics pages: numbered items (1.) under them stay notes, a heading of （一） or higher ends them
NOTES_LEVEL = 3.5

ROLES = (REVIEW_YEAR, REVIEW_FIVE_YEAR, FIVE_YEAR_GOALS, TARGETS_THIS_YEAR, WORK_PLAN, STATISTICS, OTHER)
FORWARD_ROLES = frozenset({FIVE_YEAR_GOALS, TARGETS_THIS_YEAR, WORK_PLAN})
REVIEW_ROLES = frozenset({REVIEW_YEAR, REVIEW_FIVE_YEAR})

STRONG, WEAK = 2, 1

_CN_NUM = "一二三四五六七八九十"
_CN_DIGIT = {"〇": 0, "零": 0, "○": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
_ORDINAL = {"六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "十一": 11, "十二": 12, "十三": 13,
            "十四": 14, "十五": 15, "十六": 16, "十七": 17, "十八": 18, "十九": 19}

#: a five-year plan by its short name: “十四五”, 十五五, "十三五"
FYP = re.compile(r"[“\"‘']?(?<![〇零一二三四五六七八九])(十[一二三四五六七八九]?|[六七八九])五[”\"’']?(?![一二三四五六七八九十〇]|年)")
#: a year written with digits or Chinese digits (2026年, 二〇二六年)
YEAR = re.compile(r"((?:19|20)\d\d|[一二][〇零○O九][〇零○O一二三四五六七八九]{2})年(?![0-9]{1,2}月|[一二三四五六七八九十]{1,2}月)")


def fyp_end(ordinal: str) -> int | None:
    """The last year of the n-th five-year plan (十四 -> 2025, 十五 -> 2030, 十三 -> 2020)."""
    n = _ORDINAL.get(ordinal)
    return 1955 + 5 * n if n else None


def year_value(s: str) -> int | None:
    """2026 for `2026` or `二〇二六`."""
    if s.isdigit():
        return int(s)
    digits = [_CN_DIGIT.get(c) for c in s]
    if None in digits or len(digits) != 4:
        return None
    return int("".join(str(d) for d in digits))


# ---------------------------------------------------------------- headings ---------------------

#: numbering of heading lines, from the highest level down; `bare` lines have none
HEADING_STYLES = (
    ("part", re.compile(rf"^第[{_CN_NUM}]{{1,3}}(?:部分|章|篇)\s*")),
    ("cn", re.compile(rf"^[{_CN_NUM}]{{1,3}}\s*[、.．]\s*")),
    ("paren_cn", re.compile(rf"^[(（][{_CN_NUM}]{{1,3}}[)）]\s*")),
    ("digit", re.compile(r"^\d{1,2}\s*[、.．](?!\d)\s*")),
    ("paren_digit", re.compile(r"^[(（]\d{1,2}[)）]\s*")),
    ("circled", re.compile(r"^[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]\s*")),
)
#: a list item that is no heading (bullets)
BULLET = re.compile(r"^[●•·▪■◆◇○□▶►\-—*]\s*")
#: lines that are never headings: subtitles (——2026年1月27日在…), chrome with a colon
NOT_BARE = re.compile(r"^(?:——|--|――|【|\[|〔|\(|（)|[:：]|\d{4}-\d\d-\d\d|^\d+$")
BARE_MAX = 32
#: sentence punctuation that ends a body line (a bare heading has none at its end)
LINE_END_PUNCT = "。！？!?；;:：，,、…"

_GLOSSARY = re.compile(r"^(?:附件\d?[:：]?\s*)?(?:[《<][^》>]{0,20}[》>])?[^。]{0,12}?(?:名词解释|名词注释|名词释义|有关内容注释|注释|释义|附注|名词)\s*[:：]?$"
                       r"|^(?:注|说明)\s*[:：]")
#: a body line that opens notes or a glossary (注释：, 注：, 名词解释：)
GLOSSARY_LINE = re.compile(r"^(?:注释|注|说明|名词解释|名词注释|附注)\s*[:：]")
_CHROME = re.compile(r"相关报道|相关链接|相关新闻|责任编辑|编辑[:：]|来源[:：]|扫一扫|分享到|打印本页|关闭窗口|上一篇|下一篇")
TITLE = re.compile(r"^(?:\d{4}年)?[^。，,]{0,20}?(?:政府工作报告|工作报告|计划草案的报告|统计公报)(?:[(（]全文[)）])?$")
_REVIEW_HEAD = re.compile(r"回顾|成就|总结|执行情况|完成情况|取得的成绩|过去一年|过去的一年|过去五年|过去的五年|五年来|一年来|主要工作情况|工作进展")
_YEAR_WORDS = re.compile(r"过去一年|过去的一年|一年来|上年|去年|本年度|年度")
_FIVE_WORDS = re.compile(r"过去五年|过去的五年|五年来|本届政府|五年工作|五年发展")
_AHEAD_WORDS = re.compile(r"今后五年|未来五年|今后一个时期|中长期")
_TARGET_HEAD = re.compile(r"预期目标|主要目标|发展目标|目标任务|年度目标|工作目标|主要指标")
_WORK_HEAD = re.compile(r"重点工作|工作安排|主要工作|工作任务|重点任务|工作部署|主要任务|工作思路|工作建议"
                        r"|总体要求|民生实事|民生实事项目|实事项目|工作重点|重点做好|抓好|今年|明年")


@dataclass(frozen=True)
class HeadingRole:
    """The role a heading's words name. `generic`: named only by words that also title parts
    of other sections (办好民生实事 in a review, 总结推广 in a work plan): such a heading does
    not turn a section of the other family (review / forward-looking) around. `sealed`: notes
    and glossaries (注释, 名词解释): everything under them is `other`, whatever its words."""

    role: str | None
    year: int | None = None
    generic: bool = False
    sealed: bool = False


_STRONG_REVIEW = re.compile(r"回顾|过去|年来|执行情况|发展成就|工作成就")


def heading_role(text: str, plan_year: int | None) -> HeadingRole:
    """The role a heading's words name; role None for a neutral heading.

    `year` is the reviewed year (review_year), the last year of a named plan (review_five_year,
    five_year_goals: 十五五 -> 2030) or of 到2030年, or the plan year."""
    t = text.strip()
    if _GLOSSARY.search(t):
        return HeadingRole(OTHER, sealed=True)
    if _CHROME.search(t):
        return HeadingRole(OTHER)
    if TITLE.search(t) and not _TARGET_HEAD.search(t) and not _WORK_HEAD.search(t):
        return HeadingRole(OTHER)
    fyps = [(m.start(), fyp_end(m.group(1))) for m in FYP.finditer(t)]
    years = [(m.start(), year_value(m.group(1))) for m in YEAR.finditer(t)]
    plan_named = plan_year is not None and any(y == plan_year for _, y in years)
    if _REVIEW_HEAD.search(t):
        role, year = _review_kind(t, plan_year, fyps, years)
        strong = _STRONG_REVIEW.search(t) or any(y and plan_year and y < plan_year for _, y in years) \
            or any(e and plan_year and e < plan_year for _, e in fyps)
        return HeadingRole(role, year, not strong)
    ahead = _AHEAD_WORDS.search(t)
    future = [(p, e) for p, e in fyps if e and (plan_year is None or e >= plan_year)]
    in_course = future and plan_year is not None and all(e - 4 < plan_year for _, e in future)
    if in_course and not ahead and (not _TARGET_HEAD.search(t) or plan_named):
        future = []  # the plan in its course (“十四五”规划重大项目 in 2024): goals only when said
    if future or ahead:
        pos = min([p for p, _ in future] + ([ahead.start()] if ahead else []))
        end = next((e for p, e in future if p == pos), None)
        return HeadingRole(FIVE_YEAR_GOALS, end or (plan_year + 4 if plan_year else None))
    later = [y for _, y in years if y and plan_year and y > plan_year + 1]
    if later and re.search(r"(?:到|至|面向)\s*" + str(later[0]), t):
        return HeadingRole(FIVE_YEAR_GOALS, later[0])
    this_year = plan_named or "今年" in t
    if _TARGET_HEAD.search(t) and not re.search(r"重点工作|工作安排|主要工作|重点任务|主要任务", t):
        return HeadingRole(TARGETS_THIS_YEAR, plan_year, not this_year)
    if _WORK_HEAD.search(t) or this_year or _TARGET_HEAD.search(t):
        return HeadingRole(WORK_PLAN, plan_year, not this_year)
    return HeadingRole(None)


def _review_kind(t: str, plan_year: int | None, fyps: list, years: list) -> tuple[str, int | None]:
    """A review heading: of the year or of the five years, whichever it names first."""
    year_hits = [p for p, y in years if y and (plan_year is None or y < plan_year)]
    year_hits += [m.start() for m in _YEAR_WORDS.finditer(t)]
    five_hits = [p for p, e in fyps if e]
    five_hits += [m.start() for m in _FIVE_WORDS.finditer(t)]
    if five_hits and (not year_hits or min(five_hits) < min(year_hits)):
        end = next((e for p, e in fyps if e), None)
        return REVIEW_FIVE_YEAR, end or (plan_year - 1 if plan_year else None)
    y = next((y for p, y in years if y and (plan_year is None or y < plan_year)), None)
    return REVIEW_YEAR, y or (plan_year - 1 if plan_year else None)


# ---------------------------------------------------------------- sentences --------------------

@dataclass(frozen=True)
class Cue:
    """A role named by the words at the start of a sentence."""

    role: str
    strength: int  # STRONG or WEAK
    pos: int  # offset of the cue in the sentence
    year: int | None = None  # as in heading_role
    tasks: bool = False  # a work plan's list of tasks opens (重点抓好以下工作), not its preamble


#: how far into a sentence its cue may stand (after a lead-in such as 报告指出, / 陈吉宁说,)
CUE_WINDOW = 40
#: a lead-in before the cue words: 各位代表！, ——, spaces
LEAD_IN = re.compile(r"^[\s——\-―]*(?:各位代表[!！,，]\s*)?")

#: the cue patterns are guarded (text/guard.py): each is searched in the window of every sentence
_STRONG = [
    (OTHER, guarded(r"^各位代表[:：]|我代表[^。]{0,12}(?:人民政府|政府|委员会)[^。]{0,8}报告|请予审议"
                    r"|让我们[^。]{0,16}(?:团结|携手|凝心)")),
    (REVIEW_YEAR, guarded(r"过去(?:的)?一年|一年来|这一年|刚刚过去的(?:一年)?|回顾(?:了)?(?=\d{4}年)"
                          r"|(?<=\d{4}年)(?:工作)?回顾|(?<!今)年度(?:工作)?回顾")),
    (REVIEW_FIVE_YEAR, guarded(r"五年来|5年来|这五年|过去(?:的)?五年|过去5年|(?<!今后)(?<!未来)五年间|五年历程"
                               r"|(?<!今后)(?<!未来)(?<!今后的)(?<!未来的)五年发展|(?<!今后)(?<!未来)的五年"
                               r"|本届政府(?:以来|任期)|回望|回首(?=[^。]{0,6}五)")),
    (FIVE_YEAR_GOALS, guarded(r"今后(?:的)?五年|未来(?:的)?五年|今后5年|未来5年")),
    (TARGETS_THIS_YEAR, guarded(r"(?:主要)?预期(?:性)?目标(?:是|为|如下|[:：])|主要目标(?:是|为|[:：])"
                                r"|发展目标(?:是|为|[:：])|(?:主要|预期)指标(?:是|为|[:：])")),
    (WORK_PLAN, guarded(r"今年是|今年(?:政府|全年|的)?工作|今年要|今年(?:我们)?将|重点(?:做好|抓好)"
                        r"|着力(?:做好|抓好)|(?:做好|抓好)以下|总体要求是|工作的总体要求")),
]
#: work-plan cues that open the list of tasks (they end a targets section)
TASKS = re.compile(r"重点(?:做好|抓好)|着力(?:做好|抓好)|(?:做好|抓好)以下|今年要|今年(?:我们)?将")
_WEAK = [
    (REVIEW_YEAR, guarded(r"去年|上年(?!同期|末)|预计全年|初步(?:统计|核算|测算)|据统计|预计(?=[,，]|完成)"
                          r"|上半年|前三季度|一季度|1[-至~]\d{1,2}月|统计局|同比")),
    (WORK_PLAN, guarded(r"今年|明年|本年度|年内")),
]
#: a year at the head of a clause (2019年, / 报告表示,2023年四川省…), not a date (2026年1月27日)
_CLAUSE_YEAR = guarded(r"(?:^|[,，:：;；])\s*((?:19|20)\d\d)年(?![0-9]{1,2}月|[一二三四五六七八九十]{1,2}月|底|末|以来|以前|前)")
_TO_YEAR = re.compile(r"(?:到|至)((?:19|20)\d\d|[一二][〇零○][〇零○一二三四五六七八九]{2})年")
_YEAR_IS = re.compile(r"((?:19|20)\d\d)年是")
_FYP_CUE = guarded(FYP.pattern + r"(?P<tail>开局|开好局|良好开局|起步|收官|时期|期间|以来|规划|[,，。是的要])")
#: any of the cue patterns above: most sentences hold none, and one search tells
_ANY_CUE = guarded("|".join(rx.pattern for rx in [*(rx for _role, rx in _STRONG + _WEAK),
                                                  _FYP_CUE, _TO_YEAR, _YEAR_IS, _CLAUSE_YEAR]))


def sentence_cue(sentence: str, plan_year: int | None) -> Cue | None:
    """The cue of a sentence: its first strong cue within CUE_WINDOW characters, else its first
    weak cue there; None when it names no role. A title line (2026年…政府工作报告) is `other`."""
    bare = sentence.strip()
    if TITLE.search(bare) or (len(bare) <= 40 and _CHROME.search(bare)):
        return Cue(OTHER, STRONG, 0)
    lead = LEAD_IN.match(sentence)
    off = lead.end() if lead else 0
    window = sentence[off:off + CUE_WINDOW]
    if not _ANY_CUE.search(window):
        return None
    found: list[Cue] = []
    for role, rx in _STRONG:
        m = rx.search(window)
        if m:
            found.append(Cue(role, STRONG, off + m.start(), tasks=bool(TASKS.match(window, m.start()))))
    found += _fyp_cues(window, off, plan_year)
    found += _year_cues(window, off, plan_year)
    strong = [c for c in found if c.strength == STRONG]
    if strong:
        return min(strong, key=lambda c: c.pos)
    for role, rx in _WEAK:
        m = rx.search(window)
        if m:
            found.append(Cue(role, WEAK, off + m.start()))
    weak = [c for c in found if c.strength == WEAK]
    return min(weak, key=lambda c: c.pos) if weak else None


#: words that tell how far a plan in its course has come (a review, not its goals)
_PROGRESS = re.compile(r"进展|符合预期|序时|完成情况|顺利|总体|已经|基本完成|超额|提前")
#: how far into a sentence a five-year plan's name may stand to be its subject
FYP_AT_HEAD = 6


def _fyp_cues(window: str, off: int, plan_year: int | None) -> list[Cue]:
    """“十四五”时期是… (a past plan: review), “十五五”时期… (the coming plan: goals): the plan's
    name must open the sentence, or be followed by its goals."""
    out = []
    for m in _FYP_CUE.finditer(window):
        end = fyp_end(m.group(1))
        if not end:
            continue
        goals_follow = re.match(r"[^。]{0,12}目标", window[m.end():])
        if m.start() > FYP_AT_HEAD and not goals_follow:
            continue
        if plan_year is not None and end - 4 < plan_year <= end and (
                not goals_follow or _PROGRESS.search(window, m.end())):
            continue  # the plan in its course (2024: “十四五”规划主要目标进展顺利)
        tail = m.group("tail")
        if tail in ("开局", "开好局", "良好开局", "起步", "收官"):
            continue  # 实现“十三五”良好开局, “十四五”收官之年: a year, said elsewhere
        if plan_year is not None and end < plan_year:
            out.append(Cue(REVIEW_FIVE_YEAR, STRONG, off + m.start(), end))
        else:
            out.append(Cue(FIVE_YEAR_GOALS, STRONG, off + m.start(), end))
    return out


def _year_cues(window: str, off: int, plan_year: int | None) -> list[Cue]:
    if plan_year is None:
        return []
    out = []
    m = _YEAR_IS.search(window)
    if m:
        y = int(m.group(1))
        if y == plan_year:
            out.append(Cue(WORK_PLAN, STRONG, off + m.start(), y))
        elif y == plan_year - 1:
            out.append(Cue(REVIEW_YEAR, STRONG, off + m.start(), y))
    for m in _TO_YEAR.finditer(window):
        to = year_value(m.group(1))
        if to and to > plan_year + 1:
            out.append(Cue(FIVE_YEAR_GOALS, WEAK, off + m.start(), to))
    for m in _CLAUSE_YEAR.finditer(window):
        y = int(m.group(1))
        if y == plan_year:
            out.append(Cue(WORK_PLAN, WEAK, off + m.start(1), y))
        elif plan_year - 3 <= y < plan_year:
            out.append(Cue(REVIEW_YEAR, WEAK, off + m.start(1), y))
    return out
