"""extract_facts on small texts written for each phrasing class of statistics publications."""
from pathlib import Path

import pytest

from transform.document import load_document
from transform.facts import extract_facts
from transform.records import Document

FIXTURES = Path(__file__).parent / "fixtures" / "stats"


def facts(text: str, title: str | None = "2019年某市国民经济和社会发展统计公报", hint: str | None = None):
    doc = Document(text=text, title=title, year=None, published="2020-03-01")
    out = extract_facts(doc, hint)
    for f in out:
        assert doc.text[f.start:f.end] == f.clause
        assert f.publication == title and f.published == "2020-03-01"
    return out


def one(fs, value):
    hits = [f for f in fs if f.value == value]
    assert len(hits) == 1, [(f.value, f.clause) for f in fs]
    return hits[0]


def test_level_and_growth_pair_share_a_clause():
    fs = facts("全年全市一般公共预算收入88.6亿元,比上年增长3.2%。")
    assert [(f.measure, f.value_normalized, f.unit_normalized) for f in fs] == [
        ("level", 8.86e9, "元"), ("growth_pct", 3.2, "%")]
    assert {f.clause for f in fs} == {"一般公共预算收入88.6亿元,比上年增长3.2%"}
    assert fs[0].indicator == "一般公共预算收入" and fs[0].indicator_id == "public_budget_revenue"
    assert fs[0].period == "2019"


def test_comparable_prices_and_year_on_year():
    fs = facts("初步核算,全年地区生产总值1234.5亿元,按可比价格计算,比上年增长6.1%。上半年,工业投资同比增长8%。")
    assert one(fs, 6.1).measure == "growth_pct" and one(fs, 6.1).indicator_id == "gdp"
    assert one(fs, 1234.5).clause == "地区生产总值1234.5亿元,按可比价格计算,比上年增长6.1%"
    f = one(fs, 8.0)
    assert (f.measure, f.period, f.indicator_id) == ("growth_pct", "2019-01/2019-06", "industrial_investment")


def test_decline_is_negative_and_change_in_points():
    fs = facts("房地产开发投资下降7.5%,增速比上年回落2.1个百分点。城镇化率61.2%,比上年末提高0.8个百分点。")
    assert one(fs, 7.5).value_normalized == -7.5
    assert (one(fs, 2.1).measure, one(fs, 2.1).value_normalized) == ("change_pp", -2.1)
    assert (one(fs, 0.8).measure, one(fs, 0.8).value_normalized) == ("change_pp", 0.8)
    assert one(fs, 61.2).measure == "level"


def test_shares():
    fs = facts("民营经济增加值1000.2亿元,占地区生产总值的55.1%。高新技术产业产值占规模以上工业产值比重为47.3%。")
    assert one(fs, 55.1).measure == "share_pct"
    assert one(fs, 47.3).measure == "share_pct" and one(fs, 47.3).indicator_id == "high_tech_output_share"
    assert one(fs, 55.1).indicator_id != "gdp"


def test_ratios_per_mille_and_per_capita():
    fs = facts("三次产业结构为3.2∶45.1∶51.7。城乡居民收入比为2.05:1。全年人口出生率6.8‰,自然增长率-1.1‰。"
               "全体居民人均可支配收入41234元,增长5.0%。")
    r = one(fs, 3.2)
    assert (r.measure, r.value_normalized, r.unit) == ("ratio", 3.2, None)
    assert (one(fs, 2.05).measure, one(fs, 2.05).value_normalized) == ("ratio", 2.05)
    assert (one(fs, -1.1).measure, one(fs, -1.1).value_normalized) == ("per_mille", -1.1)
    assert one(fs, 6.8).indicator_id == "birth_rate"
    assert one(fs, 41234).indicator_id == "disposable_income_all" and one(fs, 41234).unit_normalized == "元"


def test_year_end_stock():
    fs = facts("年末全市金融机构本外币存款余额5678.9亿元,比上年末增长9.9%。年末户籍人口123.45万人。")
    assert one(fs, 5678.9).period == "2019-12-31" and one(fs, 9.9).period == "2019-12-31"
    assert one(fs, 123.45).value_normalized == 1234500 and one(fs, 123.45).period == "2019-12-31"


def test_part_year_periods_and_hint():
    fs = facts("1-8月,全市实际使用外资5.2亿美元,同比增长11%。", title="全市利用外资情况", hint="2021-01/2021-08")
    assert one(fs, 5.2).period == "2021-01/2021-08" and one(fs, 5.2).value_normalized == 5.2e8
    fs = facts("前三季度,社会消费品零售总额900.1亿元,增长12.0%。", title="2021年全市经济运行情况")
    assert one(fs, 900.1).period == "2021-01/2021-09"
    fs = facts("10月当月,规模以上工业增加值增长4.4%。", title="2021年1-10月全市工业运行")
    assert one(fs, 4.4).period == "2021-10"


def test_five_year_total_and_district_keep_a_scope():
    fs = facts("“十三五”期间,全市累计新增城镇就业60.2万人。东湖区地区生产总值300.4亿元,增长7.0%。",
               title="2020年某市统计公报")
    f = one(fs, 60.2)
    assert f.period == "2016/2020" and f.scope
    assert one(fs, 300.4).scope == "东湖区" and one(fs, 7.0).scope == "东湖区"


def test_completion_ratios_and_thresholds_are_not_facts():
    fs = facts("全年城镇新增就业5.6万人,完成年度目标任务的112.0%。规模以上工业指年主营业务收入2000万元及以上的工业企业。")
    assert [f.value for f in fs] == [5.6]


def test_chinese_numerals():
    fs = facts("去年居民人均可支配收入五萬一千多元,增長百分之四點四。研究生在校生廿二萬多人。")
    assert one(fs, 4.4).measure == "growth_pct"
    assert one(fs, 51000).unit_normalized == "元"
    assert [f.value_normalized for f in fs if f.unit_normalized == "人"] == [220000]


def test_stray_spaces_glosses_and_question_marks():
    fs = facts("第二產(chǎn)業增加值 49. 5億元,增長2.9 %。第三产业增加值5?.1亿元,增长3.3%。")
    assert one(fs, 49.5).value_normalized == 4.95e9 and one(fs, 2.9).measure == "growth_pct"
    assert 5.1 not in {f.value for f in fs} and one(fs, 3.3).measure == "growth_pct"


def test_lost_separators_are_not_split():
    fs = facts("第一、二、三产业增加值分别为12334455亿元,分别增长4.0%12.2%12.8%。")
    assert fs == []


def test_html_release_table_gb2312():
    path = FIXTURES / "release_table.html"
    doc = load_document(path.read_bytes(), str(path), "text/html; charset=gb2312")
    fs = extract_facts(doc)
    got = [(f.indicator, f.measure, f.value_normalized, f.period) for f in fs]
    assert got == [
        ("地区生产总值", "level", 4.127e10, "2022-01/2022-09"),
        ("地区生产总值", "growth_pct", 5.3, "2022-01/2022-09"),
        ("规模以上工业增加值", "growth_pct", 7.1, "2022-01/2022-09"),
        ("一般公共预算收入", "level", 3.02e9, "2022-01/2022-09"),
        ("一般公共预算收入", "growth_pct", -2.4, "2022-01/2022-09"),
    ]
    assert fs[0].clause == "地区生产总值 | 亿元 | 412.7 | 5.3"
