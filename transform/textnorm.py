"""Normalise mirror noise for matching while keeping a map back to the original text.

Extractors match their patterns on `NormText.text` and report clauses as spans of the
original (`NormText.original_span`), so every clause stays an exact substring of the input.

What is normalised:
- pinyin glosses after characters (`經(jīng)濟(jì)` -> `經濟`, `億(yi)(yi)` -> `億`);
- traditional characters -> simplified, one character for one character;
- full-width digits, letters, `％`, `．`, `，`-free forms -> ASCII (`２０２０` -> `2020`);
- horizontal white space, except between two ASCII letters or digits (`49. 5亿 元` -> `49.5亿元`);
  digit groups broken by a line wrap or grouped by thousands are joined when the first group has
  1-3 digits right after a CJK character and each next group has 3 digits or is the last one,
  followed directly by a unit or CJK character (`学位6 000个` -> `6000个`, `企业1 20家` -> `120家`);
  numbers in table rows (`| 12 15 |`) stay apart;
- footnote markers glued to the text (`[20]`, `［21］`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_TONE = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_GLOSS = re.compile(
    r"(?<=[\u3400-\u9fff])(?:[(（]\s*[a-zA-Z" + _TONE + r"]{1,7}\s*[)）])+"
)
_FOOTNOTE = re.compile(r"[\[［]\d{1,3}[\]］]")
_HSPACE = " \t\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff"
_FULLWIDTH = {chr(0xFF10 + i): str(i) for i in range(10)}
_FULLWIDTH.update({"％": "%", "．": ".", "－": "-", "～": "~", "：": ":", "／": "/", "＋": "+"})
_FULLWIDTH.update({chr(0xFF21 + i): chr(0x41 + i) for i in range(26)})
_FULLWIDTH.update({chr(0xFF41 + i): chr(0x61 + i) for i in range(26)})


_DIGIT_GROUPS = re.compile(
    r"(?<=[\u3400-\u9fff])(\d{1,3})((?:[" + _HSPACE + r"]+\d+)+)(?P<after>[\u3400-\u9fff%‰]?)"
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


def normalize(original: str) -> NormText:
    """Normalise `original` (see the module doc) and keep the offset map."""
    drop = bytearray(len(original))
    for pattern in (_GLOSS, _FOOTNOTE):
        for m in pattern.finditer(original):
            for i in range(m.start(), m.end()):
                drop[i] = 1
    t2s = _t2s()
    joined = _joined_spaces(original)
    chars: list[str] = []
    index: list[int] = []
    n = len(original)
    for i, ch in enumerate(original):
        if drop[i]:
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
