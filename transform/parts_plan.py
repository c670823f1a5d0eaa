"""The state machine that gives each line and sentence of a plan page its role (transform/parts.py
says how: headings, strong and weak sentence cues, the main targets' paragraph and list).

`PlanSplitter(plan_year, lines).run()` returns events (offset in the normalised text, role, year,
heading label) for transform/parts_spans.events_to_parts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from plangap.transform import parts_rules as R
from plangap.transform.parts_lines import Line
from plangap.transform.parts_rules import (
    FIVE_YEAR_GOALS,
    FORWARD_ROLES,
    OTHER,
    REVIEW_FIVE_YEAR,
    REVIEW_ROLES,
    REVIEW_YEAR,
    TARGETS_THIS_YEAR,
    WORK_PLAN,
)


@dataclass
class _Frame:
    level: float
    role: str | None  # the heading's own role (None: neutral)
    state: tuple  # (role, year, source) in force inside the frame
    label: str | None
    sealed: bool = False  # notes and glossaries: all `other`


#: how a state was set: by a heading, a strong sentence cue, a weak one
_HEAD, _STRONG_SRC, _WEAK_SRC = "heading", "strong", "weak"


def _family(role: str | None) -> str | None:
    if role in REVIEW_ROLES:
        return "review"
    if role in FORWARD_ROLES:
        return "forward"
    return None


class PlanSplitter:
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
            self.stack.append(_Frame(R.NOTES_LEVEL, OTHER, (OTHER, None, _HEAD), self.top.label, True))
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
