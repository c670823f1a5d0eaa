"""Normalise mirror noise for matching while keeping a map back to the original text.

Extractors match their patterns on `NormText.text` and report clauses as spans of the
original (`NormText.original_span`), so every clause stays an exact substring of the input.

What is normalised:
- pinyin glosses after characters: lowercase pinyin with tone marks, one word or several separated
  by spaces (`經(jīng)濟(jì)` -> `經濟`, `億(yi)(yi)` -> `億`, `一號線（yī hào xiàn）` -> `一號線`,
  `細顆粒物（xì kē lì wù，即PM2.5）` -> `細顆粒物（即PM2.5）`); `(GDP)` is not a gloss;
- traditional characters -> simplified, one character for one character;
- full-width digits, letters, `％`, `．`, `，`-free forms -> ASCII (`２０２０` -> `2020`);
- horizontal white space, except between two ASCII letters or digits (`49. 5亿 元` -> `49.5亿元`);
  digit groups broken by a line wrap or grouped by thousands are joined when the first group has
  1-3 digits right after a CJK character and each next group has 3 digits or is the last one,
  followed directly by a unit or CJK character (`学位6 000个` -> `6000个`, `企业1 20家` -> `120家`);
  numbers in table rows (`| 12 15 |`) stay apart;
- footnote markers glued to the text (`[20]`, `［21］`);
- in hard-wrapped text (PDF to text: the long lines of a block have about the same width and most
  end without sentence punctuation), a line break inside a number or its unit (`达到8\n6%以上`,
  `完成1.2\n万吨`, `5万\n吨/年`, `120公\n里`); one-cell-per-line tables and one-paragraph-per-line
  texts keep their lines. `normalize(text, join_wraps=True)` (the target extractor) also joins
  the breaks between words after a full-width line (`实施钢铁\n行业…`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_TONE = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
#: one pinyin word: lowercase letters with tone marks (jīng, yìbān, yi)
_PY_WORD = r"[a-z" + _TONE + r"]{1,18}"
#: a pinyin gloss in brackets right after a character: one word or several words separated by
#: spaces (`經(jīng)`, `一號線（yī hào xiàn）`); uppercase is not pinyin (`总值(GDP)` stays)
_GLOSS = re.compile(
    r"(?<=[\u3400-\u9fff])(?:[(（][ \t\u3000]*" + _PY_WORD + r"(?:[ \t\u3000]+" + _PY_WORD
    + r"){0,15}[ \t\u3000]*[)）])+"
)
#: a pinyin gloss opening a bracket that goes on (`細顆粒物（xì kē lì wù，即PM2.5）`): the gloss
#: and its comma are dropped, the bracket and the rest stay
_GLOSS_LEAD = re.compile(
    r"(?<=[\u3400-\u9fff][(（])[ \t\u3000]*(" + _PY_WORD + r"(?:[ \t\u3000]+" + _PY_WORD
    + r"){0,15})[ \t\u3000]*[,，;；][ \t\u3000]*(?=[^)）\n]{1,40}[)）])"
)
_PINYIN_SYLLABLE = re.compile(
    r"(?:(?:[zcs]h|[bpmfdtnlgkhjqxrzcsyw])?[aeiouvü" + _TONE + r"]+(?:ng|n|r)?|[ńňǹḿ]g?|hm|ng)+"
)


def _is_pinyin(words: str) -> bool:
    """Every word of a gloss is made of pinyin syllables (`yī hào xiàn`; not `in vitro`)."""
    import unicodedata

    for w in words.split():
        bare = "".join(c for c in unicodedata.normalize("NFD", w) if not unicodedata.combining(c))
        if not _PINYIN_SYLLABLE.fullmatch(w) and not _PINYIN_SYLLABLE.fullmatch(bare):
            return False
    return True
_FOOTNOTE = re.compile(r"[\[［]\d{1,3}[\]］]")
_HSPACE = " \t\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff"
_FULLWIDTH = {chr(0xFF10 + i): str(i) for i in range(10)}
_FULLWIDTH.update({"％": "%", "．": ".", "－": "-", "～": "~", "：": ":", "／": "/", "＋": "+"})
_FULLWIDTH.update({chr(0xFF21 + i): chr(0x41 + i) for i in range(26)})
_FULLWIDTH.update({chr(0xFF41 + i): chr(0x61 + i) for i in range(26)})


_DIGIT_GROUPS = re.compile(
    # the first group follows a CJK character, directly or after one space (保障对象 38 612 人)
    r"(?:(?<=[\u3400-\u9fff])|(?<=[\u3400-\u9fff][ \u00a0\u3000]))"
    r"(\d{1,3})((?:[" + _HSPACE + r"]+\d+)+)(?P<after>[\u3400-\u9fff%‰]?)"
)
_SPACE_RUN = re.compile(r"[" + _HSPACE + r"]+")
_DIGITS_ASCII = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)})


def _joined_spaces(original: str) -> set[int]:
    """Offsets of white space inside one number written in digit groups (see the module doc)."""
    out: set[int] = set()
    probe = original.translate(_DIGITS_ASCII)
    if not re.search(r"\d[" + _HSPACE + r"]+\d", probe):
        return out
    for m in _DIGIT_GROUPS.finditer(probe):
        rest = m.group(2)
        base = m.start(2)
        spaces = list(_SPACE_RUN.finditer(rest))
        for k, sp in enumerate(spaces):
            group_end = spaces[k + 1].start() if k + 1 < len(spaces) else len(rest)
            group = rest[sp.end():group_end]
            last = k + 1 == len(spaces)
            if len(group) == 3 or (last and m.group("after")):
                out.update(range(base + sp.start(), base + sp.end()))
            else:
                break
    return out


_SENTENCE_PUNCT = "。！？；：!?;:…”」』)）"
#: a line ends inside a number (`达到8`, `完成1.2`, `5万`, `29.5微克/立方`, `120公`)
_NUM_AT_END = re.compile(r"\d+(?:\.\d*)?[^\d\s]{0,6}$")
_WRAP_MIN_LINES = 6
_WRAP_MIN_WIDTH = 40  # display columns of a full line (20 characters)


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


#: a line that opens a paragraph or a list item: a wrap never falls before it
_NEW_PARAGRAPH = re.compile(
    r"^(?:[" + _HSPACE + r"]|[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}[、.．](?!\d)"
    r"|[●■◆▲•·※]|第[一二三四五六七八九十]+[章节部分条])"
)


#: a field of a page header (`note: …`, `来源：…`): a line of its own
_FIELD_LINE = re.compile(r"^[" + _HSPACE + r"]*[A-Za-z\u4e00-\u9fff]{1,8}[" + _HSPACE + r"]*[:：]")


def _wrap_breaks(original: str, every: bool) -> set[int]:
    """Offsets of soft line breaks (and the white space around them) of hard-wrapped text (see
    `_wrap_width`): a break that cuts a number or its unit (`达到8\n6%以上`, `完成1.2\n万吨`,
    `120公\n里`), and with `every` also a break after a full-width line that ends without
    sentence punctuation before a line that does not open a new paragraph."""
    from plangap.transform.units import UNIT

    out: set[int] = set()
    if "\n" not in original:
        return out
    t2s = _t2s()
    lines = original.split("\n")
    if len(lines) < _WRAP_MIN_LINES:
        return out
    starts = [0]
    for ln in lines[:-1]:
        starts.append(starts[-1] + len(ln) + 1)
    block: list[int] = []
    blocks: list[list[int]] = []
    for k, ln in enumerate(lines):
        if ln.strip(_HSPACE):
            block.append(k)
        elif block:
            blocks.append(block)
            block = []
    if block:
        blocks.append(block)
    unit_at = re.compile(r"\d+(?:\.\d+)?(?:" + UNIT.pattern + r")")
    whole: list[int | None] = []  # the width of the whole text, for blocks too small to tell
    for block in blocks:
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
            left = lines[k].rstrip(_HSPACE)
            right = lines[nxt].lstrip(_HSPACE)
            if len(left.strip(_HSPACE)) < 6 or not right or left[-1] in _SENTENCE_PUNCT or "|" in left + right:
                continue
            crosses = False
            tail = _NUM_AT_END.search("".join(_FULLWIDTH.get(c, c) for c in left[-14:]))
            if tail:
                lt = "".join(t2s.get(c, c) for c in tail.group(0))
                rt = "".join(t2s.get(c, c) for c in (_FULLWIDTH.get(c, c) for c in right[:12]))
                if lt[-1] == "." and rt[0].isdigit():
                    crosses = True  # a decimal point at the end of the line: PM2.\n5
                else:  # the number with its unit reads on into the next line: 8|6%, 5万|吨/年, 1200家|次
                    m = unit_at.match(lt + rt)
                    crosses = bool(m) and m.end() > len(lt)
            if not crosses and not (every and _width(left) >= width * 0.85 and not _FIELD_LINE.match(left)
                                    and not _NEW_PARAGRAPH.match(lines[nxt])):
                continue
            a = starts[k] + len(left)
            b = starts[nxt] + (len(lines[nxt]) - len(right))
            out.update(range(a, b))
    return out


@lru_cache(maxsize=1)
def _t2s() -> dict[str, str]:
    from zhconv import zhconv as _z

    table = _z.getdict("zh-cn")
    return {k: v for k, v in table.items() if len(k) == 1 and len(v) == 1}


@dataclass(frozen=True)
class NormText:
    original: str
    text: str
    index: tuple[int, ...]  # index[i]: offset in `original` of text[i]; index[len(text)] = len(original)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of `original` that normalised span [start, end) came from."""
        if end <= start:
            o = self.index[start]
            return o, o
        return self.index[start], self.index[end - 1] + 1

    def original_text(self, start: int, end: int) -> str:
        s, e = self.original_span(start, end)
        return self.original[s:e]


def _is_alnum_ascii(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def normalize(original: str, join_wraps: bool = False) -> NormText:
    """Normalise `original` (see the module doc) and keep the offset map. `join_wraps`: also join
    the soft line breaks of hard-wrapped text between words (see `_wrap_breaks`); breaks inside a
    number or its unit are always joined."""
    drop = bytearray(len(original))
    for m in _GLOSS.finditer(original):
        if _is_pinyin(re.sub(r"[(（)）]", " ", m.group(0))):
            drop[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    if "，" in original or "," in original or ";" in original or "；" in original:
        for m in _GLOSS_LEAD.finditer(original):
            if _is_pinyin(m.group(1)):
                drop[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    for m in _FOOTNOTE.finditer(original):
        drop[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    t2s = _t2s()
    joined = _joined_spaces(original) | _wrap_breaks(original, join_wraps)
    chars: list[str] = []
    index: list[int] = []
    n = len(original)
    for i, ch in enumerate(original):
        if drop[i] or (ch == "\n" and i in joined):
            continue
        if ch in _HSPACE:
            if i in joined:
                continue
            prev = chars[-1] if chars else ""
            j = i + 1
            while j < n and (original[j] in _HSPACE or drop[j]):
                j += 1
            nxt = original[j] if j < n else ""
            nxt = _FULLWIDTH.get(nxt, nxt)
            if not (_is_alnum_ascii(prev) and _is_alnum_ascii(nxt)):
                continue
            ch = " "
        else:
            ch = _FULLWIDTH.get(ch, ch)
            ch = t2s.get(ch, ch)
        chars.append(ch)
        index.append(i)
    index.append(n)
    return NormText(original=original, text="".join(chars), index=tuple(index))
