"""textnorm: pinyin glosses of whole words, and line breaks inside numbers of hard-wrapped text.
Sentences are written for these tests."""
from __future__ import annotations

import pytest

from plangap.transform.text.normalize import normalize

WRAPPED = (
    "　　一、工作目标\n"
    "　　全年城乡居民医保参保率稳定在95%以上，新建社区卫生\n"
    "服务站点12个，家庭医生签约服务覆盖率提高到7\n"
    "5%，新增养老床位1.2\n"
    "万张，改造提升农村敬老院8所，基本公共卫生服务项目经费达到1\n"
    "20元/人，慢性病患者规范管理率达到65%以上，全年开展健康\n"
    "讲座进社区活动不少于300场次，持续推进医疗卫生服务能力提\n"
    "升行动，巩固国家卫生城市创建成果，全面提升城乡居民健康素养\n"
    "水平，力争全县居民健康素养水平达到3\n"
    "2%以上，人均预期寿命较上年提高0.3岁，县域就诊率达到9\n"
    "0%以上。\n"
)


@pytest.mark.parametrize("raw, norm", [
    ("一號線（yī hào xiàn）全線開通", "一号线全线开通"),  # a gloss of a whole word
    ("執業醫師數（zhí yè yī shī shù）達到", "执业医师数达到"),
    ("經(jīng)濟(jì)", "经济"),  # one syllable per character
    ("億(yi)(yi)元", "亿元"),
    ("地区生产总值（GDP）增长", "地区生产总值（GDP）增长"),  # uppercase is not pinyin
    ("检测（in vitro）", "检测（in vitro）"),  # English is not pinyin
    ("細顆粒物（xì kē lì wù，即PM2.5）濃度", "细颗粒物（即PM2.5）浓度"),  # a gloss opening a bracket
])
def test_pinyin_glosses(raw, norm):
    assert normalize(raw).text == norm


def test_breaks_inside_numbers_of_hard_wrapped_text_are_joined():
    text = normalize(WRAPPED).text
    assert "提高到75%" in text
    assert "新增养老床位1.2万张" in text
    assert "达到120元/人" in text
    assert "健康\n讲座" in text  # a break between words is kept by default
    assert "达到32%以上" in text and "达到90%以上" in text
    assert text.count("\n") == WRAPPED.count("\n") - 5


def test_with_join_wraps_breaks_between_words_of_a_paragraph_go_too():
    nt = normalize(WRAPPED, join_wraps=True)
    assert "开展健康讲座" in nt.text
    assert "\n全年城乡居民" in nt.text  # the heading stays a line of its own
    s = nt.text.index("开展健康讲座")
    assert nt.original_text(s, s + len("开展健康讲座")) == "开展健康\n讲座"
    assert nt.text.count("\n") == 2


def test_one_cell_per_line_table_and_one_paragraph_per_line_text_stay_apart():
    table = "指标\n2026年目标\n城镇新增就业（人）\n3\n200\n城镇登记失业率（%）\n4\n%\n" * 3
    assert normalize(table, join_wraps=True).text == table
    paragraphs = ("全年新增城镇就业3000人，城镇调查失业率控制在5.5%以内，居民收入增长与经济增长基本同步8\n"
                  "6%的行政村实现通客车，全年新建改造农村公路120公里，改造危桥15座，持续提升农村交通服务水平。\n") * 4
    assert normalize(paragraphs).text == paragraphs.replace("，", "，")


def test_a_number_in_digit_groups_after_a_space_is_one_number():
    assert normalize("困难群众救助对象 12 345 人").text == "困难群众救助对象12345人"
    assert normalize("2024年 3 月").text == "2024年3月"  # a date's parts are not digit groups


def test_the_one_pass_normaliser_equals_the_character_loop():
    """`normalize` takes one translate pass when nothing is dropped or joined; on random texts
    of CJK, traditional and full-width characters, ASCII and every kind of horizontal space it
    gives the same text and offsets as the character loop."""
    import random

    from plangap.transform.text import normalize as n

    pool = list("地区生产总值增長億萬經濟ab1２ＡＢ％．,，。\n") + list(" \t\u00a0\u3000\u2009\u200b")
    rng = random.Random(7)
    for _ in range(400):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 40)))
        fast = n.normalize(text)
        if n._joined_spaces(text) or any(n._FOOTNOTE.finditer(text)):
            continue
        assert fast == n._normalize_loop(text, bytearray(len(text)), set()), repr(text)
