"""The plan target extractor on fixture texts written for each phrasing class of real plans
(tests/fixtures/plans/): exact expected rows, in reading order.

Row: (clause, value, value_max, unit, value_normalized, unit_normalized, comparator, modifier,
kind, year).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from plangap.transform.document import load_document
from plangap.transform.records import Document
from plangap.transform.targets import extract_targets

PLANS = Path(__file__).parent / "fixtures" / "plans"
FIELDS = ("clause", "value", "value_max", "unit", "value_normalized", "unit_normalized", "comparator",
          "modifier", "kind", "year")


def _rows(name: str) -> list[tuple]:
    doc = load_document((PLANS / name).read_bytes(), name)
    out = []
    for t in extract_targets(doc):
        assert doc.text[t.start:t.end] == t.clause
        j = t.to_json()
        out.append(tuple(j[k] for k in FIELDS))
    return out


def _indicators(name: str) -> list[str]:
    return [t.indicator for t in extract_targets(load_document((PLANS / name).read_bytes(), name))]


def test_review_figures_are_not_targets_and_a_named_future_year_is_kept():
    assert _rows("review_vs_target.txt") == [
        ("地区生产总值增长5.5%左右", 5.5, None, "%", 5.5, "%", "=", "左右", "rate", 2024),
        ("一般公共预算收入增长5%", 5, None, "%", 5, "%", "=", None, "rate", 2024),
        ("城镇新增就业8万人以上", 8, None, "万人", 80000, "人", ">=", "以上", "count", 2024),
        ("城镇调查失业率5.5%以内", 5.5, None, "%", 5.5, "%", "<=", "以内", "ratio", 2024),
        ("居民消费价格涨幅3%左右", 3, None, "%", 3, "%", "=", "左右", "rate", 2024),
        ("数字经济核心产业增加值占比达到12%", 12, None, "%", 12, "%", "=", None, "ratio", 2026),
    ]


def test_review_section_gives_the_heading_path():
    doc = load_document((PLANS / "review_vs_target.txt").read_bytes(), "r")
    assert {t.section for t in extract_targets(doc)} == {"二 2024年工作安排"}


def test_ranges_tiers_declines_positive_growth_and_shared_subjects():
    assert _rows("ranges_tiers.txt") == [
        ("地区生产总值增长6%-6.5%", 6, 6.5, "%", 6, "%", "range", None, "rate", 2025),
        ("出口增长7.5%~8%", 7.5, 8, "%", 7.5, "%", "range", None, "rate", 2025),
        ("固定资产投资确保增长5%", 5, None, "%", 5, "%", "=", "确保", "rate", 2025),
        ("增长6%", 6, None, "%", 6, "%", "=", "力争", "rate", 2025),
        ("单位地区生产总值能耗下降3%", 3, None, "%", -3, "%", "=", None, "rate", 2025),
        ("化学需氧量排放量下降2%以上", 2, None, "%", -2, "%", ">=", "以上", "rate", 2025),
        ("工业用电量保持正增长", 0, None, "%", 0, "%", ">", None, "rate", 2025),
        ("城乡居民人均可支配收入分别增长6%", 6, None, "%", 6, "%", "=", None, "rate", 2025),
        ("7%左右", 7, None, "%", 7, "%", "=", "左右", "rate", 2025),
        ("城镇和农村居民养老保险参保率均达到95%", 95, None, "%", 95, "%", "=", None, "ratio", 2025),
        ("城镇和农村居民养老保险参保率均达到95%", 95, None, "%", 95, "%", "=", None, "ratio", 2025),
        ("实施100个以上重点项目", 100, None, "个", 100, "个", ">=", "以上", "count", 2025),
        ("新增规上工业企业60家左右", 60, None, "家", 60, "家", "=", "左右", "count", 2025),
    ]
    inds = _indicators("ranges_tiers.txt")
    assert inds[3] == "固定资产投资"  # the second tier takes the indicator of the first
    assert inds[7:11] == ["城镇居民人均可支配收入", "农村居民人均可支配收入",
                          "城镇居民养老保险参保率", "农村居民养老保险参保率"]


def test_targets_in_a_text_table():
    assert _rows("tables.txt") == [
        ("地区生产总值增长 | % | 4.1 | 6左右", 6, None, "%", 6, "%", "=", "左右", "rate", 2023),
        ("一般公共预算收入 | 亿元 | 310 | 325", 325, None, "亿元", 3.25e10, "元", "=", None, "amount", 2023),
        ("城镇新增就业 | 万人 | 9.8 | 10以上", 10, None, "万人", 100000, "人", ">=", "以上", "count", 2023),
        ("PM2.5年均浓度 | 微克/立方米 | 31 | 30以下", 30, None, "微克/立方米", 30, "微克/立方米", "<=", "以下",
         "level", 2023),
    ]


def test_targets_in_an_html_table_and_paragraphs():
    assert _rows("table_page.html") == [
        ("地区生产总值增长 | % | 4.1 | 6左右", 6, None, "%", 6, "%", "=", "左右", "rate", 2023),
        ("城镇新增就业 | 万人 | 9.8 | 10以上", 10, None, "万人", 100000, "人", ">=", "以上", "count", 2023),
        ("森林覆盖率 | % | 30.2 | 30.5", 30.5, None, "%", 30.5, "%", "=", None, "ratio", 2023),
        ("新建5G基站3000个", 3000, None, "个", 3000, "个", "=", None, "count", 2023),
    ]


def test_mirror_glosses_traditional_characters_and_question_marks():
    # the clause is the text as written (glosses included); `6?萬人` is discarded, not guessed
    assert _rows("mirror.txt") == [
        ("地區(qū)生產(chǎn)總值增長(zhǎng)6.5%左右", 6.5, None, "%", 6.5, "%", "=", "左右", "rate", None),
        ("社會消費品零售總額增長(zhǎng)8%", 8, None, "%", 8, "%", "=", None, "rate", None),
        ("城鎮(zhèn)登記失業(yè)率控制在4.5%以內", 4.5, None, "%", 4.5, "%", "<=", "控制在,以内", "ratio", None),
    ]
    assert _indicators("mirror.txt")[0] == "地区生产总值"


def test_chinese_numerals_and_stray_spaces():
    assert _rows("numerals_spaces.txt") == [
        ("GDP 增长 5%", 5, None, "%", 5, "%", "=", None, "rate", 2022),
        ("一般公共预算收入增长百分之六点五", 6.5, None, "%", 6.5, "%", "=", None, "rate", 2022),
        ("人口自然增长率控制在千分之四以内", 4, None, "‰", 4, "‰", "<=", "控制在,以内", "ratio", 2022),
        ("新建三所学校", 3, None, "所", 3, "所", "=", None, "count", 2022),
        ("新增托位1. 2万个", 1.2, None, "万个", 12000, "个", "=", None, "count", 2022),
        ("新建公园 12 个", 12, None, "个", 12, "个", "=", None, "count", 2022),
    ]


def test_numbers_that_are_names_ranks_or_qualifiers_are_not_targets():
    assert _rows("names.txt") == [
        ("318国道改造工程开工建设", None, None, None, None, None, None, None, "commitment", 2021),
        ("培育营收超50亿元企业12家", 12, None, "家", 12, "家", "=", None, "count", 2021),
        ("引进世界500强企业投资项目10个以上", 10, None, "个", 10, "个", ">=", "以上", "count", 2021),
        ("为300名困难群众提供法律援助", 300, None, "名", 300, "名", "=", None, "count", 2021),
    ]


def test_commitments_of_this_year_only_one_record_per_object():
    assert _rows("commitments.txt") == [
        ("环城高速南段、滨江大道建成通车", None, None, None, None, None, None, "确保", "commitment", 2023),
        ("环城高速南段、滨江大道建成通车", None, None, None, None, None, None, "确保", "commitment", 2023),
        ("体育中心二期开工建设", None, None, None, None, None, None, None, "commitment", 2023),
        ("轨道交通1号线开通运营", None, None, None, None, None, None, None, "commitment", 2023),
        ("市图书馆新馆投入使用", None, None, None, None, None, None, None, "commitment", 2023),
        ("竣工项目40个", 40, None, "个", 40, "个", "=", None, "count", 2023),
    ]
    assert _indicators("commitments.txt")[:2] == ["环城高速南段", "滨江大道"]


@pytest.mark.parametrize("text, expected", [
    ("今年新增就业9.1万人、再就业3.5万人。", [("新增就业9.1万人", 91000.0), ("再就业3.5万人", 35000.0)]),
    ("今年重点培育50家示范企业、30家示范农场。", [("培育50家示范企业", 50.0), ("30家示范农场", 30.0)]),
    ("今年招引总投资20亿元或2亿美元项目15个。", [("招引总投资20亿元或2亿美元项目15个", 15.0)]),
    ("今年新增协议外资超5000万美元项目40个。", [("新增协议外资超5000万美元项目40个", 40.0)]),
    ("今年新增3岁以下婴幼儿托位2000个。", [("新增3岁以下婴幼儿托位2000个", 2000.0)]),
    ("今年推进60个产业园区建设。", []),
    ("今年实施“235”工程和“4+2”行动,推动地铁3号线建设。", []),
    ("今年PM2.5平均浓度降至30微克/立方米。", [("PM2.5平均浓度降至30微克/立方米", 30.0)]),
    ("2019年,地区生产总值增长6.5%左右,规上工业增加值增长7%以上。", []),
    ("今年以来,已完成项目30个。", []),
    ("国际货币基金组织预测今年全球经济增长3.2%。", []),
    ("今年,城乡居民收入倍差缩小到1.9以内。", [("城乡居民收入倍差缩小到1.9以内", 1.9)]),
    ("全市2024年民生实事共10件。新建口袋公园20个。", [("新建口袋公园20个", 20.0)]),
])
def test_sentences(text, expected):
    got = [(t.clause, t.value_normalized) for t in extract_targets(Document(text=text, year=2024))]
    assert got == expected
