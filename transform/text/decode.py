"""Bytes to text: the encoding from the HTTP header, the BOM, `<meta charset>`, then detection.

Labels gb2312 and gbk are decoded as gb18030 (its superset): pages labelled gb2312 often hold
GBK-only characters. Undecodable bytes are an error, never replaced silently.
"""
from __future__ import annotations

import codecs
import re

from plangap.transform.errors import DecodeError

_SUPERSETS = {
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
    "gb_2312-80": "gb18030", "hz-gb-2312": "gb18030", "ascii": "utf-8", "us-ascii": "utf-8",
}
_WESTERN = {"latin-1", "iso8859-1", "cp1252"}
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)


def canonical_encoding(label: str | None) -> str | None:
    """The codec plangap decodes a declared label with (None when Python knows no such codec)."""
    if not label:
        return None
    name = label.strip().lower()
    name = _SUPERSETS.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def charset_from_content_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    m = _HEADER_CHARSET.search(content_type)
    return m.group(1) if m else None


def sniff_meta_charset(content: bytes) -> str | None:
    m = _META_CHARSET.search(content[:4096])
    return m.group(1).decode("ascii", "ignore") if m else None


def looks_binary(content: bytes) -> bool:
    head = content[:8192]
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    return head.startswith((b"%PDF", b"\x89PNG", b"PK\x03\x04", b"\xff\xd8\xff", b"GIF8"))


def decode_bytes(content: bytes, source: str, content_type: str | None = None) -> tuple[str, str]:
    """Return (text, encoding used). Raise DecodeError naming `source` when it cannot."""
    if not content or not content.strip():
        raise DecodeError(source, "empty input")
    if looks_binary(content):
        raise DecodeError(source, "binary content, not a text or HTML page")
    for bom, codec in _BOMS:
        if content.startswith(bom):
            return _strict(content, codec, source, "BOM")
    header, meta = charset_from_content_type(content_type), sniff_meta_charset(content)
    if canonical_encoding(header) in _WESTERN and canonical_encoding(meta):
        header = None  # servers default to latin-1; a page that declares its own charset knows better
    for how, label in (("HTTP header", header), ("<meta charset>", meta)):
        codec = canonical_encoding(label)
        if codec:
            return _strict(content, codec, source, how)
    for codec in ("utf-8", "gb18030"):
        try:
            return content.decode(codec), codec
        except UnicodeDecodeError:
            continue
    raise DecodeError(source, "bytes are neither UTF-8 nor GB18030 and no charset is declared")


def _strict(content: bytes, codec: str, source: str, how: str) -> tuple[str, str]:
    try:
        return content.decode(codec), codec
    except UnicodeDecodeError as err:
        raise DecodeError(
            source, f"undecodable bytes at offset {err.start} for the {codec} encoding declared by the {how}"
        ) from None
