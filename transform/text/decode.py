"""Bytes to text: a BOM, the declared charset (HTTP header, then `<meta charset>`), then detection.

A BOM is unambiguous and wins over any label. A declared charset is used when it reads the
bytes; when none is declared, or the declared one cannot read them (a GB18030 page labelled
utf-8), the encoding is detected: UTF-8 when the bytes are UTF-8, else whichever of GB18030 and
Big5 reads them, charset-normalizer choosing when both do (Big5 bytes mostly read as GB18030
too, as nonsense). Labels gb2312 and gbk are decoded as gb18030 (its superset): pages labelled
gb2312 often hold GBK-only characters. Undecodable bytes are an error naming the page and what
was tried, never replaced silently.
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
_CHINESE = ("gb18030", "big5", "big5hkscs")  # what detection chooses among after UTF-8
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
    failed: list[str] = []
    for how, label in (("HTTP header", header), ("<meta charset>", meta)):
        declared = canonical_encoding(label)
        if not declared:
            continue
        try:
            return content.decode(declared), declared
        except UnicodeDecodeError as err:
            failed.append(f"undecodable bytes at offset {err.start} for the {declared} encoding declared by the {how}")
    found = detect(content)
    if found is not None:
        return found
    if failed:
        raise DecodeError(source, failed[0])  # nor does any detected encoding read them
    raise DecodeError(source, "bytes are neither UTF-8, GB18030 nor Big5 and no charset is declared")


def detect(content: bytes) -> tuple[str, str] | None:
    """(text, codec) of undeclared bytes: UTF-8 when they are UTF-8, else the Chinese encoding
    that reads them (charset-normalizer's choice when several do); None when none does."""
    try:
        return content.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    readable: dict[str, str] = {}
    for codec in _CHINESE:
        try:
            readable[codec] = content.decode(codec)
        except UnicodeDecodeError:
            continue
    if "big5" in readable:
        readable.pop("big5hkscs", None)  # its superset reads the same bytes the same way
    if len(readable) > 1:
        from charset_normalizer import from_bytes

        best = from_bytes(content, cp_isolation=list(readable)).best()
        choice = canonical_encoding(best.encoding) if best is not None else None
        codec = choice if choice in readable else "gb18030"  # mainland pages: GB18030 unless shown otherwise
        return readable[codec], codec
    for codec, text in readable.items():
        return text, codec
    return None


def _strict(content: bytes, codec: str, source: str, how: str) -> tuple[str, str]:
    try:
        return content.decode(codec), codec
    except UnicodeDecodeError as err:
        raise DecodeError(
            source, f"undecodable bytes at offset {err.start} for the {codec} encoding declared by the {how}"
        ) from None
