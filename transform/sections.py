"""Heading paths of plan texts: which section a sentence of a plan belongs to.

Works on the lines of `Document.text` (`一`, `二、...`, `(一)...`, `第一部分...`, a bare numeral
line followed by its title line); HTML pages render their headings as lines of the same text, and
their `Document.headings` (bold or <hN> lines) that no text pattern recognises are added as
sub-headings (or top headings when the text has no numbered ones). The path of
an offset is `<top numeral> <top title> / <sub heading> / <run-in lead>`, e.g.
`二 推动产业转型,加快提质增效 / 攻坚重大项目`: the run-in lead is the short phrase ending in `。`
that opens the paragraph.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_CN = "一二三四五六七八九十"
_BARE_NUMERAL = re.compile(rf"^[{_CN}]{{1,3}}$")
_TOP = re.compile(rf"^(?:第[{_CN}]{{1,3}}部分|[{_CN}]{{1,3}}[、.．])\s*(.*)$")
_TOP_NUM = re.compile(rf"^(第[{_CN}]{{1,3}}部分|[{_CN}]{{1,3}})[、.．]?\s*")
_SUB = re.compile(rf"^([(（][{_CN}]{{1,3}}[)）])\s*(.*)$")
_RUN_IN = re.compile(r"^([^。,，;；:：!?！？\n]{2,24})。")
_MAX_TITLE = 40
_NEWLINE = re.compile("\n")


@dataclass(frozen=True)
class _Mark:
    start: int
    level: int  # 1 top, 2 sub
    label: str


class SectionIndex:
    """Heading marks of one text, queried by offset."""

    def __init__(self, text: str, extra: list[tuple[int, str]] | None = None) -> None:
        """`extra`: (line start offset, text) of headings known from markup (HTML)."""
        self.text = text
        self.marks: list[_Mark] = _detect(text)
        if extra:
            self.marks = _merge(text, self.marks, extra)
        self._starts = [m.start for m in self.marks]
        self._line_starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]

    def heading_lines(self) -> set[int]:
        """Start offsets of the lines that are headings (no targets are read from them)."""
        return {m.start for m in self.marks}

    def path_at(self, offset: int) -> str | None:
        """The heading path of the paragraph holding `offset`, with its run-in lead."""
        parts: list[str] = []
        i = bisect.bisect_right(self._starts, offset) - 1
        top = sub = None
        while i >= 0:
            m = self.marks[i]
            if m.level == 2 and sub is None and top is None:
                sub = m
            elif m.level == 1:
                top = m
                break
            i -= 1
        if top:
            parts.append(top.label)
        if sub:
            parts.append(sub.label)
        lead = self._run_in(offset)
        if lead and (not parts or lead not in parts[-1]):
            parts.append(lead)
        return " / ".join(parts) or None

    def _run_in(self, offset: int) -> str | None:
        li = bisect.bisect_right(self._line_starts, offset) - 1
        start = self._line_starts[li]
        end = self.text.find("\n", start)
        line = self.text[start:end if end >= 0 else len(self.text)]
        stripped = line.strip()
        if _SUB.match(stripped) or _TOP.match(stripped):
            return None
        m = _RUN_IN.match(stripped)
        if not m or start + (len(line) - len(line.lstrip())) + m.end() > offset:
            return None
        return m.group(1).strip()


def _detect(text: str) -> list[_Mark]:
    marks: list[_Mark] = []
    lines: list[tuple[int, str]] = []
    pos = 0
    for raw in text.split("\n"):
        lines.append((pos, raw))
        pos += len(raw) + 1
    n = len(lines)
    i = 0
    while i < n:
        start, raw = lines[i]
        line = raw.strip().strip("|").strip()
        if not line:
            i += 1
            continue
        if _BARE_NUMERAL.match(line):
            j = i + 1
            while j < n and not lines[j][1].strip():
                j += 1
            title = lines[j][1].strip() if j < n else ""
            if title and len(title) <= _MAX_TITLE and "。" not in title and not _TOP.match(title):
                marks.append(_Mark(start, 1, f"{line} {title}"))
                i = j + 1
                continue
            marks.append(_Mark(start, 1, line))
        elif _TOP.match(line) and len(_first_sentence(line)) <= _MAX_TITLE + 10:
            num = _TOP_NUM.match(line)
            assert num is not None  # _TOP matched
            title = _first_sentence(line[num.end():])
            marks.append(_Mark(start, 1, f"{num.group(1)} {title}".strip()))
        elif m := _SUB.match(line):
            title = _first_sentence(m.group(2))
            if title:
                marks.append(_Mark(start, 2, f"{m.group(1)}{title}"))
        i += 1
    return marks


def _first_sentence(s: str) -> str:
    s = s.strip()
    cut = s.find("。")
    if cut >= 0:
        s = s[:cut]
    return s[:_MAX_TITLE + 20]


def _merge(text: str, marks: list[_Mark], extra: list[tuple[int, str]]) -> list[_Mark]:
    covered = {m.start for m in marks}
    for m in marks:  # the title line after a bare numeral belongs to its mark
        if _BARE_NUMERAL.match(text[m.start:].split("\n", 1)[0].strip()):
            nxt = text.find("\n", m.start)
            while nxt >= 0 and nxt + 1 < len(text) and not text[nxt + 1:].split("\n", 1)[0].strip():
                nxt = text.find("\n", nxt + 1)
            if nxt >= 0:
                covered.add(nxt + 1)
    level = 2 if any(m.level == 1 for m in marks) else 1
    first_line_end = text.find("\n")
    added = [_Mark(start, level, _first_sentence(label)) for start, label in extra
             if start not in covered and label.strip() and not (start == 0 and first_line_end != -1)]
    return sorted(marks + added, key=lambda m: m.start)
