"""The shortcuts of issue 14 (round 2) answer as the plain code they stand for."""
from __future__ import annotations

import random
import re

import lxml.html

from plangap.transform import parts_rules as R
from plangap.transform.facts import clauses
from plangap.transform.facts.patterns import BRACKETED_DEFINITION_END, COMPARED_PERIOD_END, GLOSS_END
from plangap.transform.text import html_body
from plangap.transform.text import normalize as N

_REGEX_CJK = re.compile(r"[^\u3400-\u9fff]+")


def _random_text(rnd: random.Random, alphabet: str, words: list[str], n: int) -> str:
    return "".join(rnd.choice(words) if rnd.random() < 0.3 else rnd.choice(alphabet) for _ in range(n))


def test_cjk_count_equals_the_regex_count() -> None:
    rnd = random.Random(3)
    ranges = [(0, 0x3500), (0x3300, 0xA100), (0x9F00, 0x11000), (0xD800, 0xE000), (0x10000, 0x110000)]
    for _ in range(20_000):
        s = "".join(chr(rnd.randrange(*rnd.choice(ranges))) for _ in range(rnd.randint(0, 12)))
        assert html_body._cjk_count(s) == len(_REGEX_CJK.sub("", s)), repr(s)


def test_cjk_sizes_equal_the_counts_of_the_collected_text() -> None:
    root = lxml.html.document_fromstring(
        "<html><body><div>开头<!-- 注释里的字 -->说明<p>第一段<a href='#'>链接文字</a>结尾</p>尾巴"
        "<table><tr><td>单元格<b>加粗</b></td></tr></table><?pi 指令?>之后</div></body></html>")
    sizes = html_body._CjkSizes(root)
    for el in root.iter():
        if isinstance(el.tag, str):
            assert sizes.total[el] == html_body._cjk_count(el.text_content()), el.tag
            assert sizes.own[el] == html_body._cjk_count("".join(el.xpath("text()"))), el.tag


def test_cue_prefilter_misses_no_cue() -> None:
    """A window the combined pattern passes over holds no match of any cue pattern."""
    rnd = random.Random(5)
    words = ["过去一年", "五年来", "今后五年", "预期目标是", "今年", "去年", "2025年是", "到2030年", "，2024年",
             "“十四五”时期", "十五五规划", "各位代表：", "回顾", "同比", "本届政府以来", "主要指标为", "抓好以下"]
    singles = [rx for _role, rx in R._STRONG + R._WEAK] + [R._FYP_CUE, R._TO_YEAR, R._YEAR_IS, R._CLAUSE_YEAR]
    alphabet = "".join(sorted(set("".join(words)))) + "的是在和发展经济，。1234567890"
    for _ in range(20_000):
        window = _random_text(rnd, alphabet, words, rnd.randint(0, 40))
        if R._ANY_CUE.search(window) is None:
            assert not any(rx.search(window) for rx in singles), window


def test_normalize_with_join_wraps_is_unchanged_by_the_shared_answer() -> None:
    plain = "今年全市地区生产总值增长6%左右。\n" * 30
    wrapped = ("全面推进乡村振兴，实施高标准农田建设工程，新建高标准农田\n" * 20) + "完成。"
    for text in (plain, wrapped):
        assert N.normalize(text, join_wraps=True) == N._normalize(text, True)
        assert N.normalize(text) == N._normalize(text, False)
    assert not N._joins_more(plain)


def test_cut_end_equals_the_substitution() -> None:
    rnd = random.Random(9)
    words = ["(GDP)", "（以女性为100，下同）", "比1-10月", "较上年同期", "比一季度", "增速", "总值", "\n", "(", "）"]
    alphabet = "地区生产总值增速比较上年月度期年()（）,，=ab "
    cases = [(BRACKETED_DEFINITION_END, ")）"), (GLOSS_END, ")）"), (COMPARED_PERIOD_END, "月度年期")]
    for _ in range(20_000):
        text = _random_text(rnd, alphabet, words, rnd.randint(0, 10))
        for pattern, last in cases:
            assert clauses._cut_end(pattern, last, text) == pattern.sub("", text), (pattern.pattern, text)
