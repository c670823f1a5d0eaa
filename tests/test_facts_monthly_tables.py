"""extract_facts on monthly
report tables, targets and other places' figures inside statistics pages, full-width counts
after 其中, and population-survey phrasing."""
from fact_rows import FIXTURES, facts_of_text, values

from plangap.transform.document import load_document
from plangap.transform.facts import extract_facts


def facts(text: str, title: str | None = "2021年某市国民经济和社会发展统计公报"):
    return facts_of_text(text, title)



# ---- 1. monthly report tables ----------------------------------------------------------------
def test_monthly_report_month_and_year_to_date_columns():
    path = FIXTURES / "monthly_report.txt"
    doc = load_document(path.read_bytes(), str(path))
    fs = extract_facts(doc)
    got = [(f.indicator, f.measure, f.value_normalized, f.unit_normalized, f.period) for f in fs if "|" in f.clause]
    assert got == [
        ("地区生产总值", "level", 9.0318e10, "元", "2023-01/2023-06"),
        ("地区生产总值", "growth_pct", 5.6, "%", "2023-01/2023-06"),
        ("规模以上工业总产值", "level", 1.3107e10, "元", "2023-07"),
        ("规模以上工业总产值", "level", 8.6652e10, "元", "2023-01/2023-07"),
        ("规模以上工业总产值", "growth_pct", 7.4, "%", "2023-01/2023-07"),
        ("装备制造业产值", "level", 4.833e9, "元", "2023-07"),
        ("装备制造业产值", "level", 3.1026e10, "元", "2023-01/2023-07"),
        ("装备制造业产值", "growth_pct", 10.9, "%", "2023-01/2023-07"),
        ("全社会用电量", "level", 9.71e8, "千瓦时", "2023-07"),
        ("全社会用电量", "level", 6.305e9, "千瓦时", "2023-01/2023-07"),
        ("全社会用电量", "growth_pct", 4.2, "%", "2023-01/2023-07"),
        ("固定资产投资", "growth_pct", 6.3, "%", "2023-01/2023-07"),
        # a month-end stock: the level and its growth are at the report's month
        ("金融机构人民币存款余额", "level", 3.28814e11, "元", "2023-07"),
        ("金融机构人民币存款余额", "growth_pct", 8.7, "%", "2023-07"),
        ("居民消费价格指数", "level", 100.6, None, "2023-07"),
        ("居民消费价格指数", "level", 101.2, None, "2023-01/2023-07"),
    ]
    sub = next(f for f in fs if f.value == 48.33)
    assert sub.clause == "#装备制造业产值 | 亿元 | 48.33 | 310.26 | 10.9" or sub.clause.startswith("装备制造业产值 |")
    text = {f.value: f for f in fs if "|" not in f.clause}
    assert text[6.6].period == "2023-01/2023-07"
    assert text[52.40].period == "2023-07" and text[52.40].value_normalized == 5.24e9
    assert text[9.8].period == "2023-01/2023-07"  # 7月当月 does not carry to the next sentence


def test_pipe_table_under_a_markdown_rule_without_edge_pipes():
    text = ("2022年1-9月主要指标\n"
            "指标 | 单位 | 1-9月 | 同比增长(%)\n"
            "---|---|---|---\n"
            "社会消费品零售总额 | 亿元 | 215.6 | 3.3\n")
    fs = facts(text, title="某县统计月报")
    assert [(f.value_normalized, f.measure, f.period) for f in fs] == [
        (2.156e10, "level", "2022-01/2022-09"), (3.3, "growth_pct", "2022-01/2022-09")]


# ---- 2. targets and other places inside a statistics page -------------------------------------
def test_aims_inside_a_statistics_page_are_not_facts():
    fs = facts("全年研发经费投入强度为2.6%。下一步力争达到2.8%。力争明年工业总产值突破900亿元、服务业增长7%以上。")
    assert values(fs) == [2.6]
    fs = facts("全年争取上级补助资金18.2亿元,增长5.0%。")  # money obtained is reported
    assert values(fs) == [1.82e9, 5.0]


def test_a_compared_city_is_not_the_page():
    fs = facts("全年全市地区生产总值731.5亿元,增长5.8%。与周边的石川市相比仍有差距,石川市全年地区生产总值"
               "1150.2亿元,增长4.6%,人均地区生产总值超过11万元。", title="2021年云岭市国民经济和社会发展统计公报")
    assert values(fs) == [7.315e10, 5.8]
    fs = facts("全年全县地区生产总值188.4亿元。相比之下,邻近的松溪县地区生产总值为201.7亿元。",
               title="2021年竹山县国民经济和社会发展统计公报")
    assert values(fs) == [1.884e10]


def test_districts_of_the_page_city_and_market_words_stay():
    fs = facts("2021年,青石区实现地区生产总值402.6亿元,增长6.2%。年末境内上市公司23家。新登记市场主体1.2万户。",
               title="2021年柳城各区县经济运行情况")
    assert values(fs) == [4.026e10, 6.2, 23, 12000]
    assert fs[0].scope == "青石区" and fs[2].scope is None and fs[3].scope is None


def test_a_growth_target_named_after_the_number_is_not_a_fact():
    fs = facts("前三季度经济稳中有进,为完成全年6.5%的增长目标打下基础。")
    assert fs == []


# ---- 4. full-width counts after 其中 ----------------------------------------------------------
def test_fullwidth_counts_after_qizhong():
    fs = facts("年末全市共有学校４１２所，其中普通中学６８所，小学１９０所。全市有卫生机构９０５个，其中医院３１个，诊所５２４个。")
    assert values(fs) == [412, 68, 190, 905, 31, 524]


# ---- 5. population survey phrasing ------------------------------------------------------------
def test_population_survey_levels_and_non_facts():
    fs = facts("全市常住人口中,男性人口为151.20万人。出生人口性别比(以女性为100,男性对女性的比例)为105.42。"
               "15岁及以上人口的平均受教育年限为9.95年。每10万人中拥有高中文化程度的人数为16480人。"
               "本次调查的抽样比为1.5‰。人口自然增长率=出生率-死亡率,城镇化率=城镇人口/常住人口×100%。",
               title="2021年某市人口变动情况抽样调查主要数据公报")
    by_value = {f.value_normalized: f for f in fs}
    assert sorted(by_value) == sorted([1512000, 105.42, 9.95, 16480])
    ratio = by_value[105.42]
    assert (ratio.indicator, ratio.unit, ratio.measure) == ("出生人口性别比", None, "level")
    assert ratio.clause.startswith("出生人口性别比")
    years = by_value[9.95]
    assert (years.unit, years.measure) == ("年", "level")
