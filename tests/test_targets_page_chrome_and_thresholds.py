"""Numbers that are not targets in a plan-bearing news page: page navigation (上一篇, 下一篇,
第一篇: 一 is not a count of 篇), a threshold that qualifies a noun through 的 (年产值500万元以下的
小微企业, 投资1亿元以上的项目), and the meeting statistics of a 两会 report (代表们共提出建议、批评和意见
98件, 议案2件, 提案156件). The targets of the same page are still read. Fixtures are written for these
tests (tests/fixtures/plans/).
"""
from __future__ import annotations

from pathlib import Path

from plangap.transform.document import load_document
from plangap.transform.targets import extract_targets

PLANS = Path(__file__).parent / "fixtures" / "plans"


def _rows(text: str | None = None, name: str = "chrome_thresholds_meetings.txt") -> list[tuple]:
    raw = text.encode() if text is not None else (PLANS / name).read_bytes()
    doc = load_document(raw, name)
    out = extract_targets(doc)
    for t in out:
        assert doc.text[t.start:t.end] == t.clause
    return [(t.clause, t.value, t.unit, t.comparator, t.modifier, t.kind, t.year) for t in out]


def test_news_page_reads_targets_not_chrome_thresholds_or_meeting_counts():
    assert _rows() == [
        ("全县地区生产总值增长6%左右", 6, "%", "=", "左右", "rate", 2026),
        ("新增城镇就业5000人", 5000, "人", "=", None, "count", 2026),
        ("培育专精特新企业30家", 30, "家", "=", None, "count", 2026),
        ("新建标准化厂房20万平方米", 20, "万平方米", "=", None, "amount", 2026),
    ]


def test_navigation_links_are_not_counts():
    text = "2026年重点工作\n今年新建城市书房12个。\n上一篇：全市召开安全生产会议 下一篇：新增一批旅游线路\n下一条：无\n"
    assert [r[0] for r in _rows(text, "nav.txt")] == ["新建城市书房12个"]


def test_a_threshold_before_de_qualifies_its_noun():
    text = ("2026年工作目标\n今年全面消除人均纯收入8000元以下的脱贫户，对总投资1亿元以上的项目实行专班推进，"
            "粮食产量稳定在60万吨以上。\n")
    assert [(r[0], r[1], r[3]) for r in _rows(text, "thr.txt")] == [("粮食产量稳定在60万吨以上", 60, ">=")]


def test_a_level_goal_before_de_is_still_a_target():
    text = "2026年工作目标\n今年实现地区生产总值增长6%以上的目标。\n"
    assert [(r[1], r[2], r[3], r[5]) for r in _rows(text, "goal.txt")] == [(6, "%", ">=", "rate")]


def test_motions_and_proposals_submitted_to_a_meeting_are_not_targets():
    text = ("2026年工作安排\n大会期间，共收到代表议案5件，代表提出建议、批评和意见212件，委员提交提案180件。"
            "今年将新建停车泊位800个。\n")
    assert [r[0] for r in _rows(text, "meet.txt")] == ["新建停车泊位800个"]
