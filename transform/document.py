"""Turn one input (HTML bytes in any encoding, or a UTF-8 text file) into a Document.

Work is bounded: an input larger than `max_bytes`, or whose text holds more than `max_numbers`
numbers (the extractors' work grows with the numbers they read), is refused (TooLargeError); a run of
more than MAX_SENTENCE characters without a sentence end (a line of megabytes, generated or
hostile) is cut into sentences at its clause breaks, so the extractors' work per sentence stays
bounded and extraction is linear in the input. A cut replaces a comma by a semicolon (one
character for one: every offset into the text stays valid); a run with no clause break to cut
at is not text plangap can read (ParseError)."""
from __future__ import annotations

import itertools
import re

from plangap.transform.errors import ParseError, TooLargeError
from plangap.transform.records import Document
from plangap.transform.text.decode import decode_bytes
from plangap.transform.text.html_body import guess_year, parse_html

_HTML_HINT = re.compile(r"<\s*(html|body|div|p|table|head|meta)\b", re.I)
_HEADER_LINE = re.compile(r"^(source|note|url|title)\s*:\s?(.*)$", re.I)
_META_LINE = re.compile(r"^\s*(信息名称|索\s*引\s*号|发布机构|生成日期|公开日期|法定主动公开分类|文件编号|内容概述|浏览次数|您当前的位置|首页\s*>>)")
_META_KEY = re.compile(r"(信息名称|索\s*引\s*号|发布机构|生成日期|公开日期)\s*[:：]\s*([^\s:：]+)")


DEFAULT_MAX_PAGE_BYTES = 20_000_000
#: numbers in a page's body text: a whole work report holds about 400, a bulletin with its tables
#: a few hundred to a couple of thousand; a page with more than this is generated or hostile, and
#: reading it would take longer than a page should (about 0.3 ms a number on a quiet machine, three
#: times that on a busy one). PLANGAP_MAX_PAGE_NUMBERS raises it for yearbook-sized tables.
DEFAULT_MAX_PAGE_NUMBERS = 5_000
_NUMBER_RUN = re.compile(r"\d+(?:[.,]\d+)*")
#: the page's whole decoded text (markup, scripts) may hold this many times the limit before the
#: body is even parsed: past that the page is refused unparsed
_MARKUP_ALLOWANCE = 3
MAX_SENTENCE = 2000  # characters without a sentence end; real sentences stay far below
_SENTENCE_END = re.compile(r"[。!?！？;；\n]")
_CUT_AT = ("，,", "、：: \t\u3000")  # where a run is cut, in order of preference


def too_large(source: str, size: int, limit: int) -> TooLargeError:
    return TooLargeError(source, f"{size} bytes, more than the {limit} bytes plangap parses "
                                 "(PLANGAP_MAX_PAGE_BYTES)")


def looks_like_html(text: str) -> bool:
    return bool(_HTML_HINT.search(text[:4000]))


def too_many_numbers(source: str, count: int, limit: int) -> TooLargeError:
    return TooLargeError(source, f"{count} numbers in its text, more than the {limit} plangap reads in one page "
                                 "(PLANGAP_MAX_PAGE_NUMBERS)")


def load_document(content: bytes, source: str, content_type: str | None = None, url: str | None = None,
                  max_bytes: int | None = DEFAULT_MAX_PAGE_BYTES,
                  max_numbers: int | None = DEFAULT_MAX_PAGE_NUMBERS) -> Document:
    """Decode and parse one input; raise DecodeError/ParseError/TooLargeError naming `source`."""
    if max_bytes is not None and len(content) > max_bytes:
        raise too_large(source, len(content), max_bytes)
    text, encoding = decode_bytes(content, source, content_type)
    if max_numbers is not None:  # before parsing: markup may add numbers, not this many
        count = len(_NUMBER_RUN.findall(text))
        if count > _MARKUP_ALLOWANCE * max_numbers:
            raise too_many_numbers(source, count, max_numbers)
    is_html = (content_type or "").lower().startswith(("text/html", "application/xhtml")) or looks_like_html(text)
    doc = parse_html(text, source) if is_html else parse_text(text, source)
    if max_numbers is not None:
        count = len(_NUMBER_RUN.findall(doc.text))
        if count > max_numbers:
            raise too_many_numbers(source, count, max_numbers)
    doc.text = bound_sentences(doc.text, source)
    doc.encoding = encoding
    doc.url = url or doc.url or (source if source.startswith(("http://", "https://")) else None)
    return doc


def bound_sentences(text: str, source: str, limit: int = MAX_SENTENCE) -> str:
    """`text` with every run of more than `limit` characters between sentence ends cut at its
    last clause break within each `limit` characters (a comma becomes a semicolon). Linear."""
    cuts: list[int] = []
    start = 0
    for m in itertools.chain(_SENTENCE_END.finditer(text), [None]):
        end = m.start() if m else len(text)
        while end - start > limit:
            window_end = start + limit
            at = -1
            for marks in _CUT_AT:
                at = max(text.rfind(c, start + 1, window_end) for c in marks)
                if at > start:
                    break
            if at <= start:
                line = text.count("\n", 0, start) + 1
                raise ParseError(source, f"line {line} runs more than {limit} characters without a sentence "
                                         "end or a clause break: not text plangap can read")
            cuts.append(at)
            start = at + 1
        start = m.end() if m else end
    if not cuts:
        return text
    chars = list(text)
    for at in cuts:
        chars[at] = ";" if chars[at] == "," else "；"
    return "".join(chars)


def parse_text(text: str, source: str) -> Document:
    """A plain-text page: leading `source:`/`note:` lines and page-chrome metadata lines are
    metadata; the rest, line by line, is the body."""
    meta: dict[str, str] = {}
    url = None
    body_lines: list[str] = []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    i = 0
    while i < len(lines) and (_HEADER_LINE.match(lines[i]) or not lines[i].strip()) and i < 5:
        m = _HEADER_LINE.match(lines[i])
        if m:
            key = m.group(1).lower()
            meta[key] = m.group(2).strip()
            if key in ("source", "url"):
                url = m.group(2).strip() or None
        i += 1
    for line in lines[i:]:
        if _META_LINE.match(line):
            for k, v in _META_KEY.findall(line):
                meta.setdefault(re.sub(r"\s+", "", k), v)
            continue
        body_lines.append(line.rstrip())
    body = "\n".join(body_lines).strip("\n")
    if not body.strip():
        raise ParseError(source, "no text after the header lines")
    title = meta.get("信息名称") or meta.get("title") or _first_line(body)
    published = None
    m = re.search(r"(20\d\d)-(\d\d)-(\d\d)", meta.get("生成日期", "") + " " + meta.get("公开日期", ""))
    if m:
        published = m.group(0)
    return Document(text=body, title=title, url=url, meta=meta, published=published,
                    year=guess_year(title, meta))


def _first_line(body: str) -> str | None:
    for line in body.split("\n"):
        s = line.strip()
        if s:
            return s[:80]
    return None
