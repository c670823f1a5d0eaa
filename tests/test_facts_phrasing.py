"""extract_facts on small texts written for each phrasing class of statistics publications."""
from pathlib import Path

from plangap.transform.document import load_document
from plangap.transform.facts import extract_facts
from plangap.transform.records import Document

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
    # one long number cannot be cut into three; the growths each end in % and 分别 pairs them
    # with the three listed items, so they are split (and only they)
    fs = facts("第一、二、三产业增加值分别为12334455亿元,分别增长4.0%12.2%12.8%。")
    assert [(f.value, f.measure) for f in fs] == [(4.0, "growth_pct"), (12.2, "growth_pct"), (12.8, "growth_pct")]
    # two items, three values; values without a unit each; no 分别: no split can be justified
    assert facts("粮食、油料产量分别增长1.1%2.6%3.9%。") == []
    assert facts("粮食、油料产量分别为43.5812.6万吨。") == []
    assert facts("全年粮食产量增长1.1%2.6%。") == []


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


def test_glued_values_split_when_the_list_justifies_it():
    fs = facts("分门类看,采矿业、制造业、建筑业增加值分别增长2.5%7.7%-1.3%,批发业增长4.1%。")
    assert [(f.value, f.value_normalized) for f in fs] == [(2.5, 2.5), (7.7, 7.7), (-1.3, -1.3), (4.1, 4.1)]
    assert fs[0].clause == "采矿业、制造业、建筑业增加值分别增长2.5%7.7%-1.3%"
    fs = facts("城镇、农村居民人均消费支出分别为25410元14377元,分别增长6.6%9.2%。")
    assert [(f.value, f.measure) for f in fs] == [
        (25410, "level"), (14377, "level"), (6.6, "growth_pct"), (9.2, "growth_pct")]
    fs = facts("限额以上住宿业餐饮业营业额分别增长16.2%21.5%。")
    assert [f.value for f in fs] == [16.2, 21.5]
    fs = facts("其中,进口、出口分别下降3.3%0.7%。")
    assert [f.value_normalized for f in fs] == [-3.3, -0.7]


def test_text_pipe_table_takes_the_unit_column():
    path = FIXTURES / "pipe_table.txt"
    doc = load_document(path.read_bytes(), str(path))
    fs = extract_facts(doc)
    got = [(f.indicator, f.measure, f.value, f.unit, f.value_normalized, f.unit_normalized, f.period) for f in fs
           if "|" in f.clause]
    assert got == [
        ("地区生产总值", "level", 318.07, "亿元", 3.1807e10, "元", "2021-01/2021-06"),
        ("地区生产总值", "growth_pct", 7.3, "%", 7.3, "%", "2021-01/2021-06"),
        ("第二产业增加值", "level", 141.52, "亿元", 1.4152e10, "元", "2021-01/2021-06"),
        ("第二产业增加值", "growth_pct", 8.8, "%", 8.8, "%", "2021-01/2021-06"),
        ("全社会用电量", "level", 58210, "万千瓦时", 5.821e8, "千瓦时", "2021-01/2021-06"),
        ("全社会用电量", "growth_pct", 11.4, "%", 11.4, "%", "2021-01/2021-06"),
        ("固定资产投资", "growth_pct", 9.6, "%", 9.6, "%", "2021-01/2021-06"),
        ("民间投资", "level", 77.4, "亿元", 7.74e9, "元", "2021-01/2021-06"),
        ("民间投资", "growth_pct", -2.9, "%", -2.9, "%", "2021-01/2021-06"),
        ("居民人均可支配收入", "level", 16052, "元", 16052, "元", "2021-01/2021-06"),
        ("居民人均可支配收入", "growth_pct", 10.1, "%", 10.1, "%", "2021-01/2021-06"),
        ("农村居民人均可支配收入", "level", 9713, "元", 9713, "元", "2021-01/2021-06"),
        ("农村居民人均可支配收入", "growth_pct", 11.5, "%", 11.5, "%", "2021-01/2021-06"),
    ]
    sub = [f for f in fs if f.value == 77.4][0]
    assert sub.clause == "民间投资 | 亿元 | 77.4 | -2.9"
    assert [f for f in fs if f.value == 2000] == []  # the note's threshold


def test_one_cell_per_line_table_growth_column():
    path = FIXTURES / "cell_table.txt"
    doc = load_document(path.read_bytes(), str(path))
    fs = [f for f in extract_facts(doc) if "\n" in f.clause]
    got = [(f.indicator, f.measure, f.value, f.unit, f.value_normalized, f.unit_normalized) for f in fs]
    assert got == [
        ("地区生产总值", "level", 407.16, "亿元", 4.0716e10, "元"),
        ("地区生产总值", "growth_pct", 4.7, "%", 4.7, "%"),
        ("规模以上工业增加值", "growth_pct", 6.3, "%", 6.3, "%"),
        ("货物进出口总额", "level", 88213, "万美元", 882130000, "美元"),
        ("货物进出口总额", "growth_pct", -12.5, "%", -12.5, "%"),
    ]
    assert fs[0].clause == fs[1].clause == "地区生产总值\n亿元\n407.16\n4.7"
    assert {f.period for f in fs} == {"2022-01/2022-03"}


def test_plan_and_budget_completion_and_definitions_are_not_facts():
    fs = facts("全年一般公共预算收入45.2亿元,增长6.0%,完成年度预算的103.7%。重点工程完成投资88亿元,"
               "完成年度投资计划的97.5%。全年造林2.1万亩,完成年度任务的110%。税收收入为预算的百分之九十八。"
               "注:规模以上服务业统计起点为年营业收入1000万元。")
    assert [f.value for f in fs] == [45.2, 6.0, 88, 2.1]


def test_chinese_numeral_points_and_per_mille():
    fs = facts("全年人口出生率為千分之七點二,死亡率為千分之五點九。服務業增加值佔地區生產總值的比重為百分之五十一點三,"
               "比上年提高一點一個百分點;城鎮化率百分之五十八點四,比上年末提高零點九個百分點,增速回落三個百分點。")
    assert (one(fs, 7.2).measure, one(fs, 7.2).unit) == ("per_mille", "‰")
    assert one(fs, 5.9).measure == "per_mille"
    pp = one(fs, 1.1)
    assert (pp.measure, pp.value_normalized, pp.unit) == ("change_pp", 1.1, "个百分点")
    assert pp.indicator == one(fs, 51.3).indicator  # the change of the share
    assert (one(fs, 0.9).measure, one(fs, 0.9).value_normalized) == ("change_pp", 0.9)
    assert (one(fs, 3).measure, one(fs, 3).value_normalized) == ("change_pp", -3)


def test_headline_of_a_news_item_about_a_bulletin():
    text = ("柳溪去年經濟增長百分之五點二　消費回暖\n"
            "本報訊 市統計局發布《柳溪市二〇二二年國民經濟和社會發展統計公報》。\n"
            "全年地區生產總值八百零六億元,增長百分之五點二。年末常住人口九十一萬人。")
    fs = facts(text, title="柳溪去年經濟增長百分之五點二　消費回暖")
    head = fs[0]
    assert (head.indicator_id, head.measure, head.value, head.period) == ("gdp", "growth_pct", 5.2, "2022")
    assert one(fs, 806).period == "2022" and one(fs, 91).period == "2022-12-31"


def test_levels_in_count_units():
    fs = facts("全年集成电路产量7.6亿块,下降3.5%;光伏玻璃产量1250万片,增长9.0%;港口集装箱吞吐量36.8万标箱;"
               "机场旅客吞吐量512.3万人次,增长20.4%;粮食产量63.7万吨。")
    assert (one(fs, 7.6).value_normalized, one(fs, 7.6).unit_normalized, one(fs, 7.6).measure) == (7.6e8, "块", "level")
    assert one(fs, 1250).value_normalized == 1.25e7 and one(fs, 1250).unit_normalized == "片"
    assert one(fs, 512.3).value_normalized == 5123000 and one(fs, 512.3).unit_normalized == "人次"
    assert one(fs, 63.7).value_normalized == 637000 and one(fs, 63.7).unit_normalized == "吨"
    assert one(fs, 3.5).value_normalized == -3.5
