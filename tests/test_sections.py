"""Heading paths of plan texts (transform/sections.py)."""
from __future__ import annotations

from plangap.transform.sections import SectionIndex

TEXT = "\n".join([
    "2020年重点工作",
    "  一",
    "  抓好疫情防控,稳定经济增长",
    "  稳企业。落实政策,新增企业100家。",
    "二、推动产业转型",
    "(一)攻坚重大项目。实施项目30个。",
    "招引项目21个,总投资100亿元。",
    "第三部分 民生实事",
    "新建学校5所。",
])


def _path(fragment: str) -> str | None:
    return SectionIndex(TEXT).path_at(TEXT.index(fragment))


def test_bare_numeral_line_takes_the_title_on_the_next_line_and_the_run_in_lead():
    assert _path("新增企业") == "一 抓好疫情防控,稳定经济增长 / 稳企业"


def test_enumerated_top_heading_and_bracketed_sub_heading():
    assert _path("实施项目30个") == "二 推动产业转型 / (一)攻坚重大项目"
    assert _path("招引项目21个") == "二 推动产业转型 / (一)攻坚重大项目"


def test_part_heading():
    assert _path("新建学校") == "第三部分 民生实事"


def test_text_before_any_heading_has_no_section():
    assert _path("2020年重点工作") is None


def test_run_in_lead_only_after_the_lead_phrase():
    text = "稳企业。落实政策,新增企业100家。"
    idx = SectionIndex(text)
    assert idx.path_at(0) is None
    assert idx.path_at(text.index("新增")) == "稳企业"


def test_bold_html_headings_without_numerals_become_sections():
    from pathlib import Path

    from plangap.transform.document import load_document
    from plangap.transform.targets import extract_targets

    path = Path(__file__).parent / "fixtures" / "plans" / "bold_headings_page.html"
    doc = load_document(path.read_bytes(), str(path))
    assert [(t.clause, t.section) for t in extract_targets(doc)] == [
        ("新开工重大项目100个", "扩大有效投资"),
        ("完成投资500亿元", "扩大有效投资"),
        ("新增城镇就业3万人", "办好民生实事 / 稳就业"),
    ]
