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
  the breaks between words after a full-width line (`实施钢铁\n行业…`). The wrap rules live in
  transform/text/unwrap.py (`width_wrap_breaks`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from plangap.transform.text.charmap import FULLWIDTH, HSPACE, t2s
from plangap.transform.text.guard import guarded
from plangap.transform.text.unwrap import width_wrap_breaks

_TONE = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
#: one pinyin word: lowercase letters with tone marks (jīng, yìbān, yi)
_PY_WORD = r"[a-z" + _TONE + r"]{1,18}"
#: a pinyin gloss in brackets right after a character: one word or several words separated by
#: spaces (`經(jīng)`, `一號線（yī hào xiàn）`); uppercase is not pinyin (`总值(GDP)` stays)
_GLOSS = guarded(  # text/guard.py: the lookbehind in front hides the bracket from the regex engine
    r"(?<=[\u3400-\u9fff])(?:[(（][ \t\u3000]*" + _PY_WORD + r"(?:[ \t\u3000]+" + _PY_WORD
    + r"){0,15}[ \t\u3000]*[)）])+"
)
#: a pinyin gloss opening a bracket that goes on (`細顆粒物（xì kē lì wù，即PM2.5）`): the gloss
#: and its comma are dropped, the bracket and the rest stay
_GLOSS_LEAD = guarded(
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


_DIGIT_GROUPS = re.compile(
    # the first group follows a CJK character, directly or after one space (保障对象 38 612 人)
    r"(?:(?<=[\u3400-\u9fff])|(?<=[\u3400-\u9fff][ \u00a0\u3000]))"
    r"(\d{1,3})((?:[" + HSPACE + r"]+\d+)+)(?P<after>[\u3400-\u9fff%‰]?)"
)
_SPACE_RUN = re.compile(r"[" + HSPACE + r"]+")
_DIGITS_ASCII = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)})
#: white space between two digits: `\d` also matches the full-width digits, so this test on the
#: original text answers as it would on its ASCII digits
_SPACED_DIGITS = re.compile(r"\d[" + HSPACE + r"]+\d")


def _joined_spaces(original: str) -> set[int]:
    """Offsets of white space inside one number written in digit groups (see the module doc)."""
    out: set[int] = set()
    if not _SPACED_DIGITS.search(original):
        return out
    probe = original.translate(_DIGITS_ASCII)
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


#: texts up to this length are kept in the cache of short texts (headings, titles, table cells)
_SHORT_TEXT = 300


def normalize(original: str, join_wraps: bool = False) -> NormText:
    """Normalise `original` (see the module doc) and keep the offset map. `join_wraps`: also join
    the soft line breaks of hard-wrapped text between words (see text/unwrap.py); breaks inside a
    number or its unit are always joined. The last answers are kept, short and long texts apart:
    the readers of one page (its parts, targets, review facts) normalise the same body several
    times with a dozen headings and cells in between, which would push the body out of one small
    cache; a NormText is immutable."""
    if len(original) <= _SHORT_TEXT:
        return _normalize_short(original, join_wraps)
    if join_wraps and not _joins_more(original):
        join_wraps = False  # the same breaks joined: the same answer, normalised once for both readers
    return _normalize_long(original, join_wraps)


@lru_cache(maxsize=8)
def _joins_more(original: str) -> bool:
    """Whether `join_wraps` joins more breaks of `original` than those inside numbers, the one
    thing it changes (most texts are not hard-wrapped: the target reader and the part reader
    then normalise a page body to the same NormText)."""
    return width_wrap_breaks(original, True) != width_wrap_breaks(original, False)


@lru_cache(maxsize=8)
def _normalize_long(original: str, join_wraps: bool) -> NormText:
    """`normalize` of a page body or a part of it: a few kept, they are large."""
    return _normalize(original, join_wraps)


@lru_cache(maxsize=512)
def _normalize_short(original: str, join_wraps: bool) -> NormText:
    """`normalize` of a heading, a title or a cell: many kept, they are small and recur."""
    return _normalize(original, join_wraps)


def _normalize(original: str, join_wraps: bool) -> NormText:
    """`normalize`, uncached."""
    drop = bytearray(len(original))
    dropped = False
    for m in _GLOSS.finditer(original):
        if _is_pinyin(re.sub(r"[(（)）]", " ", m.group(0))):
            drop[m.start():m.end()] = b"\x01" * (m.end() - m.start())
            dropped = dropped or m.end() > m.start()
    if "，" in original or "," in original or ";" in original or "；" in original:
        for m in _GLOSS_LEAD.finditer(original):
            if _is_pinyin(m.group(1)):
                drop[m.start():m.end()] = b"\x01" * (m.end() - m.start())
                dropped = dropped or m.end() > m.start()
    for m in _FOOTNOTE.finditer(original):
        drop[m.start():m.end()] = b"\x01" * (m.end() - m.start())
        dropped = True
    joined = _joined_spaces(original) | width_wrap_breaks(original, join_wraps)
    if not joined and not dropped:
        return _translated(original)
    return _normalize_loop(original, drop, joined)


@lru_cache(maxsize=1)
def _translation() -> dict[int, str]:
    """Full-width forms then traditional characters, one character for one character."""
    table = t2s()
    keys = set(FULLWIDTH) | set(table)
    return str.maketrans({k: table.get(FULLWIDTH.get(k, k), FULLWIDTH.get(k, k)) for k in keys})


#: characters outside the Basic Multilingual Plane (the table of `_bmp_translation` ends before them)
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@lru_cache(maxsize=1)
def _bmp_translation() -> list[str]:
    """`_translation` as a list indexed by code point over the BMP, every other character mapped
    to itself: `str.translate` looks a list up faster than a dict and never misses."""
    table = [chr(i) for i in range(0x10000)]
    for k, v in _translation().items():
        if k < 0x10000:
            table[k] = v
    return table


def _translate(original: str) -> str:
    """`original.translate(_translation())`, by the faster table when the text allows it."""
    if _ASTRAL.search(original):
        return original.translate(_translation())
    return original.translate(_bmp_translation())


def _translated(original: str) -> NormText:
    """`normalize` of a text with nothing to drop or join: one translate pass, and each run of
    horizontal space kept as one " " only between two ASCII letters or digits (the same result
    as `_normalize_loop`, tests/test_textnorm.py compares them)."""
    translated = _translate(original)
    n = len(original)
    if not _SPACE_RUN.search(original):
        return NormText(original=original, text=translated, index=tuple(range(n + 1)))
    pieces: list[str] = []
    index: list[int] = []
    pos = 0
    for m in _SPACE_RUN.finditer(original):
        a, b = m.span()
        pieces.append(translated[pos:a])
        index.extend(range(pos, a))
        prev = translated[a - 1] if a > 0 else ""
        nxt = FULLWIDTH.get(original[b], original[b]) if b < n else ""
        if _is_alnum_ascii(prev) and _is_alnum_ascii(nxt):
            pieces.append(" ")
            index.append(a)
        pos = b
    pieces.append(translated[pos:])
    index.extend(range(pos, n))
    index.append(n)
    return NormText(original=original, text="".join(pieces), index=tuple(index))


def _normalize_loop(original: str, drop: bytearray, joined: set[int]) -> NormText:
    """`normalize`, character by character: for texts with glosses, footnotes or joined breaks."""
    table = t2s()
    chars: list[str] = []
    index: list[int] = []
    n = len(original)
    for i, ch in enumerate(original):
        if drop[i] or (ch == "\n" and i in joined):
            continue
        if ch in HSPACE:
            if i in joined:
                continue
            prev = chars[-1] if chars else ""
            j = i + 1
            while j < n and (original[j] in HSPACE or drop[j]):
                j += 1
            nxt = original[j] if j < n else ""
            nxt = FULLWIDTH.get(nxt, nxt)
            if not (_is_alnum_ascii(prev) and _is_alnum_ascii(nxt)):
                continue
            ch = " "
        else:
            ch = FULLWIDTH.get(ch, ch)
            ch = table.get(ch, ch)
        chars.append(ch)
        index.append(i)
    index.append(n)
    return NormText(original=original, text="".join(chars), index=tuple(index))
