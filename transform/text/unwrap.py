"""Unwrapping hard-wrapped lines: text cut into lines of a fixed width (PDF to text, mirrors that
keep the print layout), where a line break may fall inside a sentence, a word or a number.

There are two unwrappers, and they stay two because they answer different questions at different
stages and a merge would change which lines are joined:

- `width_wrap_breaks(original, every)` runs inside the normaliser (`normalize`), on the original
  text, for every extractor. A block of lines is hard-wrapped when most of its long lines have
  about the same display width and end without sentence punctuation; in such a block it
  finds the breaks that cut a number or its unit (`达到8\\n6%以上`, `120公\\n里`) and, with `every`
  (the target extractor's `join_wraps`), every break after a full-width line. It works block by
  block and needs lines of one width.
- `unwrap_prose(nt, table_spans)` runs in the fact extractor, on the normalised text, after the
  tables are known. A whole page is hard-wrapped when enough of its prose lines (16+ characters
  with a comma) stop mid-sentence while the next line goes on, and one break falls inside a
  number (`进口125.7亿\\n元`); then every such prose line is joined to the next, whatever its
  width, and table lines are left alone. It decides once per page and ignores widths.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from plangap.transform.text.charmap import FULLWIDTH, HSPACE, t2s
from plangap.transform.units import CN_MULTIPLIER, PER_MILLE, PERCENT, PERCENT_POINT, UNIT

if TYPE_CHECKING:
    from plangap.transform.text.normalize import NormText

# ---- width_wrap_breaks ----------------------------------------------------------------------

_SENTENCE_PUNCT = "。！？；：!?;:…”」』)）"
#: a line ends inside a number (`达到8`, `完成1.2`, `5万`, `29.5微克/立方`, `120公`)
_NUM_AT_END = re.compile(r"\d+(?:\.\d*)?[^\d\s]{0,6}$")
#: a number with its unit, read across a break
_UNIT_AT = re.compile(r"\d+(?:\.\d+)?(?:" + UNIT.pattern + r")")
_WRAP_MIN_LINES = 6
_WRAP_MIN_WIDTH = 40  # display columns of a full line (20 characters)

#: a line that opens a paragraph or a list item: a wrap never falls before it
_NEW_PARAGRAPH = re.compile(
    r"^(?:[" + HSPACE + r"]|[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}[、.．](?!\d)"
    r"|[●■◆▲•·※]|第[一二三四五六七八九十]+[章节部分条])"
)
#: a field of a page header (`note: …`, `来源：…`): a line of its own
_FIELD_LINE = re.compile(r"^[" + HSPACE + r"]*[A-Za-z\u4e00-\u9fff]{1,8}[" + HSPACE + r"]*[:：]")


def _width(line: str) -> int:
    """Display columns: two for a CJK or full-width character, one for ASCII."""
    return 2 * len(line) - len(line.encode("latin-1", "ignore"))


def _wrap_width(lines: list[str]) -> int | None:
    """The width a block of lines was cut at when it is hard-wrapped (PDF to text): most long
    lines have about the same width and end without sentence punctuation; else None.
    One-cell-per-line tables (short lines) and one-paragraph-per-line texts (lines end in `。`)
    are not hard-wrapped."""
    long = [(w, ln) for ln in lines if "|" not in ln and (w := _width(ln.rstrip())) >= _WRAP_MIN_WIDTH]
    if len(long) < _WRAP_MIN_LINES:
        return None
    open_ended = [w for w, ln in long if ln.rstrip()[-1] not in _SENTENCE_PUNCT]
    if len(open_ended) * 3 < len(long) * 2 or len(open_ended) < _WRAP_MIN_LINES:
        return None
    ws = sorted(open_ended)
    mid = ws[len(ws) // 2]
    similar = sum(1 for w in ws if abs(w - mid) <= mid * 0.15)
    return mid if similar * 3 >= len(ws) * 2 else None


def _blocks(lines: list[str]) -> list[list[int]]:
    """The runs of non-blank lines (indexes into `lines`)."""
    block: list[int] = []
    blocks: list[list[int]] = []
    for k, ln in enumerate(lines):
        if ln.strip(HSPACE):
            block.append(k)
        elif block:
            blocks.append(block)
            block = []
    if block:
        blocks.append(block)
    return blocks


def _cuts_number(left: str, right: str) -> bool:
    """Whether the break between `left` and `right` cuts a number or its unit."""
    tail = _NUM_AT_END.search("".join(FULLWIDTH.get(c, c) for c in left[-14:]))
    if not tail:
        return False
    table = t2s()
    lt = "".join(table.get(c, c) for c in tail.group(0))
    rt = "".join(table.get(c, c) for c in (FULLWIDTH.get(c, c) for c in right[:12]))
    if lt[-1] == "." and rt[0].isdigit():
        return True  # a decimal point at the end of the line: PM2.\n5
    # the number with its unit reads on into the next line: 8|6%, 5万|吨/年, 1200家|次
    m = _UNIT_AT.match(lt + rt)
    return m is not None and m.end() > len(lt)


def width_wrap_breaks(original: str, every: bool) -> set[int]:
    """Offsets of soft line breaks (and the white space around them) of hard-wrapped text (see
    `_wrap_width`): a break that cuts a number or its unit (`达到8\\n6%以上`, `完成1.2\\n万吨`,
    `120公\\n里`), and with `every` also a break after a full-width line that ends without
    sentence punctuation before a line that does not open a new paragraph."""
    out: set[int] = set()
    if "\n" not in original:
        return out
    lines = original.split("\n")
    if len(lines) < _WRAP_MIN_LINES:
        return out
    starts = [0]
    for ln in lines[:-1]:
        starts.append(starts[-1] + len(ln) + 1)
    whole: list[int | None] = []  # the width of the whole text, for blocks too small to tell
    for block in _blocks(lines):
        if len(block) < 2:
            continue
        width = _wrap_width([lines[k] for k in block])
        if width is None and len(block) < 2 * _WRAP_MIN_LINES:
            if not whole:
                whole.append(_wrap_width(lines))
            width = whole[0]
        if width is None:
            continue
        for k, nxt in zip(block, block[1:]):
            left = lines[k].rstrip(HSPACE)
            right = lines[nxt].lstrip(HSPACE)
            if len(left.strip(HSPACE)) < 6 or not right or left[-1] in _SENTENCE_PUNCT or "|" in left + right:
                continue
            if not _cuts_number(left, right) and not (
                    every and _width(left) >= width * 0.85 and not _FIELD_LINE.match(left)
                    and not _NEW_PARAGRAPH.match(lines[nxt])):
                continue
            a = starts[k] + len(left)
            b = starts[nxt] + (len(lines[nxt]) - len(right))
            out.update(range(a, b))
    return out


# ---- unwrap_prose ---------------------------------------------------------------------------

#: the end of a line that closes its sentence or is a heading's last word
_LINE_CLOSED = "。;；!！?？:）)”\"」】"
_LIST_START = re.compile(r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．](?!\d)|【|注)")
_PROSE = re.compile(r"[,，]")
#: a line that goes on with text (a character, a number, a quote)
_GOES_ON = re.compile(r"[\u3400-\u9fff\d.%‰“]")
#: the rest of a number or its unit at the start of the next line (335. / 2亿元, 63.1 / 亿元)
_SPLIT_NUMBER = re.compile(r"[\u3400-\u9fff][^\S\n]*\d[\d,]*(?:\.\d*)?[^\S\n]*\n[^\S\n]*(?:\d|"
                           rf"{PERCENT}|{PER_MILLE}|{CN_MULTIPLIER}?(?:元|美元)|亿|万(?:人|户|吨|千瓦)|{PERCENT_POINT})")


def unwrap_prose(nt: NormText, table_spans: list[tuple[int, int]]) -> NormText:
    """The text with the line breaks of hard-wrapped prose removed (PDF text: `进口125.7亿\\n元，增长1.6%`).

    A page is hard-wrapped when at least three of its prose lines (16+ characters with a comma)
    stop mid-sentence, at least 30% of them, while the next line goes on with text, and at least
    one break falls inside a number or between a number and its unit; on such a page every prose
    line that stops mid-sentence is joined to the next one. Pages written one sentence or one
    phrase to a line keep their lines. `table_spans` are spans of the original text."""
    text = nt.text
    if "\n" not in text:
        return nt
    lines: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    tables = [(bisect.bisect_left(nt.index, a), bisect.bisect_left(nt.index, b)) for a, b in table_spans]
    joins: list[int] = []
    prose = 0
    for k, (a, b) in enumerate(lines[:-1]):
        line = text[a:b].strip()
        if len(line) < 16 or not _PROSE.search(line) or "|" in line or any(x <= a < y for x, y in tables):
            continue
        prose += 1
        na, nb = lines[k + 1]
        nxt = text[na:nb].strip()
        if (line[-1] not in _LINE_CLOSED and nxt and _GOES_ON.match(nxt)
                and not _LIST_START.match(nxt) and not any(x <= na < y for x, y in tables)):
            joins.append(b)
    # (counted on the original: the normaliser may have joined a split number already)
    if len(joins) < 3 or len(joins) < 0.3 * prose or not _SPLIT_NUMBER.search(nt.original):
        return nt
    drop = set(joins)
    keep = [i for i in range(len(text)) if i not in drop]
    return replace(nt, text="".join(text[i] for i in keep), index=tuple(nt.index[i] for i in keep) + (nt.index[-1],))
