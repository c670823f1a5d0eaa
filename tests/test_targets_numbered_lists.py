"""Numbered lists of targets (民生实事, 为民实事, 重点任务): each item restarts in the context the
list was introduced in, so a review sentence closing one item does not make the next items a
review; a past year that dates a noun inside a qualifier (对2002年以前敷设的管道, 1998年底前建成的)
does not make its sentence a review; a frequency closing a clause with a comparator (降至0.5次以下)
is a level. A list introduced as a review (完成情况, 已全部办结) stays a review. Fixtures are
written for these tests (tests/fixtures/plans/).

Row: (clause, value, value_max, unit, value_normalized, unit_normalized, comparator, modifier,
kind, year).
"""
from __future__ import annotations

from target_rows import rows_of as _rows

from plangap.transform.document import load_document
from plangap.transform.targets import extract_targets


def test_items_of_a_target_list_restart_in_the_list_context():
    rows = _rows("numbered_shishi_list.txt")
    assert rows == [
        ("更新燃气管网65公里", 65, None, "公里", 65, "公里", "=", None, "amount", 2026),
        ("惠及用户2.4万户", 2.4, None, "万户", 24000, "户", "=", None, "count", 2026),
        ("新改建农村公路120公里", 120, None, "公里", 120, "公里", "=", None, "amount", 2026),
        ("新增港湾式停靠站40个", 40, None, "个", 40, "个", "=", None, "count", 2026),
        # item 2 closes with a review (2025年已完成…90公里): item 3 is a target again
        ("新建村级互助养老点25个", 25, None, "个", 25, "个", "=", None, "count", 2026),
        ("推出跨部门“一件事”服务事项15项", 15, None, "项", 15, "项", "=", None, "count", 2026),
        ("群众办事平均跑腿次数降至0.5次以下", 0.5, None, "次", 0.5, "次", "<=", "降至,以下", "level", 2026),
        # 对1998年底前建成的…: the year qualifies the noun, the sentence stays a target
        ("改造供水站12座", 12, None, "座", 12, "座", "=", None, "count", 2026),
    ]
    # the review after the list (2025年…全部完成, 累计投入) and inside item 2 are not targets
    assert not any(r[1] in (90, 3.1, 58) for r in rows)


def test_a_list_introduced_as_a_review_stays_a_review():
    assert _rows("numbered_review_list.txt") == []


def test_a_frequency_is_a_level_only_with_a_comparator_or_a_modifier():
    doc = load_document("2026年工作目标\n今年将组织开展专项检查4次，企业年均受检次数控制在1.5次以内。".encode(), "x.txt")
    rows = [(t.clause, t.value, t.unit, t.comparator, t.kind) for t in extract_targets(doc)]
    assert rows == [("企业年均受检次数控制在1.5次以内", 1.5, "次", "<=", "level")]
