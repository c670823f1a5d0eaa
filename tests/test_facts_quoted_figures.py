"""extract_facts on figures that a statistics page quotes but does not report: the country's or a
wider area's figure given for context, moves of a rank, progress against the calendar, aims that
run on through a list, and the page's view counter."""
from fact_rows import FIXTURES, facts_of_text, values

from plangap.transform.document import load_document
from plangap.transform.facts import extract_facts


def facts(text: str, title: str | None = "2022年某市国民经济和社会发展统计公报"):
    return facts_of_text(text, title)



# ---- 1. the country's figure on a smaller area's page ----------------------------------------
def test_country_gdp_with_a_period_on_a_province_page_is_not_reported():
    fs = facts("问：全国上半年国内生产总值增长5.5%，我省能否保持较快增长？答：上半年全省地区生产总值增长6.1%。",
               title="2023年上半年某某省经济运行新闻发布会")
    assert values(fs) == [6.1]


def test_gross_domestic_product_without_a_subject_on_a_city_page_is_the_countrys():
    fs = facts("前三季度，国内生产总值增长4.9%。全市地区生产总值1520.3亿元，增长5.6%。",
               title="2023年前三季度青柏市经济运行情况")
    assert values(fs) == [1.5203e11, 5.6]


def test_the_countrys_page_keeps_its_own_gross_domestic_product():
    fs = facts("全年国内生产总值1260582亿元，比上年增长5.2%。", title="2023年国民经济和社会发展统计公报")
    assert values(fs) == [1.260582e14, 5.2]


# ---- 2. a rank's move ------------------------------------------------------------------------
def test_a_rank_moving_up_or_down_is_not_a_fact():
    fs = facts("全市经济总量在全省排名第5位，比上年前移2位。规上工业增加值增速居全省第3位，较上年上升4位。"
               "全年新增院士工作站3个。")
    assert values(fs) == [3]


def test_people_counted_in_wei_are_kept():
    fs = facts("全年引进高层次人才42位，比上年增加6位。")
    assert values(fs) == [42, 6]


# ---- 3. a wider area's comparison figure ------------------------------------------------------
def test_the_citys_figure_on_a_county_page_is_not_reported():
    fs = facts("全年全县规模以上工业增加值增长8.2%，全市同期增长6.9%。", title="2022年青柏县国民经济和社会发展统计公报")
    assert values(fs) == [8.2]


def test_the_citys_own_page_keeps_its_figure():
    fs = facts("全年全市规模以上工业增加值增长6.9%，同期全省增长5.1%。", title="2022年青柏市国民经济和社会发展统计公报")
    assert values(fs) == [6.9]


# ---- 4. progress against the calendar ---------------------------------------------------------
def test_progress_against_the_schedule_is_not_a_fact():
    fs = facts("1-8月，全区固定资产投资增长11.2%，完成年度计划的70.5%，快于时间进度3.8个百分点；"
               "税收收入12.3亿元，超序时进度1.6个百分点。", title="某某区2023年1-8月经济运行简况")
    assert values(fs) == [11.2, 1.23e9]


# ---- 5. an aim runs on through the list after it -----------------------------------------------
def test_a_threshold_after_an_aim_in_the_same_sentence_is_not_a_fact():
    fs = facts("四季度，要力争全年社会消费品零售总额增长6%以上，外贸进出口总额突破500亿元。",
               title="青柏市2023年前三季度经济运行分析")
    assert fs == []


def test_a_threshold_before_the_exact_figure_keeps_only_the_figure():
    fs = facts("全年全市进出口总额突破500亿元，达到523.6亿元，增长8.8%。")
    assert values(fs) == [5.236e10, 8.8]


def test_a_reported_figure_before_the_aim_is_kept():
    fs = facts("前三季度全市固定资产投资增长7.4%，力争全年增长8%以上，工业投资突破300亿元。",
               title="青柏市2023年前三季度经济运行分析")
    assert values(fs) == [7.4]


# ---- 6. page chrome ------------------------------------------------------------------------
def test_view_counters_are_not_facts():
    fs = facts("发布时间：2023-03-01　浏览：3,571次\n阅读量：1.2万次\n全年全市接待游客1235.6万人次，增长31.2%。")
    assert values(fs) == [12356000, 31.2]


# ---- all of them in one county bulletin mirrored under a breadcrumb title ---------------------
def test_county_mirror_fixture():
    path = FIXTURES / "county_mirror_context.txt"
    doc = load_document(path.read_bytes(), str(path))
    fs = extract_facts(doc)
    assert [(f.indicator, f.value_normalized) for f in fs] == [
        ("地区生产总值", 9.876e9), ("地区生产总值", 7.1),
        ("第一产业增加值", 1.502e9), ("第一产业增加值", 6.8),
        ("一般公共预算收入", 6.43e8), ("一般公共预算收入", 9.2),
        ("城镇新增就业", 3215),
    ]
