"""A year named in a plan page's head governs the words up to the next year
(transform/parts_year.resolve_plan_year): 2025年工作回顾和2026年工作安排 names 2026 with plan words
and 2025 with review words, not 2025 with 工作安排. The same holds for the review words
(工作回顾, 执行情况) that date the reviewed year.

The titles and texts here are written for these tests (a made-up city)."""
from __future__ import annotations

import pytest

from plangap.transform.parts_year import resolve_plan_year
from plangap.transform.records import Document

#: a body naming no year with plan words and no delivery date: the head alone decides
PLAIN_BODY = """各位代表：
现在，我代表市人民政府，向大会报告工作，请予审议。
过去一年，全市经济运行稳中向好，城乡面貌持续改善。
新的一年，我们将坚持稳中求进，扎实推进城市更新和乡村振兴。
"""


def _plan_year(title: str, body: str = PLAIN_BODY, year: int | None = None) -> int | None:
    return resolve_plan_year(Document(text=body, title=title, year=year))


@pytest.mark.parametrize("year", [None, 2025])  # 2025: Document.year as the title's first year
def test_a_title_naming_the_reviewed_year_first_names_the_next_year_as_the_plan_year(year):
    assert _plan_year("青溪市2025年工作回顾和2026年工作安排", year=year) == 2026


def test_a_title_naming_one_year_with_plan_words_names_that_year():
    assert _plan_year("青溪市2026年政府工作报告") == 2026
    assert _plan_year("青溪市2026年国民经济和社会发展计划草案") == 2026


def test_review_and_plan_years_on_separate_lines_of_the_head():
    body = ("一、2025年工作回顾\n过去一年，全市上下团结奋斗，各项事业取得新进展。\n"
            "二、2026年工作安排\n新的一年，我们将聚焦高质量发展，办好民生实事。\n")
    assert _plan_year("青溪市政府工作报告", body=body) == 2026


def test_the_plan_year_named_first_and_the_executed_year_after_it():
    # 2026 is named with plan words; 2025 with 执行情况 (the year executed, not a plan year)
    assert _plan_year("青溪市2026年主要预期目标和2025年执行情况") == 2026


def test_a_reviewed_year_named_after_a_year_without_plan_words():
    # no plan words at all: the reviewed year (2025年工作回顾) + 1, not 2026 + 1
    assert _plan_year("青溪市2026年发展目标和2025年工作回顾") == 2026


def test_a_year_still_reaches_plan_words_across_other_numbers():
    # the gap may hold figures and a month range; only another year ends it
    assert _plan_year("青溪市2024年1至3季度重点工作") == 2024
    assert _plan_year("青溪市2023年全市十件民生实事") == 2023
