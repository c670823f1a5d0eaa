"""Plan phrasings: a traditional-character mirror with pinyin glosses of
whole words, a PDF turned into text with lines cut inside numbers and units, more commitment
verbs with deadlines, a subdistrict plan and a department's work points (同比 in a statement of
targets, counts of cases, hotline numbers, deadlines in days, per-thousand levels), and the
conditions and grants of policy measures. Fixtures are written for these tests
(tests/fixtures/plans/); rows are exact and in reading order.

Row: (clause, value, value_max, unit, value_normalized, unit_normalized, comparator, modifier,
kind, year).
"""
from __future__ import annotations

from target_rows import rows_of as _rows
from target_rows import targets_of as _targets

from plangap.transform.records import Document
from plangap.transform.targets import extract_targets


def test_traditional_mirror_with_pinyin_glosses_of_words_and_chinese_numerals():
    # the vision year (二〇三五年遠景目標) is not the plan year: the targets are this year's
    assert _rows("pinyin_traditional.txt") == [
        ("地區生產總值（GDP）增長百分之五左右", 5, None, "%", 5, "%", "=", "左右", "rate", 2026),
        ("稅收收入（shuì shōu shōu rù）增長百分之三點五", 3.5, None, "%", 3.5, "%", "=", None, "rate", 2026),
        ("青溪有軌電車二號線（èr hào xiàn）全線開通運營", None, None, None, None, None, None, None,
         "commitment", 2026),
        ("新建口袋公園六十個", 60, None, "个", 60, "个", "=", None, "count", 2026),
        ("新增綠地一百二十萬平方米", 120, None, "万平方米", 1200000, "平方米", "=", None, "amount", 2026),
        ("每千人口執業醫師數（zhí yè yī shī shù）達到三點二人", 3.2, None, "人", 3.2, "人", "=", None, "level",
         2026),
        ("新生兒死亡率控制在千分之二點五以內", 2.5, None, "‰", 2.5, "‰", "<=", "控制在,以内", "ratio", 2026),
        ("參保率穩定在百分之九十六以上", 96, None, "%", 96, "%", ">=", "以上", "ratio", 2026),
    ]
    inds = [t.indicator for t in _targets("pinyin_traditional.txt")]
    assert inds[:2] == ["地区生产总值（GDP）", "税收收入"]


def test_hard_wrapped_text_read_across_breaks_inside_numbers_units_and_words():
    assert _rows("hard_wrapped.txt") == [
        ("全县农村地区自来水普及率达到9\n8%以上", 98, None, "%", 98, "%", ">=", "以上", "ratio", 2026),
        ("城乡供水一体化覆盖率提高到75%", 75, None, "%", 75, "%", "=", None, "ratio", 2026),
        ("新增城乡供水能力3\n万立方米/日", 3, None, "万立方米/日", 30000, "立方米/日", "=", None, "amount", 2026),
        ("农村供水工程水质达标率保持在95%以上", 95, None, "%", 95, "%", ">=", "以上", "ratio", 2026),
        ("全县水费\n收缴率稳定在90%以上", 90, None, "%", 90, "%", ">=", "以上", "ratio", 2026),
        ("重要河湖水功能区水质达标率达到92%以上", 92, None, "%", 92, "%", ">=", "以上", "ratio", 2026),
        ("完成中小河流治理45公里", 45, None, "公里", 45, "公里", "=", None, "amount", 2026),
        ("新建生态护岸1.8万米", 1.8, None, "万米", 18000, "米", "=", None, "amount", 2026),
        ("新建幸福河\n湖12条", 12, None, "条", 12, "条", "=", None, "count", 2026),
        ("万元GDP用水量下降3%", 3, None, "%", -3, "%", "=", None, "rate", 2026),
        ("新创建县级节水型单位12家", 12, None, "家", 12, "家", "=", None, "count", 2026),
        ("县域节\n水型社会建设达标率保持100%", 100, None, "%", 100, "%", "=", None, "ratio", 2026),
        ("完成取水工程规范化管理改造2\n0处", 20, None, "处", 20, "处", "=", None, "count", 2026),
        ("县城公共供水管网漏损率控制在9%以内", 9, None, "%", 9, "%", "<=", "控制在,以内", "ratio", 2026),
        ("新建雨水收集池30\n立方米", 30, None, "立方米", 30, "立方米", "=", None, "amount", 2026),
    ]


def test_more_commitment_verbs_with_deadlines_and_a_second_verb():
    rows = [(t.clause, t.indicator, t.kind, t.value) for t in _targets("commitments_more.txt")]
    assert rows == [
        ("南湖体育馆年内竣工验收", "南湖体育馆", "commitment", None),
        ("滨江步道二期年底前建成开放", "滨江步道二期", "commitment", None),
        ("城西水厂扩建工程9月底前建成投运", "城西水厂扩建工程", "commitment", None),
        ("南湖客运站投入运营", "南湖客运站", "commitment", None),
        ("区妇幼保健院新院竣工验收并投入使用", "区妇幼保健院新院", "commitment", None),
        ("南湖港3号、4号码头投入运营", "南湖港3号、4号码头", "commitment", None),
    ]


def test_work_points_growth_against_last_year_cases_hotlines_days_and_per_thousand():
    assert _rows("work_points.txt") == [
        ("完成固定资产投资14亿元", 14, None, "亿元", 1400000000, "元", "=", None, "amount", 2026),
        ("同比增长10%", 10, None, "%", 10, "%", "=", None, "rate", 2026),
        ("工业投资不低于5亿元", 5, None, "亿元", 500000000, "元", ">=", "不低于", "amount", 2026),
        ("生产安全较大事故起数控制在1起以内", 1, None, "起", 1, "起", "<=", "控制在,以内", "count", 2026),
        ("火灾事故死亡人数同比下降10%", 10, None, "%", -10, "%", "=", None, "rate", 2026),
        ("12345政务服务热线工单按时办结率达到98%以上", 98, None, "%", 98, "%", ">=", "以上", "ratio", 2026),
        ("推出集成服务事项不少于8项", 8, None, "项", 8, "项", ">=", "不少于", "count", 2026),
        ("企业开办时间压缩至2个工作日以内", 2, None, "个工作日", 2, "个工作日", "<=", "压缩至,以内", "level", 2026),
        ("工程建设项目审批时限缩短至60天以内", 60, None, "天", 60, "天", "<=", "缩短至,以内", "level", 2026),
        ("药品抽检3.5批次/千人", 3.5, None, "批次/千人", 3.5, "批次/千人", "=", None, "level", 2026),
        # a duration before its noun (12天暑期托管服务) is not a target; people served are
        ("为1200名学生提供服务", 1200, None, "名", 1200, "名", "=", None, "count", 2026),
    ]
    inds = [t.indicator for t in _targets("work_points.txt")]
    assert inds[1] == "完成固定资产投资"  # 同比 is no indicator: the one before is carried


def test_policy_conditions_and_grants_are_not_targets():
    assert [(t.clause, t.value_normalized) for t in _targets("policy_conditions.txt")] == [
        ("全区固定资产投资增长6%", 6),
        ("新增市级专精特新企业20家", 20),
    ]


def test_a_review_sentence_with_tongbi_after_a_review_cue_stays_a_review():
    text = ("2025年，全区规模以上工业增加值同比增长7.5%。\n"
            "2026年主要目标：规模以上工业增加值增长8%。")
    got = [(t.clause, t.value_normalized) for t in extract_targets(Document(text=text, year=2026))]
    assert got == [("规模以上工业增加值增长8%", 8)]
