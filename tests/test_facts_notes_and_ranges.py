"""extract_facts on conversion notes, normal ranges, five-year target progress, survey scope,
nominal beside real growth, a bracketed second unit and a split thousands group."""
from fact_rows import facts_of_text, values


def facts(text: str, title: str | None = "2023年某县国民经济和社会发展统计公报"):
    return facts_of_text(text, title)


def test_unit_conversion_notes_are_not_facts():
    text = ("全年油料产量3.26万吨，增长1.9%。\n注：1.油料按3公斤花生果折2公斤花生仁计算。\n"
            "2.1平方公里=100公顷，1吨=1000公斤。")
    assert values(facts(text)) == [32600, 1.9]


def test_equation_unit_size_in_energy_note_is_not_a_fact():
    text = "全年全社会用电量42.7亿千瓦时，增长5.5%。\n说明：热力按当量值折算，1万千瓦时=1.229吨标准煤。"
    assert values(facts(text)) == [4.27e9, 5.5]


def test_normal_holding_range_is_a_standard():
    text = "年末能繁母猪存栏2.41万头，下降1.2%，处于正常保有量（2.30万头）的合理区间。"
    assert values(facts(text)) == [24100, -1.2]


def test_five_year_target_progress_and_quoted_target_are_not_facts():
    text = ("2021-2023年全县单位地区生产总值能耗累计下降8.1%，完成“十四五”能耗下降目标进度的59.4%。"
            "按照市下达的目标，“十四五”期间全县单位地区生产总值能耗下降13.5%。")
    assert values(facts(text)) == [-8.1]


def test_survey_scope_counts_are_not_facts():
    text = "10月份，全县居民消费价格同比上涨0.4%。\n注：价格调查涵盖8大类、263个基本分类。"
    assert values(facts(text)) == [0.4]


def test_nominal_growth_of_the_country_after_the_page_own_pair():
    text = ("前三季度，全县居民人均可支配收入28,315元，同比名义增长5.6%，扣除价格因素，实际增长5.2%。"
            "同期全国居民人均可支配收入30,941元，名义增长5.2%。")
    fs = facts(text, "2024年前三季度某县居民收支情况")
    assert values(fs) == [28315, 5.6, 5.2]
    assert {f.clause for f in fs} == {"居民人均可支配收入28,315元，同比名义增长5.6%，扣除价格因素，实际增长5.2%"}


def test_bracketed_second_unit_is_a_second_level():
    fs = facts("全县油菜籽产量4.12万吨（8240万斤），比上年增长1.7%。")
    assert [(f.value, f.unit, f.value_normalized, f.measure) for f in fs] == [
        (4.12, "万吨", 41200, "level"), (8240, "万斤", 82400000, "level"), (1.7, "%", 1.7, "growth_pct")]


def test_a_number_in_digit_groups_after_a_space_is_read_whole():
    # textnorm joins the groups (a space may stand before the first); 318 alone is never a figure
    fs = facts("年末全县特困供养人员 4 318 人。年末养老床位1.2万张。")
    assert values(fs) == [4318, 12000]
