"""The document model: every page split into its parts before any number is read.

A plan page (a government work report, an annual plan, a news item about one) is split into
parts, each with a role and a period (roles: transform/parts_rules.py):

    review_year        2025年工作回顾, 过去一年, 一年来       period "2025" (plan year - 1)
    review_five_year   “十四五”时期, 过去五年, 这五年          period "2021/2025"
    five_year_goals    “十五五”时期主要目标, 今后五年, 到2030年  period "2026/2030", horizon 2030
    targets_this_year  今年…主要预期目标是：                 period "2026", horizon 2026
    work_plan          重点工作, 工作安排, 民生实事            period "2026", horizon 2026
    other              greeting, title, closing, chrome, 注释/名词解释 glossaries
    statistics         the sections of a statistics page    period from the title or registry

How the role of a stretch of text is found:
1. Headings: numbered lines (第一部分, 一、, （一）, 1., (1), ①) and bare short lines without
   end punctuation (“十四五”时期工作回顾, 2026年重点工作, 附件, 注释). Bare lines rank above
   numbered ones. A heading whose words name a role (transform/parts_rules.heading_role) sets it
   until the next heading of the same or a higher level; a neutral heading takes the state of
   its parent at that point. A neutral sub-section hands its state back to its parent when it
   closes; an explicit one does not (its siblings go back to the parent's role), except at the
   top, where the state flows from one section to the next.
2. Sentences: the words at the start of a sentence (过去一年, 五年来, “十五五”时期是, 今年是,
   主要预期目标是, 重点做好…工作) switch the role from that sentence on (strong cues). Weak cues
   (a bare year 2019年, 今年, 去年, 预计全年, 到2030年) only decide where nothing firmer did: in
   the preamble, on pages without headings (news items), or after other weak cues; and they
   only switch between the review and the forward-looking families.
3. The main targets (…主要预期目标是：) hold for their paragraph, and for the list under it when
   the paragraph ends in a colon; after it, the text is the work plan again.
4. Text before the first role (the greeting, the title, page chrome) is `other`.

Offsets: parts are spans of `Document.text` (the same text whose offsets Target.start/end and
Fact.start/end are given in); matching runs on the normalised text (transform/text/normalize),
and the boundaries are mapped back. Parts cover the text without gaps or overlaps.

The plan year is the argument when given, else it is read from the document (resolve_plan_year).

The room: this module cuts a page into lines and hands them to its splitter; parts_lines.py finds
the lines and their heading levels, parts_rules.py holds the roles and the words that name them,
parts_plan.py is the state machine of plan pages, parts_statistics.py reads statistics pages,
parts_spans.py makes the Parts of the splitters' events, parts_year.py finds a plan's year and a
statistics page's period, and parts_page.py splits one plan page for both its readers.
"""
from __future__ import annotations

import bisect

from plangap.transform.parts_lines import scan_lines
from plangap.transform.parts_plan import PlanSplitter
from plangap.transform.parts_rules import (
    FIVE_YEAR_GOALS,
    OTHER,
    REVIEW_FIVE_YEAR,
    REVIEW_YEAR,
    ROLES,
    STATISTICS,
    TARGETS_THIS_YEAR,
    WORK_PLAN,
)
from plangap.transform.parts_spans import Part, events_to_parts, forward_looking, part_at, review
from plangap.transform.parts_statistics import guess_kind, statistics_events
from plangap.transform.parts_year import resolve_plan_year, statistics_period
from plangap.transform.records import Document
from plangap.transform.text.normalize import NormText, normalize

__all__ = [
    "Part", "split_parts", "split_plan", "part_at", "forward_looking", "review", "resolve_plan_year",
    "guess_kind", "ROLES", "REVIEW_YEAR", "REVIEW_FIVE_YEAR", "FIVE_YEAR_GOALS", "TARGETS_THIS_YEAR", "WORK_PLAN",
    "STATISTICS", "OTHER",
]


def split_parts(doc: Document, plan_year: int | None = None, kind: str | None = None,
                period: str | None = None) -> list[Part]:
    """Split `doc.text` into parts.

    `kind`: "plan" or "statistics"; guessed from the title and the head of the text when None.
    `plan_year`: the plan's year (plan pages); read from the document when None.
    `period`: the period of a statistics page (from the registry); read from its title when None.
    A plan page read by both its target and its review reader is split once for both by
    transform/parts_page.py.
    """
    if not doc.text:
        return []
    nt = normalize(doc.text)
    if (kind or guess_kind(doc, nt.text)) == "statistics":
        lines = scan_lines(nt.text, _html_heading_starts(doc, nt))
        return events_to_parts(statistics_events(lines, statistics_period(doc, nt.text, period)), nt, len(doc.text))
    return split_plan(doc, nt, plan_year if plan_year is not None else resolve_plan_year(doc, nt.text))


def split_plan(doc: Document, nt: NormText, plan_year: int | None) -> list[Part]:
    """The parts of plan page `doc` as a plan of `plan_year` (no year read from the text here).
    `nt`: `normalize(doc.text)`."""
    lines = scan_lines(nt.text, _html_heading_starts(doc, nt))
    return events_to_parts(PlanSplitter(plan_year, lines).run(), nt, len(doc.text))


def _html_heading_starts(doc: Document, nt: NormText) -> set[int]:
    """Line starts (normalised text) of headings known from markup."""
    out: set[int] = set()
    for h in doc.headings:
        i = bisect.bisect_left(nt.index, h.start)
        out.add(nt.text.rfind("\n", 0, i) + 1)
    return out
