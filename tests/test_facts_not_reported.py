"""extract_facts on numbers of a
statistics page that report nothing that happened (docs/labelling.md, "Facts"):
1. table columns of how far a target or plan is done (完成年度目标进度(%), 占年度计划(%));
2. definitions of what a statistic covers (统计范围为…, 统计口径为…) and their alternatives;
3. worked examples and glossary sections (例如…, 即…, 名词解释, 词汇);
4. the country's or the province's figure quoted for comparison on a page about a smaller place."""
from fact_rows import FIXTURES, facts_of_text, values

from plangap.transform.document import load_document
from plangap.transform.facts import extract_facts


def facts(text: str, title: str | None = "2023年某市国民经济和社会发展统计公报"):
    return facts_of_text(text, title)



# ---- 1. completion columns of tables ---------------------------------------------------------
def test_completion_and_target_columns_of_pipe_tables_are_skipped():
    path = FIXTURES / "plan_progress_table.txt"
    fs = extract_facts(load_document(path.read_bytes(), str(path)))
    got = [(f.indicator, f.measure, f.value) for f in fs if "|" in f.clause]
    assert got == [
        ("地区生产总值", "level", 204.35), ("地区生产总值", "growth_pct", 5.2),
        ("固定资产投资", "growth_pct", 6.7),
        ("社会消费品零售总额", "level", 88.61), ("社会消费品零售总额", "growth_pct", 4.4),
        ("农民人均可支配收入", "level", 17342.0), ("农民人均可支配收入", "growth_pct", 6.1),
        ("新增城镇就业", "level", 4120.0), ("新增城镇就业", "growth_pct", 2.3),
        ("工业用电量", "level", 36125.0),
    ]


def test_life_expectancy_column_is_not_a_plan_column():
    text = "指标 | 2023年 | 人均预期寿命(岁)\n城区 | 41.2 | 80.6\n"
    fs = facts(text, "某县2023年人口主要数据")
    assert [f.value for f in fs] == [41.2, 80.6]


def test_completion_column_of_an_html_table_is_skipped():
    html = ("<html><head><title>桐川市2023年1-6月主要指标</title></head><body><table>"
            "<tr><th>指标</th><th>1-6月</th><th>增长(%)</th><th>完成年度目标(%)</th></tr>"
            "<tr><td>一般公共预算收入(亿元)</td><td>41.2</td><td>3.3</td><td>52.7</td></tr>"
            "</table></body></html>").encode()
    fs = extract_facts(load_document(html, "page.html"))
    assert sorted(f.value for f in fs) == [3.3, 41.2]


# ---- 2. definitions of a statistic's scope ---------------------------------------------------
def test_scope_definition_and_its_bracketed_alternatives_are_not_facts():
    text = ("注：规模以上批发零售业统计范围为年主营业务收入2000万元及以上的批发业和500万元及以上的零售业"
            "（个别地区为300万元或100万元及以上）。")
    assert facts(text) == []


def test_statistical_caliber_and_starting_point_are_not_facts():
    text = ("固定资产投资统计口径为计划总投资500万元（农户为50万元）的项目。"
            "房地产开发统计起点标准为300万元（含800万元的配套工程）。")
    assert facts(text) == []


def test_a_figure_after_a_scope_definition_in_the_same_sentence_is_kept():
    text = "规模以上工业统计范围为年主营业务收入2000万元及以上的工业企业，全年规模以上工业增加值比上年增长6.4%。"
    assert values(facts(text)) == [6.4]


# ---- 3. worked examples and glossary sections ------------------------------------------------
def test_worked_example_after_liru_or_biru_is_not_a_fact():
    text = ("百分点：用于比较两个百分数的差，比如失业率从4.8%降到4.5%，就是下降了0.3个百分点。"
            "全年城镇调查失业率为5.1%。")
    assert values(facts(text)) == [5.1]


def test_ji_restating_an_explanation_is_not_a_fact():
    text = "增长率：本期数与上期数之差占上期数的比重,即增长12.0%表示比上期多出百分之十二。"
    assert facts(text) == []


def test_made_up_case_is_not_a_fact():
    text = "假设某企业上年产值为100万元,今年为110万元,则增长10%。"
    assert facts(text) == []


def test_liru_introducing_a_reported_figure_is_kept():
    text = "新产品产量快速增长,例如新能源汽车产量增长35.2%,如工业机器人产量增长18.0%。"
    assert values(facts(text)) == [35.2, 18.0]


def test_ji_in_a_reporting_sentence_is_kept():
    text = "全年新增城镇就业1.8万人,即比上年多0.2万人。"
    assert values(facts(text)) == [18000, 2000]


def test_glossary_section_numbers_are_not_facts():
    text = ("全年居民消费价格比上年上涨0.8%。\n"
            "名词解释：\n"
            "居民消费价格指数：以2020年为基期，基期指数为100，反映价格变动，指数102.5即上涨2.5%。\n"
            "人均可支配收入：举例，一户三口人年收入9万元，人均为3万元。\n"
            "\n"
            "年末全市常住人口312.4万人。")
    assert values(facts(text)) == [0.8, 3124000]


def test_vocabulary_count_and_page_links_are_not_facts():
    text = ("全年粮食产量42.6万吨，增长1.2%。\n"
            "上一篇：统计常用术语60条  下一篇：财经汉语词汇300个\n"
            "本站收录财经词汇150个。")
    assert values(facts(text)) == [426000, 1.2]


# ---- 4. the country's or the province's figure on a smaller place's page ---------------------
CITY = "南屏市2024年前三季度经济运行情况"


def test_national_figure_of_the_same_period_is_not_the_citys():
    text = ("前三季度，全市地区生产总值2411.8亿元，同比增长5.9%。同期全国国内生产总值增长4.8%，"
            "比上半年回落0.2个百分点。全市规模以上工业增加值增长7.0%。")
    assert values(facts(text, CITY)) == [2.4118e11, 5.9, 7.0]


def test_provincial_figure_in_a_comparison_is_not_the_countys():
    text = "前三季度，全县固定资产投资增长8.3%。全省固定资产投资增长3.1%，全县增速高于全省5.2个百分点。"
    assert values(facts(text, "青禾县2024年前三季度经济运行简况")) == [8.3, 5.2]


def test_provincial_figure_without_a_comparison_is_left_alone():
    text = "全省规模以上工业增加值比上年同期增长4.6%。"
    assert values(facts(text, "青禾县2024年前三季度经济运行简况")) == [4.6]


def test_provincial_figures_on_a_provincial_page_are_kept():
    text = "前三季度，全省地区生产总值41230.5亿元，同比增长5.4%，高于全国0.6个百分点。"
    assert values(facts(text, "东岭省2024年前三季度经济运行情况")) == [4.12305e12, 5.4, 0.6]


def test_a_comparison_with_the_country_as_base_is_the_citys_own():
    text = "前三季度，全市社会消费品零售总额880.2亿元，增长4.1%，比全国平均水平高0.8个百分点。"
    assert values(facts(text, CITY)) == [8.802e10, 4.1, 0.8]
