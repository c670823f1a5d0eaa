"""The document model: every page split into its parts before any number is read.

A plan page (a government work report, an annual plan, a news item about one) is split into
parts, each with a role and a period (roles: transform/parts_rules.py):

    review_year        2025年工作回顾, 过去一年, 一年来       period "2025" (plan year - 1)
    review_five_year   “十四五”时期, 过去五年, 这五年          period "2021/2025"
    five_year_goals    “十五五”时期主要目标, 今后五年, 到2030年  period "2026/2030", horizon 2030
    targets_this_year  今年…主要预期目标是：                 period "2026", horizon 2026
    work_plan          重点工作, 工作安排, 民生实事            period "2026", horizon 2026
    other              greeting, title, closing, chrome, 注释/名词解释 glossaries
    statistics         the sections of a statistics page    period from the title or registry

How the role of a stretch of text is found:
1. Headings: numbered lines (第一部分, 一、, （一）, 1., (1), ①) and bare short lines without
   end punctuation (“十四五”时期工作回顾, 2026年重点工作, 附件, 注释). Bare lines rank above
   numbered ones. A heading whose words name a role (transform/parts_rules.heading_role) sets it
   until the next heading of the same or a higher level; a neutral heading takes the state of
   its parent at that point. A neutral sub-section hands its state back to its parent when it
   closes; an explicit one does not (its siblings go back to the parent's role), except at the
   top, where the state flows from one section to the next.
2. Sentences: the words at the start of a sentence (过去一年, 五年来, “十五五”时期是, 今年是,
   主要预期目标是, 重点做好…工作) switch the role from that sentence on (strong cues). Weak cues
   (a bare year 2019年, 今年, 去年, 预计全年, 到2030年) only decide where nothing firmer did: in
   the preamble, on pages without headings (news items), or after other weak cues; and they
   only switch between the review and the forward-looking families.
3. The main targets (…主要预期目标是：) hold for their paragraph, and for the list under it when
   the paragraph ends in a colon; after it, the text is the work plan again.
4. Text before the first role (the greeting, the title, page chrome) is `other`.

Offsets: parts are spans of `Document.text` (the same text whose offsets Target.start/end and
Fact.start/end are given in); matching runs on the normalised text (transform/text/normalize),
and the boundaries are mapped back. Parts cover the text without gaps or overlaps.

The plan year is the argument when given, else it is read from the document (resolve_plan_year).
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from plangap.transform import parts_rules as R
from plangap.transform.parts_lines import Line, scan_lines
from plangap.transform.parts_rules import (
    FIVE_YEAR_GOALS,
    FORWARD_ROLES,
    OTHER,
    REVIEW_FIVE_YEAR,
    REVIEW_ROLES,
    REVIEW_YEAR,
    ROLES,
    STATISTICS,
    TARGETS_THIS_YEAR,
    WORK_PLAN,
)
from plangap.transform.parts_year import resolve_plan_year, statistics_period
from plangap.transform.records import Document
from plangap.transform.text.normalize import NormText, normalize

__all__ = [
    "Part", "split_parts", "part_at", "forward_looking", "review", "resolve_plan_year", "ROLES",
    "REVIEW_YEAR", "REVIEW_FIVE_YEAR", "FIVE_YEAR_GOALS", "TARGETS_THIS_YEAR", "WORK_PLAN",
    "STATISTICS", "OTHER",
]


@dataclass(frozen=True)
class Part:
    """A span [start, end) of Document.text with one role.

    `period`: the period the part is about, in the labels' format ("2025", "2021/2025",
    "2026/2030"; statistics pages: "2020", "2020-01/2020-09"); None when unknown.
    `horizon`: the year by which a forward-looking part's targets are due (the plan year, or
    the last year of the five-year plan); None for reviews and other parts.
    `heading`: the innermost heading over the part (its first sentence), None before any."""

    start: int
    end: int
    role: str
    period: str | None
    horizon: int | None
    heading: str | None


def forward_looking(role: str) -> bool:
    """Parts whose numbers can be targets: five_year_goals, targets_this_year, work_plan."""
    return role in FORWARD_ROLES


def review(role: str) -> bool:
    """Parts whose numbers report what happened: review_year, review_five_year."""
    return role in REVIEW_ROLES


def part_at(parts: Sequence[Part], offset: int) -> Part | None:
    """The part holding `offset` (an offset of Document.text), None outside the text."""
    i = bisect.bisect_right([p.start for p in parts], offset) - 1
    if i < 0 or offset >= parts[i].end:
        return None
    return parts[i]


def split_parts(doc: Document, plan_year: int | None = None, kind: str | None = None,
                period: str | None = None) -> list[Part]:
    """Split `doc.text` into parts.

    `kind`: "plan" or "statistics"; guessed from the title and the head of the text when None.
    `plan_year`: the plan's year (plan pages); read from the document when None.
    `period`: the period of a statistics page (from the registry); read from its title when None.
    A plan page read by both its target and its review reader is split once for both by
    transform/parts_page.py.
    """
    if not doc.text:
        return []
    nt = normalize(doc.text)
    if (kind or guess_kind(doc, nt.text)) == "statistics":
        lines = scan_lines(nt.text, _html_heading_starts(doc, nt))
        return _to_parts(_statistics_events(lines, statistics_period(doc, nt.text, period)), nt, len(doc.text))
    return split_plan(doc, nt, plan_year if plan_year is not None else resolve_plan_year(doc, nt.text))


def split_plan(doc: Document, nt: NormText, plan_year: int | None) -> list[Part]:
    """The parts of plan page `doc` as a plan of `plan_year` (no year read from the text here).
    `nt`: `normalize(doc.text)`."""
    lines = scan_lines(nt.text, _html_heading_starts(doc, nt))
    return _to_parts(_Splitter(plan_year, lines).run(), nt, len(doc.text))


# ----------------------------------------------------------------------------------------------

_STATS_TITLE = re.compile(r"统计公报|统计年鉴|经济运行|运行情况|运行简况|统计局|统计数据|主要统计指标|数据发布")
_PLAN_TITLE = re.compile(r"政府工作报告|工作报告|计划草案|发展计划|预期目标|重点工作|民生实事|规划|纲要|行动方案")


def guess_kind(doc: Document, text: str) -> str:
    """"statistics" when the title (or first line) names a statistics release, or the head of
    the page does and names no plan; else "plan". Callers that know the kind pass it."""
    first = next((ln for ln in text.split("\n") if ln.strip()), "")
    title = normalize(" ".join(filter(None, [doc.title, doc.meta.get("信息名称"), first]))).text
    if _STATS_TITLE.search(title) and not _PLAN_TITLE.search(title):
        return "statistics"
    head = normalize(text[:200]).text
    if _STATS_TITLE.search(head) and not _PLAN_TITLE.search(head) and not _PLAN_TITLE.search(title):
        return "statistics"
    return "plan"


def _html_heading_starts(doc: Document, nt) -> set[int]:
    """Line starts (normalised text) of headings known from markup."""
    out: set[int] = set()
    for h in doc.headings:
        i = bisect.bisect_left(nt.index, h.start)
        out.add(nt.text.rfind("\n", 0, i) + 1)
    return out


@dataclass
class _Frame:
    level: float
    role: str | None  # the heading's own role (None: neutral)
    state: tuple  # (role, year, source) in force inside the frame
    label: str | None
    sealed: bool = False  # notes and glossaries: all `other`


#: the level of notes opened by a body line (注释：, 注：): numbered items (1.) under them stay
#: notes, a heading of （一） or higher ends them
NOTES_LEVEL = 3.5
#: how a state was set: by a heading, a strong sentence cue, a weak one
_HEAD, _STRONG_SRC, _WEAK_SRC = "heading", "strong", "weak"


def _family(role: str | None) -> str | None:
    if role in REVIEW_ROLES:
        return "review"
    if role in FORWARD_ROLES:
        return "forward"
    return None


class _Splitter:
    """The state machine over the lines of a plan page (see the module doc)."""

    def __init__(self, plan_year: int | None, lines: list[Line]) -> None:
        self.plan_year = plan_year
        self.lines = lines
        self.structured = sum(1 for ln in lines if ln.level is not None and ln.style != "bare") >= 2
        self.stack = [_Frame(-1, None, (None, None, None), None)]
        self.events: list[tuple[int, str | None, int | None, str | None]] = []
        self.list_mode = False
        self.targets_open = False  # a targets paragraph goes on on the next line (hard wraps)

    def run(self) -> list[tuple]:
        for ln in self.lines:
            if self.list_mode and self._continues_list(ln):
                self._emit(ln.start)
                continue
            self.list_mode = False
            if ln.level is not None:
                self.targets_open = False
                self._heading(ln)
                if ln.body_start is not None:
                    self._body(ln, ln.body_start)
            else:
                self._body(ln, ln.start)
        return self._resolved()

    @property
    def top(self) -> _Frame:
        return self.stack[-1]

    def _emit(self, pos: int) -> None:
        role, year, _ = self.top.state
        self.events.append((pos, role, year, self.top.label))

    def _heading(self, ln: Line) -> None:
        assert ln.level is not None
        named = R.heading_role(ln.title or "", self.plan_year)
        while len(self.stack) > 1 and self.top.level >= ln.level:
            child = self.stack.pop()
            parent = self.top
            if child.sealed and not parent.sealed:
                continue  # notes end with their heading: what they say does not flow on
            if child.role is None or parent.role in (None, OTHER) or len(self.stack) == 1:
                parent.state = child.state
        inherited = self.top.state
        if inherited[0] == TARGETS_THIS_YEAR and self.top.role != TARGETS_THIS_YEAR:
            inherited = (WORK_PLAN, self.plan_year, inherited[2])
        role = named.role
        if named.generic and _family(inherited[0]) not in (None, _family(role)):
            role = None  # 办好民生实事 inside a review: the review goes on
        sealed = named.sealed or self.top.sealed
        if sealed:
            role = OTHER
        state = (role, named.year, _HEAD) if role is not None else inherited
        self.stack.append(_Frame(ln.level, role, state, ln.title, sealed))
        self._emit(ln.start)

    def _body(self, ln: Line, start: int) -> None:
        """Sentence cues of one paragraph; targets hold to its end (and the list it opens)."""
        targets_here = False
        if not self.top.sealed and R.GLOSSARY_LINE.match(ln.text[start - ln.start:].strip()):
            self.stack.append(_Frame(NOTES_LEVEL, OTHER, (OTHER, None, _HEAD), self.top.label, True))
        if self.top.sealed:
            self._emit(start)
            return
        restore = None
        for i, (s_start, sentence) in enumerate(_sentences(ln.text, start - ln.start)):
            cue = R.sentence_cue(sentence, self.plan_year)
            if cue is not None and self._switches(cue):
                if i > 0 and restore is None and self.top.state[2] == _HEAD \
                        and _family(cue.role) not in (None, _family(self.top.state[0])):
                    restore = self.top.state  # a sentence against its section: this paragraph only
                self.top.state = (cue.role, self._cue_year(cue),
                                  _STRONG_SRC if cue.strength == R.STRONG else _WEAK_SRC)
                targets_here = targets_here or cue.role == TARGETS_THIS_YEAR
            self._emit(ln.start + s_start)
        if restore is not None:
            self.top.state = restore
            return
        targets_here = targets_here or self.targets_open
        self.targets_open = False
        if targets_here and self.top.state[0] == TARGETS_THIS_YEAR and self.top.role != TARGETS_THIS_YEAR:
            tail = ln.text.rstrip()
            if tail.endswith((":", "：")) or (len(tail) <= 40 and not tail.endswith("。")):
                self.list_mode = True
                return
            if not tail.endswith(_PARAGRAPH_END) or ln.full:
                self.targets_open = True  # a hard-wrapped paragraph: its next line is still it
                return
            self.top.state = (WORK_PLAN, self.plan_year, _STRONG_SRC)

    def _switches(self, cue: R.Cue) -> bool:
        role, _, source = self.top.state
        if self.top.role == TARGETS_THIS_YEAR and cue.role == WORK_PLAN and not cue.tasks:
            return False  # 2026年是…开局之年 under “2026年工作总体要求和主要目标”: still the targets
        if cue.strength == R.STRONG:
            return True
        if role is None or role == OTHER:
            return True
        if self.structured and source != _WEAK_SRC:
            return False
        return _family(cue.role) != _family(role)

    def _cue_year(self, cue: R.Cue) -> int | None:
        if cue.year is not None:
            return cue.year
        if cue.role in (WORK_PLAN, TARGETS_THIS_YEAR):
            return self.plan_year
        if cue.role == REVIEW_YEAR and self.plan_year:
            return self.plan_year - 1
        if cue.role == REVIEW_FIVE_YEAR and self.plan_year:
            return self.plan_year - 1
        if cue.role == FIVE_YEAR_GOALS and self.plan_year:
            return self.plan_year + 4
        return None

    def _continues_list(self, ln: Line) -> bool:
        """A line of the targets list: a bullet or numbered item, or a short line."""
        t = ln.text.strip()
        if ln.style in ("part", "cn", "paren_cn"):
            return False
        cue = R.sentence_cue(t, self.plan_year)
        if cue is not None and cue.strength == R.STRONG and cue.role != TARGETS_THIS_YEAR:
            return False
        if R.BULLET.match(t) or ln.style in ("digit", "paren_digit", "circled"):
            return True
        return len(t) <= 60

    def _resolved(self) -> list[tuple]:
        """Undecided text before the first role is `other`; a page with no cue at all is a
        plan of its year (a bare list of targets)."""
        if not any(role is not None for _, role, _, _ in self.events):
            return [(pos, WORK_PLAN, self.plan_year, label) for pos, _, _, label in self.events]
        return [(pos, role if role is not None else OTHER, year, label)
                for pos, role, year, label in self.events]


_SENTENCE_END = re.compile(r"[。！？!?]+[”’\"」）)]*")
_PARAGRAPH_END = tuple("。！？!?") + ("”", "\"", "）", ")")
_ADDRESS = re.compile(r"(?:各位代表|同志们|各位委员)[!！?？。]+")


def _sentences(text: str, from_offset: int) -> list[tuple[int, str]]:
    """(offset in the line, sentence) of the sentences of a line from `from_offset` on; an
    address (各位代表！) opens the sentence after it."""
    out, start = [], from_offset
    for m in _SENTENCE_END.finditer(text, from_offset):
        piece = text[start:m.end()]
        if m.end() > start and piece.strip() and not _ADDRESS.fullmatch(piece.strip()):
            out.append((start, piece))
            start = m.end()
    if text[start:].strip():
        out.append((start, text[start:]))
    return out or [(from_offset, text[from_offset:])]


def _statistics_events(lines: list[Line], period: str | None) -> list[tuple]:
    """Statistics pages: every section is `statistics`, notes and glossaries are `other`, and a
    quoted statement of targets (…主要预期目标是：) is `targets_this_year` for its paragraph."""
    events: list[tuple] = []
    state, label = STATISTICS, None
    sealed_above: float | None = None  # notes hold until a heading of this level or higher
    for ln in lines:
        if ln.level is not None:
            if sealed_above is not None and ln.level > sealed_above:
                events.append((ln.start, OTHER, None, label))
                continue
            sealed_above = ln.level if R.heading_role(ln.title or "", None).sealed else None
            state = OTHER if sealed_above is not None else STATISTICS
            label = ln.title
            events.append((ln.start, state, period, label))
            continue
        if R.GLOSSARY_LINE.match(ln.text.strip()):
            state, sealed_above = OTHER, NOTES_LEVEL
        cue = R.sentence_cue(ln.text, None)
        if cue is not None and cue.role == TARGETS_THIS_YEAR:
            m = R.YEAR.search(ln.text)
            events.append((ln.start, TARGETS_THIS_YEAR, R.year_value(m.group(1)) if m else None, label))
        else:
            events.append((ln.start, state, period, label))
    return events


def _period(role: str, year) -> tuple[str | None, int | None]:
    """(period, horizon) of a part from its role and year (a period string on statistics)."""
    if role == STATISTICS:
        return year, None
    if year is None:
        return None, None
    if role == REVIEW_YEAR:
        return str(year), None
    if role == REVIEW_FIVE_YEAR:
        return f"{year - 4}/{year}", None
    if role == FIVE_YEAR_GOALS:
        return f"{year - 4}/{year}", year
    if role in (TARGETS_THIS_YEAR, WORK_PLAN):
        return str(year), year
    return None, None


def _to_parts(events: list[tuple], nt, n: int) -> list[Part]:
    """Merge runs of equal events and map their starts back to Document.text."""
    merged: list[tuple[int, str, str | None, int | None, str | None]] = []
    for pos, role, year, label in events:
        role_period, horizon = _period(role, year)
        start = nt.index[min(pos, len(nt.text))] if pos > 0 else 0
        item = (start, role, role_period, horizon, label)
        if merged and merged[-1][1:] == item[1:]:
            continue
        if merged and merged[-1][0] == start:
            merged[-1] = item
            continue
        merged.append(item)
    if not merged:
        return [Part(0, n, OTHER, None, None, None)]
    parts = []
    for i, (start, role, per, hor, label) in enumerate(merged):
        end = merged[i + 1][0] if i + 1 < len(merged) else n
        if i == 0:
            start = 0
        if end > start:
            parts.append(Part(start, end, role, per, hor, label))
    return parts
