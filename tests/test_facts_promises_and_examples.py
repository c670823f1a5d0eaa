"""extract_facts on figures a page quotes without reporting them: a promise's figure in quotes, the
levels of a worked example in a note, a wider area's figure in a section headed by that area or a
comparison with it, and a city's figure on the page of one of its districts."""
from fact_rows import facts_of_text, values


def facts(text: str, title: str | None = "2023年某市国民经济和社会发展统计公报"):
    return facts_of_text(text, title)


# ---- a figure inside a quoted promise, target or plan -----------------------------------------
def test_a_quoted_promise_is_not_a_fact():
    fs = facts("年末全市共有养老机构58家。说明：年初承诺的“新建社区食堂120个”，进展情况另行通报。")
    assert values(fs) == [58]


def test_a_quoted_plan_figure_is_not_a_fact_but_a_later_quote_is_not_affected():
    fs = facts("按照计划“改造老旧小区45个”推进。全年改造“老旧”小区52个。")
    assert values(fs) == [52]


# ---- a worked example of a change -------------------------------------------------------------
def test_a_worked_change_after_for_example_is_not_a_fact():
    fs = facts("注：\n1.商品房价格指数反映价格变动程度。比如，指数由100下降到97，表示下降3%。\n"
               "全年商品房销售面积86.4万平方米。", title="2023年某市房地产市场运行情况")
    assert values(fs) == [864000.0]


def test_a_change_from_last_year_in_a_report_is_kept():
    fs = facts("例如，全市城镇调查失业率由5.6%下降到5.2%。")
    assert values(fs) == [5.6, 5.2]


# ---- a wider area's figure in a section about it ----------------------------------------------
def test_the_provinces_figure_under_a_province_heading_on_a_city_page_is_not_reported():
    fs = facts("一、财政收入\n全市一般公共预算收入98.6亿元，增长4.1%。\n二、全省情况\n全年全省一般公共预算收入增长3.2%。",
               title="2023年青柏市财政收支情况")
    assert values(fs) == [9.86e9, 4.1]


def test_the_countrys_figure_under_a_comparison_heading_on_a_province_page_is_not_reported():
    fs = facts("一、总体情况\n9月份，全省居民消费价格同比上涨0.5%。\n三、与全国比较\n9月份，全国居民消费价格同比上涨0.4%。",
               title="2024年9月份某岚省居民消费价格变动情况")
    assert values(fs) == [0.5]


def test_residents_prices_are_not_read_as_a_rank_continuation():
    fs = facts("6月份，居民消费价格同比上涨0.7%，居住类价格下降0.3%。", title="2024年6月份青柏市居民消费价格变动情况")
    assert values(fs) == [0.7, -0.3]


# ---- the city's figure on a district's page ---------------------------------------------------
def test_the_citys_figure_on_a_district_page_titled_with_its_city_is_not_reported():
    fs = facts("年末全区常住人口52.3万人。\n全市同期常住人口出生率为5.87‰。",
               title="青柏市北岸区2023年人口发展统计简报")
    assert values(fs) == [523000.0]
