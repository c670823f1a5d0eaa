"""text/guard.py: the first-character guard finds the same matches as the pattern alone, and
stands aside when the first characters cannot be told. Sentences are written for these tests."""
from __future__ import annotations

import re

import pytest

from plangap.transform.facts.patterns import PERIOD
from plangap.transform.targets.context import _CUE
from plangap.transform.targets.patterns import COMMITMENT
from plangap.transform.text.guard import end_reach, first_chars, guarded

TEXTS = (
    "2023年全市地区生产总值比上年增长5.2%，1-9月规模以上工业增加值增长6%，前三季度社会消费品零售总额"
    "增长4.1%；上半年固定资产投资下降2.3%。年末常住人口为528万人，十三五期间累计新增就业12万人。",
    "今年的主要预期目标是：地区生产总值增长6%左右；到2025年建成地铁3号线，年内开工建设科创园二期，"
    "“十四五”时期保持正增长。过去五年，城镇居民人均可支配收入年均增长7.5%，截至12月底完成投资。",
    "第一季度、一季度末、二〇二四年十二月份当月，去年年底，本年，全年，新校区建成投用并投入使用，地铁5号线开通运营。",
)


@pytest.mark.parametrize("pattern, chars", [
    (r"a|b", "[ab]"),
    (r"(?:x)?y", "[xy]"),
    (r"(?<!\d)\d+年", r"[\d]"),
    (r"^\s*(?:注|备注)", r"[\s注备]"),
    (r"[0-9a]c", "[0-9a]"),
])
def test_first_chars(pattern: str, chars: str) -> None:
    assert first_chars(pattern) == chars


@pytest.mark.parametrize("pattern", [r"a*", r"(?i)abc", r".b", r"[^a]x", r"(?:a|)b?", r"(?m)^x|y"])
def test_no_guard_when_the_start_cannot_be_told(pattern: str) -> None:
    assert guarded(pattern).pattern == pattern


@pytest.mark.parametrize("rx", [PERIOD, _CUE, COMMITMENT], ids=["PERIOD", "_CUE", "COMMITMENT"])
def test_guarded_patterns_find_what_the_bare_pattern_finds(rx: re.Pattern[str]) -> None:
    assert rx.pattern.startswith("(?=[")
    bare = re.compile(rx.pattern.split(")(?:", 1)[1][:-1], rx.flags)
    found = 0
    for text in TEXTS:
        got = [(m.span(), m.groupdict() or m.groups()) for m in rx.finditer(text)]
        assert got == [(m.span(), m.groupdict() or m.groups()) for m in bare.finditer(text)]
        found += len(got)
    assert found >= 3  # the texts hold what each pattern looks for


def test_end_reach_is_the_longest_match_and_a_final_newline() -> None:
    assert end_reach(re.compile(r"(?:增长|下降了)$")) == 4
    with pytest.raises(ValueError):
        end_reach(re.compile(r"\s+$"))
