"""extract_facts on PDF text
hard-wrapped inside sentences and numbers, yearbook tables laid out one cell per line (several
tables, a unit column, a growth column, a definitions section), budget figures in the notes of a
finance release, and the periods of stocks and flows."""
from fact_rows import FIXTURES, facts_of_text

from plangap.transform.document import load_document
from plangap.transform.facts import extract_facts


def facts(text: str, title: str | None = "2022年某县国民经济和社会发展统计公报"):
    return facts_of_text(text, title)


def fixture(name: str):
    path = FIXTURES / name
    doc = load_document(path.read_bytes(), str(path))
    out = extract_facts(doc)
    for f in out:
        assert doc.text[f.start:f.end] == f.clause
    return out


# ---- 1. hard-wrapped PDF text -----------------------------------------------------------------
def test_wrapped_lines_join_numbers_units_and_indicators():
    fs = fixture("wrapped_pdf.txt")
    got = [(f.indicator, f.measure, f.value_normalized, f.unit) for f in fs]
    assert got == [
        ("社会消费品零售总额", "level", 7.642e9, "亿元"),
        ("社会消费品零售总额", "growth_pct", 7.9, "%"),
        ("社会消费品零售总额", "change_pp", 0.4, "个百分点"),
        ("城镇消费品零售额", "level", 6.135e9, "亿元"),  # 61.3 / 5亿元 across the break
        ("城镇消费品零售额", "growth_pct", 8.2, "%"),
        ("乡村消费品零售额", "level", 1.507e9, "亿元"),  # 15.07亿 / 元
        ("乡村消费品零售额", "growth_pct", 6.6, "%"),
        ("餐饮收入", "level", 9.84e8, "亿元"),
        ("餐饮收入", "growth_pct", 14.1, "%"),  # 14. / 1%
        ("商品零售", "level", 6.658e9, "亿元"),
        ("商品零售", "growth_pct", 6.9, "%"),
        ("限额以上单位通过网络实现的零售额", "level", 4.26e8, "亿元"),  # indicator / number
        ("限额以上单位通过网络实现的零售额", "growth_pct", 21.3, "%"),
        ("限额以上单位通过网络实现的零售额占限额以上单位零售额", "share_pct", 18.5, "%"),
    ]
    assert all(f.period == "2023-01/2023-09" for f in fs)
    assert 72.6 not in [f.value for f in fs]  # 完成全年目标任务的72.6%, split over two lines


def test_lines_of_one_sentence_each_are_not_joined():
    text = ("全县规模以上工业增加值增长6.1%，增速比上半年回落0.3个百分点\n"
            "固定资产投资增长4.4%，其中工业投资增长12.8%\n"
            "社会消费品零售总额52.6亿元，增长5.5%\n"
            "一般公共预算收入18.2亿元，增长3.7%\n"
            "城镇居民人均可支配收入41265元，增长4.6%\n"
            "居民消费价格指数为101.8\n"
            "全社会用电量12.4亿千瓦时，增长6.0%\n")
    fs = facts(text)
    got = [(f.indicator, f.value_normalized) for f in fs]
    assert ("固定资产投资", 4.4) in got and ("社会消费品零售总额", 5.26e9) in got
    assert ("一般公共预算收入", 1.82e9) in got and ("城镇居民人均可支配收入", 41265.0) in got
    assert ("居民消费价格指数", 101.8) in got and ("全社会用电量", 1.24e9) in got
    assert len(fs) == 13


def test_poster_phrases_one_to_a_line_stay_apart():
    text = "图片\n其中，电子信息产业表现突出\n10月，增加值增长18%\n重点项目加快推进\n"
    fs = facts(text, title="2023年1-10月全省经济运行情况")
    assert [(f.value_normalized, f.clause) for f in fs] == [(18.0, "增加值增长18%")]


# ---- 2. yearbook tables one cell per line -----------------------------------------------------
def test_yearbook_tables_one_cell_per_line():
    fs = fixture("yearbook_cells.txt")
    got = [(f.indicator, f.measure, f.value_normalized, f.unit, f.period) for f in fs]
    assert got == [
        ("年末规上工业企业数", "level", 412.0, "家", "2022-12-31"),
        ("年末规上工业企业数", "level", 398.0, "家", "2021-12-31"),
        ("规上工业企业全员劳动生产率", "level", 316000.0, "万元/人", "2022"),
        ("规上工业企业全员劳动生产率", "level", 298000.0, "万元/人", "2021"),
        # the second table has its own header: a unit column and a growth column in %
        ("发电量", "level", 2.15406e9, "万千瓦时", "2022"),
        ("发电量", "growth_pct", 6.4, "%", "2022"),
        ("水泥", "level", 987412.0, "吨", "2022"),
        ("水泥", "growth_pct", -8.3, "%", "2022"),
        ("年末工业蒸汽锅炉", "level", 57.0, "台", "2022-12-31"),
        ("年末工业蒸汽锅炉", "growth_pct", -1.7, "%", "2022-12-31"),
    ]


def test_yearbook_per_mille_rows_and_caption_period():
    text = ("3-2 人口变动（2022年）\n指标\n数值\n出生率（‰）\n5.84\n死亡率（‰）\n8.12\n"
            "城镇化率（%）\n58.3\n")
    fs = facts(text, title="青浦统计年鉴2023")
    assert [(f.indicator, f.measure, f.value, f.period) for f in fs] == [
        ("出生率", "per_mille", 5.84, "2022"), ("死亡率", "per_mille", 8.12, "2022"),
        ("城镇化率", "level", 58.3, "2022")]


def test_yearbook_text_takes_the_year_before_the_book():
    text = ("【概况】年末全市金融机构人民币存款余额2215.6亿元，比上年末增长8.1%。"
            "全年保险保费收入64.2亿元，增长3.0%。")
    fs = facts(text, title="柳岸统计年鉴—2023")
    assert [(f.value_normalized, f.period) for f in fs] == [
        (2.2156e11, "2022-12-31"), (8.1, "2022-12-31"), (6.42e9, "2022"), (3.0, "2022")]


# ---- 3. budgets in a finance release ----------------------------------------------------------
def test_budget_figures_and_completion_ratios_are_not_facts():
    text = ("1-9月，全区一般公共预算支出完成88.4亿元，同比增长3.2%，完成年度预算的71.5%。\n"
            "说明：经区人大常委会批准，全年一般公共预算支出调整预算为126.7亿元，增长4%。\n"
            "全年政府性基金预算收入计划数为40亿元。\n")
    fs = facts(text, title="某区2023年1-9月财政收支情况")
    assert [(f.value_normalized, f.period) for f in fs] == [
        (8.84e9, "2023-01/2023-09"), (3.2, "2023-01/2023-09")]


# ---- 4. periods of stocks and flows -----------------------------------------------------------
def test_a_balance_in_a_part_year_report_is_at_the_end_of_its_last_month():
    text = "8月末，全市金融机构存款余额3120.4亿元，增长9.0%。\n贷款余额2876.1亿元，增长10.6%。\n"
    fs = facts(text, title="2023年1-8月全市经济运行简况")
    assert [(f.value_normalized, f.period) for f in fs] == [
        (3.1204e11, "2023-08-31"), (9.0, "2023-08-31"), (2.8761e11, "2023-08-31"), (10.6, "2023-08-31")]


def test_a_year_end_date_does_not_carry_to_the_next_sentences_output():
    text = "全年牛出栏3.6万头，增长2.1%；年末牛存栏8.4万头，下降1.5%。牛奶产量5.12万吨，增长3.3%。"
    fs = facts(text)
    assert [(f.value_normalized, f.period) for f in fs] == [
        (36000.0, "2022"), (2.1, "2022"), (84000.0, "2022-12-31"), (1.5 * -1, "2022-12-31"),
        (51200.0, "2022"), (3.3, "2022")]


def test_a_bulletin_title_line_in_the_body_gives_the_year():
    text = ("首页 > 统计数据 > 统计公报\n\n2022年石湾市国民经济和社会发展统计公报\n"
            "全年地区生产总值1520.3亿元，比上年增长4.1%。年末常住人口203.5万人。\n")
    fs = facts(text, title="首页 > 统计数据 > 统计公报")
    assert [(f.value_normalized, f.period) for f in fs] == [
        (1.5203e11, "2022"), (4.1, "2022"), (2035000.0, "2022-12-31")]


def test_an_abbreviation_after_the_indicator_is_not_part_of_its_name():
    fs = facts("全县地区生产总值（GDP）356.7亿元，增长5.2%。居民消费价格(CPI)上涨1.8%。")
    assert [f.indicator for f in fs] == ["地区生产总值", "地区生产总值", "居民消费价格"]
