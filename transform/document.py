"""Turn one input (HTML bytes in any encoding, or a UTF-8 text file) into a Document."""
from __future__ import annotations

import re

from plangap.transform.text.decode import decode_bytes
from plangap.transform.errors import ParseError
from plangap.transform.text.html_body import guess_year, parse_html
from plangap.transform.records import Document

_HTML_HINT = re.compile(r"<\s*(html|body|div|p|table|head|meta)\b", re.I)
_HEADER_LINE = re.compile(r"^(source|note|url|title)\s*:\s?(.*)$", re.I)
_META_LINE = re.compile(r"^\s*(信息名称|索\s*引\s*号|发布机构|生成日期|公开日期|法定主动公开分类|文件编号|内容概述|浏览次数|您当前的位置|首页\s*>>)")
_META_KEY = re.compile(r"(信息名称|索\s*引\s*号|发布机构|生成日期|公开日期)\s*[:：]\s*([^\s:：]+)")


def looks_like_html(text: str) -> bool:
    return bool(_HTML_HINT.search(text[:4000]))


def load_document(content: bytes, source: str, content_type: str | None = None, url: str | None = None) -> Document:
    """Decode and parse one input; raise DecodeError/ParseError naming `source`."""
    text, encoding = decode_bytes(content, source, content_type)
    is_html = (content_type or "").lower().startswith(("text/html", "application/xhtml")) or looks_like_html(text)
    doc = parse_html(text, source) if is_html else parse_text(text, source)
    doc.encoding = encoding
    doc.url = url or doc.url or (source if source.startswith(("http://", "https://")) else None)
    return doc


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
