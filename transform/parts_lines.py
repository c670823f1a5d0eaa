"""Lines of a page for the document model (transform/parts.py): which are headings, at which
level, with which title.

Levels (0 = top): bare lines and headings known from markup 0, 第一部分 1, 一、 2, （一） 3,
1. 4, (1) 5, ① 6. A numbered heading's title is its first sentence; what follows on the same
line (`（一）精准施策稳经济。面对…`) is body text of the section. A bare heading is a short line
(at most BARE_MAX characters) with a CJK character and no end punctuation, after a line that
ended a sentence or was a heading; in hard-wrapped text (PDF text layers) only lines much
shorter than the wrap width can be bare headings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from plangap.transform.parts_rules import BARE_MAX, BULLET, HEADING_STYLES, LINE_END_PUNCT, NOT_BARE

LEVELS = {"bare": 0, "part": 1, "cn": 2, "paren_cn": 3, "digit": 4, "paren_digit": 5, "circled": 6}
_CJK = re.compile(r"[\u4e00-\u9fff]")
_TITLE_MAX = 60
#: a line that ends a sentence (the next line can start a heading)
_CLOSED = tuple("。！？!?:：;；") + ("”", "\"", "）", ")")


@dataclass(frozen=True)
class Line:
    """One non-empty line of the normalised text.

    `start`: its offset in the normalised text; `style`/`level`: its heading style and level,
    None for body lines; `title`: a heading's title without its numbering; `body_start`: the
    offset where run-in body text starts on a heading line, None when there is none."""

    start: int
    text: str
    style: str | None = None
    level: int | None = None
    title: str | None = None
    body_start: int | None = None
    full: bool = False  # a line of hard-wrapped text that fills the wrap width (the next goes on)


def scan_lines(text: str, markup_headings: set[int] | None = None) -> list[Line]:
    """The non-empty lines of `text`, headings marked. `markup_headings`: line starts of
    headings known from HTML markup."""
    raw: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            raw.append((pos, line))
        pos += len(line) + 1
    width = _wrap_width([ln for _, ln in raw])
    bare_max = BARE_MAX if width is None else min(BARE_MAX, int(width * 0.6))
    out: list[Line] = []
    prev_closed = True
    for start, line in raw:
        item = _numbered(start, line)
        if item is None and _is_bare(line, prev_closed, bare_max, start in (markup_headings or ())):
            stripped = line.strip()
            item = Line(start, line, "bare", 0, stripped[:_TITLE_MAX], None)
        full = width is not None and len(line.strip()) >= width - 1
        out.append(item or Line(start, line, full=full))
        tail = line.rstrip()
        prev_closed = item is not None or tail.endswith(_CLOSED) or not _CJK.search(tail)
    return out


def _numbered(start: int, line: str) -> Line | None:
    lead = len(line) - len(line.lstrip())
    s = line.strip()
    for style, rx in HEADING_STYLES:
        m = rx.match(s)
        if not m:
            continue
        rest = s[m.end():]
        if not rest or not _CJK.search(rest[:12] or rest):
            return None
        cut = _first_stop(rest)
        title = rest[:cut].strip()[:_TITLE_MAX]
        body_at = m.end() + cut + 1
        body = s[body_at:] if cut < len(rest) else ""
        body_start = start + lead + body_at if body.strip() else None
        return Line(start, line, style, LEVELS[style], title, body_start)
    return None


def _first_stop(rest: str) -> int:
    """End of a heading's title: the first sentence end, else the whole line."""
    m = re.search(r"[。！？!?]", rest)
    return m.start() if m else len(rest)


def _is_bare(line: str, prev_closed: bool, bare_max: int, from_markup: bool) -> bool:
    s = line.strip().strip("|").strip()
    if from_markup:
        return 1 <= len(s) <= _TITLE_MAX and not s.endswith("。")
    if not prev_closed or not (2 <= len(s) <= bare_max) or not _CJK.search(s):
        return False
    return not (s.endswith(tuple(LINE_END_PUNCT)) or NOT_BARE.search(s) or BULLET.match(s))


def _wrap_width(lines: list[str]) -> int | None:
    """The wrap width of hard-wrapped text (most long lines end without punctuation), else
    None."""
    long_lines = [ln.strip() for ln in lines if len(ln.strip()) >= 20]
    if len(long_lines) < 6:
        return None
    open_ends = [ln for ln in long_lines if not ln.endswith(tuple(LINE_END_PUNCT) + ("”", "）", ")"))]
    if len(open_ends) < 0.5 * len(long_lines):
        return None
    widths = sorted(len(ln) for ln in open_ends)
    return widths[len(widths) // 2]
