"""The document model on other kinds of pages: news items, bare target lists, HTML, hard-wrapped
text, traditional characters with pinyin glosses, statistics pages.

Every document here is written for these tests (made-up places and figures)."""
from __future__ import annotations

from plangap.transform.document import load_document
from plangap.transform.parts import (
    OTHER,
    REVIEW_YEAR,
    STATISTICS,
    TARGETS_THIS_YEAR,
    WORK_PLAN,
    Part,
    forward_looking,
    part_at,
    resolve_plan_year,
    split_parts,
)
from plangap.transform.records import Document


def _doc(text: str, **kw) -> Document:
    return Document(text=text, **kw)


def _role_of(parts: list[Part], text: str, needle: str) -> Part:
    part = part_at(parts, text.index(needle))
    assert part is not None, needle
    return part


NEWS_ITEM = """12日上午，东江市第十六届人民代表大会第二次会议开幕，市长作政府工作报告。
报告表示，2022年东江市地区生产总值增长4.6%，初步核算总量达到3100亿元。
报告提出，2023年东江市经济社会发展的主要预期目标是地区生产总值增长6%左右。
编辑：张某
"""


def test_news_item_without_headings():
    doc = _doc(NEWS_ITEM)
    parts = split_parts(doc)
    assert resolve_plan_year(doc) == 2023
    assert _role_of(parts, doc.text, "开幕").role == OTHER
    rev = _role_of(parts, doc.text, "增长4.6%")
    assert (rev.role, rev.period) == (REVIEW_YEAR, "2022")
    tgt = _role_of(parts, doc.text, "增长6%左右")
    assert (tgt.role, tgt.period, tgt.horizon) == (TARGETS_THIS_YEAR, "2023", 2023)
    assert _role_of(parts, doc.text, "编辑").role == OTHER


TARGET_LIST = """西山县2025年主要预期目标
●地区生产总值增长6%
●城镇新增就业1.2万人
●粮食产量稳定在30万吨以上
"""


def test_a_bare_target_list_is_all_forward_looking():
    doc = _doc(TARGET_LIST)
    parts = split_parts(doc)
    for needle in ("增长6%", "1.2万人", "30万吨"):
        part = _role_of(parts, doc.text, needle)
        assert forward_looking(part.role) and part.horizon == 2025


TARGETS_WITH_BULLETS = """2023年南湖市政府工作报告摘要
今年全市经济社会发展主要预期目标：
●地区生产总值增长5.5%
●城镇调查失业率控制在5.5%以内
重点抓好以下工作
1.扎实推进产业升级，新培育规上工业企业150家
"""


def test_targets_list_under_a_colon_then_work():
    doc = _doc(TARGETS_WITH_BULLETS)
    parts = split_parts(doc)
    assert _role_of(parts, doc.text, "增长5.5%").role == TARGETS_THIS_YEAR
    assert _role_of(parts, doc.text, "5.5%以内").role == TARGETS_THIS_YEAR
    assert _role_of(parts, doc.text, "企业150家").role == WORK_PLAN


def test_offsets_are_offsets_of_document_text_with_glosses_and_traditional_characters():
    text = ("一、2024年工作回顧\n過去一年，地區生(shēng)產(chǎn)總值增長5%。\n"
            "二、2025年工作安排\n今年經(jīng)濟社會發(fā)展的主要預期目標是：地區生產總值增長6%左右。\n")
    doc = _doc(text)
    parts = split_parts(doc)
    assert parts[-1].end == len(text)
    review_at = text.index("增長5%")
    target_at = text.index("增長6%左右")
    assert part_at(parts, review_at).role == REVIEW_YEAR
    assert part_at(parts, target_at).role == TARGETS_THIS_YEAR
    work = next(p for p in parts if p.role == WORK_PLAN)
    assert text[work.start:].startswith("二、2025年工作安排")


def test_html_page_headings_from_markup():
    html = ("<html><head><title>2026年某市政府工作报告</title></head><body><div class='c'>"
            "<p>各位代表：现在，我代表市人民政府向大会报告工作，请予审议。</p>"
            "<h2>2025年工作回顾</h2><p>过去一年，全市新增就业3.2万人，地区生产总值增长5.2%。</p>"
            "<h2>2026年工作安排</h2><p>今年经济社会发展的主要预期目标是：地区生产总值增长5.5%左右。</p>"
            "<p>全年新建保障性住房2000套，改造老旧小区80个，新增停车位1万个。</p>"
            "</div></body></html>").encode()
    doc = load_document(html, "page.html", "text/html")
    parts = split_parts(doc)
    assert part_at(parts, doc.text.index("增长5.2%")).role == REVIEW_YEAR
    assert part_at(parts, doc.text.index("增长5.5%左右")).role == TARGETS_THIS_YEAR
    assert part_at(parts, doc.text.index("保障性住房2000套")).role == WORK_PLAN


STATS = """2024年禾丰市国民经济和社会发展统计公报
一、综合
初步核算，全年地区生产总值1850.6亿元，比上年增长5.1%。
二、农业
全年粮食产量95.2万吨。
2025年经济社会发展的主要预期目标是：地区生产总值增长5%左右。
注释：
1.规模以上工业统计范围为年主营业务收入2000万元及以上的工业法人单位。
"""


def test_statistics_page_sections_notes_and_quoted_targets():
    doc = _doc(STATS, title="2024年禾丰市国民经济和社会发展统计公报")
    parts = split_parts(doc)
    gdp = _role_of(parts, doc.text, "1850.6亿元")
    assert (gdp.role, gdp.period, gdp.heading) == (STATISTICS, "2024", "综合")
    assert _role_of(parts, doc.text, "95.2万吨").role == STATISTICS
    quoted = _role_of(parts, doc.text, "增长5%左右")
    assert (quoted.role, quoted.horizon) == (TARGETS_THIS_YEAR, 2025)
    assert _role_of(parts, doc.text, "2000万元").role == OTHER


def test_statistics_period_from_the_registry_and_part_years():
    doc = _doc("2021年前三季度某县经济运行情况\n前三季度，全县地区生产总值增长7.1%。\n")
    assert {p.period for p in split_parts(doc, kind="statistics")} == {"2021-01/2021-09"}
    assert {p.period for p in split_parts(doc, kind="statistics", period="2021-01/2021-08")} == {"2021-01/2021-08"}


def test_empty_text_has_no_parts():
    assert split_parts(_doc("")) == []


def _hard_wrap(text: str, width: int) -> str:
    out = []
    for line in text.split("\n"):
        out += [line[i:i + width] for i in range(0, len(line), width)] or [""]
    return "\n".join(out)


def test_hard_wrapped_text_keeps_its_targets_paragraph():
    body = ("一、2025年工作回顾\n"
            "过去一年，我们坚持稳中求进，全市经济运行总体平稳，地区生产总值增长4.9%，一般公共预算收入增长3.1%，"
            "城镇新增就业5.6万人，居民人均可支配收入增长5.2%，粮食总产量保持稳定，生态环境持续改善，社会大局和谐稳定。\n"
            "二、2026年工作安排\n"
            "今年经济社会发展的主要预期目标是：地区生产总值增长5%左右。规模以上工业增加值增长6%左右。固定资产投资增"
            "长3%左右。社会消费品零售总额增长4%左右。城镇新增就业5万人以上。城镇调查失业率5.5%左右。居民消费价格涨"
            "幅2%左右。粮食产量稳定在120万吨以上。单位地区生产总值能耗降低完成省下达任务。\n"
            "为实现上述目标，重点抓好以下工作。全年实施重点项目500个以上，完成投资1200亿元以上，新增高新技术企业200家。\n")
    text = _hard_wrap(body, 30)  # the first targets sentence ends right at a wrap
    doc = _doc(text, title="2026年某市政府工作报告")
    parts = split_parts(doc)
    # offsets in the wrapped text of phrases of the unwrapped one
    kept = [i for i, ch in enumerate(text) if ch != "\n" or text[i - 1:i] in ("", "\n")]
    flat = "".join(text[i] for i in kept)

    def role(needle: str) -> str:
        return part_at(parts, kept[flat.index(needle)]).role

    assert role("增长4.9%") == REVIEW_YEAR
    for needle in ("增长5%左右", "城镇新增就业5万人以上", "120万吨以上"):
        assert role(needle) == TARGETS_THIS_YEAR, needle
    assert role("完成投资1200亿元以上") == WORK_PLAN
