"""Bytes to text: header charset, BOM, <meta charset>, detection, and typed DecodeErrors."""
from __future__ import annotations

import codecs

import pytest

from plangap.transform.errors import DecodeError, TransformError
from plangap.transform.text.decode import (
    canonical_encoding,
    charset_from_content_type,
    decode_bytes,
    looks_binary,
    sniff_meta_charset,
)

SRC = "https://tjj.example.gov.cn/a.html"
# 镕 and 堃 are in GBK but not in GB2312
GBK_ONLY = "朱镕基与王堃"


def _page(body: str, meta: str | None = None) -> str:
    head = f'<meta http-equiv="Content-Type" content="text/html; charset={meta}">' if meta else ""
    return f"<html><head>{head}<title>测试</title></head><body><p>{body}</p></body></html>"


def test_header_charset_wins_over_meta():
    raw = _page("二〇二一年统计公报", meta="gb2312").encode("utf-8")
    text, enc = decode_bytes(raw, SRC, "text/html; charset=UTF-8")
    assert enc == "utf-8"
    assert "二〇二一年统计公报" in text


def test_header_gb2312_wins_over_meta_utf8():
    raw = _page("上半年经济运行", meta="utf-8").encode("gb18030")
    text, enc = decode_bytes(raw, SRC, 'text/html; charset="gb2312"')
    assert enc == "gb18030"
    assert "上半年经济运行" in text


def test_meta_gb2312_with_gbk_only_characters_decodes_as_gb18030():
    raw = _page(GBK_ONLY, meta="gb2312").encode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("gb2312")
    text, enc = decode_bytes(raw, SRC, "text/html")
    assert enc == "gb18030"
    assert GBK_ONLY in text


def test_html5_meta_charset():
    raw = ('<!DOCTYPE html><html><head><meta charset="GBK"></head><body><p>' + GBK_ONLY + "</p></body></html>").encode("gb18030")
    text, enc = decode_bytes(raw, SRC)
    assert enc == "gb18030"
    assert GBK_ONLY in text


def test_unknown_header_label_falls_back_to_meta():
    raw = _page("前三季度", meta="gbk").encode("gb18030")
    text, enc = decode_bytes(raw, SRC, "text/html; charset=x-no-such-codec")
    assert enc == "gb18030"
    assert "前三季度" in text


def test_bom_utf8():
    raw = codecs.BOM_UTF8 + _page("全年增长6.5%").encode("utf-8")
    text, enc = decode_bytes(raw, SRC)
    assert enc == "utf-8-sig"
    assert text.startswith("<html>")
    assert "全年增长6.5%" in text


def test_bom_wins_over_a_wrong_header():
    raw = codecs.BOM_UTF8 + _page("全年增长6.5%").encode("utf-8")
    text, enc = decode_bytes(raw, SRC, "text/html; charset=gb2312")
    assert enc == "utf-8-sig"
    assert "全年增长6.5%" in text


def test_bom_utf16():
    raw = "主要指标".encode("utf-16")  # with its BOM; holds NUL bytes but is text
    text, enc = decode_bytes(raw, SRC)
    assert enc == "utf-16"
    assert text == "主要指标"


def test_no_label_utf8():
    raw = "地区生产总值增长6.1%\n".encode()
    assert decode_bytes(raw, SRC) == ("地区生产总值增长6.1%\n", "utf-8")


def test_no_label_gb18030_bytes():
    raw = ("地区生产总值增长6.1%，" + GBK_ONLY).encode("gb18030")
    assert decode_bytes(raw, SRC) == ("地区生产总值增长6.1%，" + GBK_ONLY, "gb18030")


def test_gb18030_labelled_utf8_by_the_header_is_read():
    raw = _page("一般公共预算收入" + GBK_ONLY).encode("gb18030")
    text, enc = decode_bytes(raw, SRC, "text/html; charset=utf-8")
    assert enc == "gb18030"
    assert "一般公共预算收入" + GBK_ONLY in text


def test_gb18030_labelled_utf8_by_the_meta_is_read():
    raw = _page("一般公共预算收入", meta="utf-8").encode("gb18030")
    assert decode_bytes(raw, "saved/page.html")[1] == "gb18030"


def test_undecodable_under_declared_utf8_names_source():
    raw = _page("一般公共预算收入").encode("utf-8") + b"\xff\xfe\xfa"  # no encoding reads \xff
    with pytest.raises(DecodeError) as err:
        decode_bytes(raw, SRC, "text/html; charset=utf-8")
    msg = str(err.value)
    assert msg.startswith(SRC + ": ")
    assert "undecodable" in msg
    assert "utf-8" in msg and "HTTP header" in msg
    assert err.value.source == SRC
    assert isinstance(err.value, TransformError)


def test_undecodable_under_meta_utf8_says_meta():
    raw = _page("一般公共预算收入", meta="utf-8").encode("utf-8") + b"\xff\xfe"
    with pytest.raises(DecodeError) as err:
        decode_bytes(raw, "saved/page.html")
    assert str(err.value).startswith("saved/page.html: undecodable bytes at offset ")
    assert "<meta charset>" in str(err.value)


def test_undecodable_offset_is_exact():
    raw = b"<p>ok</p>\xff\xfe"
    with pytest.raises(DecodeError) as err:
        decode_bytes(raw, SRC, "text/plain; charset=utf-8")
    assert err.value.reason == "undecodable bytes at offset 9 for the utf-8 encoding declared by the HTTP header"


def test_no_encoding_reads_the_bytes_without_label():
    with pytest.raises(DecodeError) as err:
        decode_bytes(b"abc \xff def", SRC)
    assert str(err.value) == f"{SRC}: bytes are neither UTF-8, GB18030 nor Big5 and no charset is declared"


# --- Big5 ------------------------------------------------------------------------------

BIG5_PAGE = ("<html><head><title>臺中市統計公報</title></head><body><div><p>全年全市地區生產總值增長5.1%，"
             "一般公共預算收入達到321.5億元。</p></div></body></html>")


def test_big5_without_charset_is_read_as_big5():
    raw = BIG5_PAGE.encode("big5")
    raw.decode("gb18030")  # GB18030 reads these bytes too, as nonsense: detection must choose
    text, enc = decode_bytes(raw, SRC, "text/html")
    assert enc == "big5"
    assert "地區生產總值增長5.1%" in text


def test_big5_labelled_utf8_is_read_as_big5():
    text, enc = decode_bytes(BIG5_PAGE.encode("big5"), SRC, "text/html; charset=utf-8")
    assert (enc, "一般公共預算收入" in text) == ("big5", True)


def test_a_declared_big5_is_used():
    assert decode_bytes(BIG5_PAGE.encode("big5"), SRC, "text/html; charset=big5")[1] == "big5"


@pytest.mark.parametrize("phrase", ["上半年经济运行", "全年地区生产总值增长6.1%，一般公共预算收入增长3.2%。", GBK_ONLY])
def test_gb_text_without_charset_stays_gb18030(phrase):
    assert decode_bytes(_page(phrase).encode("gb18030"), SRC)[1] == "gb18030"


def test_nul_bytes_are_binary():
    with pytest.raises(DecodeError) as err:
        decode_bytes(b"abc\x00\x01\x02def", SRC)
    assert str(err.value) == f"{SRC}: binary content, not a text or HTML page"


def test_png_is_binary():
    png = b"\x89PNG\r\n\x1a\n" + b"IHDR" + b"\x10" * 20
    assert looks_binary(png)
    with pytest.raises(DecodeError, match="binary content"):
        decode_bytes(png, SRC, "text/html; charset=utf-8")


def test_pdf_is_binary():
    with pytest.raises(DecodeError, match="binary content"):
        decode_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", SRC)


@pytest.mark.parametrize("raw", [b"", b"   \r\n\t "])
def test_empty_is_decode_error(raw):
    with pytest.raises(DecodeError) as err:
        decode_bytes(raw, SRC)
    assert str(err.value) == f"{SRC}: empty input"


@pytest.mark.parametrize("label, codec", [
    ("gb2312", "gb18030"), ("GBK", "gb18030"), ("x-gbk", "gb18030"), ("cp936", "gb18030"),
    ("UTF-8", "utf-8"), ("utf8", "utf-8"), ("us-ascii", "utf-8"), ("gb18030", "gb18030"),
    ("no-such", None), ("", None), (None, None),
])
def test_canonical_encoding(label, codec):
    assert canonical_encoding(label) == codec


def test_charset_from_content_type():
    assert charset_from_content_type("text/html; charset=GB2312") == "GB2312"
    assert charset_from_content_type("text/html;charset='utf-8'") == "utf-8"
    assert charset_from_content_type("text/html") is None
    assert charset_from_content_type(None) is None


def test_sniff_meta_charset_looks_only_at_the_head():
    assert sniff_meta_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=gb2312">') == "gb2312"
    assert sniff_meta_charset(b"<meta charset='utf-8'>") == "utf-8"
    assert sniff_meta_charset(b" " * 5000 + b'<meta charset="gbk">') is None


def test_a_server_default_latin1_header_yields_to_the_pages_own_meta_charset():
    content = '<html><head><meta charset="gbk"></head><body><p>一般公共预算收入</p></body></html>'.encode("gbk")
    text, encoding = decode_bytes(content, "page", "text/html; charset=ISO-8859-1")
    assert encoding == "gb18030" and "一般公共预算收入" in text
