"""Cutting a plan's text into the pieces targets are read in: sentences, segments (between
commas) and chunks (between `、`, where a part without a number joins its neighbour:
`新建、改造5G通信基站5000个`); the body's end before a closing byline; quoted spans."""
from __future__ import annotations

from plangap.transform.targets.patterns import CONTINUATION, HAS_NUMBER, SEGMENT_END, SENTENCE_END, TRAILER


def body_end(text: str) -> str:
    """The text up to a closing byline (编辑:…) in its last two thirds: what follows is appended."""
    for m in TRAILER.finditer(text):
        if m.start() > len(text) / 3:
            return text[:m.start()]
    return text


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of the sentences of `text`; a line that starts with a number and its unit
    goes on the line before."""
    out, start = [], 0
    for m in SENTENCE_END.finditer(text):
        if m.group(0) == "\n" and CONTINUATION.match(text, m.start()) and m.start() > 0 \
                and text[m.start() - 1] not in "。!?！？;；:：\n":
            continue
        if m.group(0) == "\n" and m.start() > 0 and text[m.start() - 1] == "\n" and start < m.start() \
                and CONTINUATION.match(text, m.start()):
            continue
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def segments(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of the comma-separated segments of `sentence` (a thousands comma does not cut)."""
    out, start = [], 0
    for m in SEGMENT_END.finditer(sentence):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(sentence)))
    return [(a, b) for a, b in out if b > a]


def chunks(seg: str) -> list[tuple[int, int, int]]:
    """(start, end, own_end) of the `、`-parts of a segment; a part without a number joins the
    part after it when it comes first (`新建、改造…5000个`) and the part before it otherwise."""
    parts, start = [], 0
    i = seg.find("、")
    while i >= 0:
        parts.append((start, i))
        start = i + 1
        i = seg.find("、", start)
    parts.append((start, len(seg)))
    chunks: list[list[int]] = []
    pending = None
    for a, b in parts:
        if not HAS_NUMBER.search(seg[a:b]):
            if chunks:
                chunks[-1][1] = b
            elif pending is None:
                pending = a
            continue
        chunks.append([pending if pending is not None else a, b, b])
        pending = None
    if not chunks:
        return [(0, len(seg), len(seg))]
    return [(a, b, c) for a, b, c in chunks]


def in_quotes(sentence: str, pos: int) -> bool:
    """Whether `sentence[pos]` lies inside quotation marks."""
    before = sentence[:pos]
    if before.count("“") > before.count("”"):
        return True
    return before.count('"') % 2 == 1
