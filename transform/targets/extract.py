"""Plan target extractor: numeric targets and commitments of a plan Document.

`extract_targets(doc)` is pure (no I/O) and returns Targets in reading order. Patterns run on
the normalised text (transform/text/normalize.py) and clauses are reported as spans of `doc.text`.

The room: extract.py reads the document sentence by sentence and carries the cue state;
sentences.py cuts the text; mentions.py finds numbers with units; numeric.py makes the numeric
targets of a sentence, commitments.py those without a number, table_cells.py those of table rows;
indicator_words.py, values.py and filters.py give a target's words and fields and drop numbers
that are no goals; context.py reads the cue words; patterns.py holds the other patterns.

How a number becomes a target:
1. the text is cut into sentences (context), segments (between commas) and chunks (between
   `、`, where a part without a number joins its neighbour: `新建、改造5G通信基站5000个`);
2. in a chunk, the last number with a unit is the target, earlier ones qualify its noun
   (`总投资20亿元…项目15个`), unless joined by 和/与 (`分别达到59%和49%`);
3. names (十三五, 2号线, "310", 4+1, 500强, 1公里范围内), numbers with `?` and numbers in quotes are
   not read (targets/mentions.py, targets/patterns.py);
4. the sentence context decides target vs review (targets/context.py); a multi-year plan
   (第十四个五年规划, 规划(2021-2025年)) counts the years of its period as target years, and years
   written in Chinese digits (二〇二五年) are read as years; each item of a numbered list of
   targets (1.… 2.…) restarts in the list's context, and a past year that dates a noun
   (对2000年底前建成的小区) is not a review cue; a （一）（二） list restarts the same way;
   figures inside 在…的基础上 are the base, not a goal;
5. comparator, modifier, kind and normalised value follow docs/labelling.md.

Never targets, whatever the context (targets/filters.py): a definition's threshold (指年主营业务收入
2000万元及以上的), a count of the plan's own indicators (约束性指标6项), an incentive paid per case
(给予500万元奖励, 一次性奖励, 按每个3000元给予补贴), the attendance of a meeting (实到代表348名), the motions and proposals submitted to it (代表们共提出
建议、批评和意见126件, 议案3件), a threshold joined to its noun by 的 (收入10万元以下的村);
a heading's count of its items (一、稳增长扩内需（共4项）), an age that qualifies a group of people
(为65岁以上老年人体检);
a named project's own attributes (规划办学规模36个班, 总投资2.3亿元);
footnote lines (注：…) and the rows of a plan-against-outcome table are not read. Neither are a
policy's conditions (对当年新开工且投资10亿元以上的项目) and money granted after 给予 (给予每人10万元…).
Hard-wrapped text is read across its soft line breaks (`normalize(…, join_wraps=True)`).

Chinese numerals are values after a target verb (新建三所) or when they close a chunk after their
noun (实施重点项目一百二十个, 面积稳定在六十万亩以上); table cells without a number may state
保持正增长 or a commitment.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import replace

from plangap.transform.facts.areas import title_place
from plangap.transform.parts_page import PlanPageParts
from plangap.transform.records import Document, Target
from plangap.transform.sections import SectionIndex
from plangap.transform.tables.targets import table_rows
from plangap.transform.targets.context import REVIEW, TARGET, Cue, plan_period, plan_year, sentence_cues
from plangap.transform.targets.in_parts import period_kind, targets_in_parts
from plangap.transform.targets.numeric import sentence_targets
from plangap.transform.targets.patterns import CN_YEAR, ITEM_NUMBER, NOTE_LINE
from plangap.transform.targets.scope import clause_scope, heading_scope
from plangap.transform.targets.sentences import body_end, sentences
from plangap.transform.targets.table_cells import table_targets
from plangap.transform.targets.values import indicator_id
from plangap.transform.text.normalize import NormText, normalize


def extract_targets(doc: Document, page: PlanPageParts | None = None) -> list[Target]:
    """Targets and commitments of one plan, in reading order. `page`: the page's parts when the
    page reader split it for this reader and the review reader (transform/parts_page.py)."""
    nt = _arabic_years(normalize(doc.text, join_wraps=True))
    text = nt.text
    period = plan_period(doc.title, text)
    first, plan = period if period else (None, plan_year(text, doc.year, doc.published))
    sections = SectionIndex(text, _html_headings(doc, nt))
    found: list[Target] = []
    skip_lines: set[int] = set()
    state: Cue | None = _title_state(doc.title, text, plan, first)
    for row in table_rows(text, period):
        skip_lines.add(row.line_start)
    tabled = table_targets(nt, text, plan, sections, period)  # a target column says what they are
    last_line = -1
    items, cn_items = _ItemList(), _ItemList(chinese=True)
    for s, e in sentences(body_end(text)):
        line_start = text.rfind("\n", 0, s) + 1
        if line_start in skip_lines or NOTE_LINE.match(text, line_start):
            continue
        if line_start != last_line and state is not None and state.year is not None:
            state = Cue(state.pos, state.end, state.cls)  # a named year holds for its paragraph
        if line_start != last_line:
            state = cn_items.at_line(text, line_start, items.at_line(text, line_start, state))
        last_line = line_start
        sentence = text[s:e]
        cues = sentence_cues(sentence, plan, first, state)
        found.extend(sentence_targets(nt, s, sentence, cues, state, plan, sections))
        for c in reversed(cues):
            if c.cls in (TARGET, REVIEW):
                state = c if (c.cls == REVIEW or c.year is not None or state is None or state.cls != TARGET) \
                    else Cue(c.pos, c.end, TARGET, state.year)
                break
    if period is None:
        found = targets_in_parts(doc, found, plan, page)
    found = [period_kind(t, nt, period) for t in found + tabled] if period else found + tabled
    found.sort(key=lambda t: (t.start, t.end))
    own = title_place(doc.title)
    return [_scoped(t, own) for t in found]


def _scoped(t: Target, own: str | None) -> Target:
    """`t` with the sub-region its indicator or its heading names as its scope."""
    scope = clause_scope(t.indicator, own) or heading_scope(t.section, own)
    if scope is None:
        return t
    if not t.indicator.startswith(scope) or len(t.indicator) <= len(scope) + 1:
        return replace(t, scope=scope)
    indicator = t.indicator[len(scope):]  # 东岭县地区生产总值: the indicator 地区生产总值, of 东岭县
    return replace(t, scope=scope, indicator=indicator,
                   indicator_id=indicator_id(indicator, t.unit_normalized, t.kind) or t.indicator_id)


_CN_ITEM = {c: i for i, c in enumerate("一二三四五六七八九十", 1)}


def _item_number(m: re.Match) -> int:
    """The number of a list item (`ITEM_NUMBER` match): 3 for `3.`, 12 for `（十二）`."""
    if m.group(3) is None:
        return int(m.group(1) or m.group(2))
    t = m.group(3)
    if len(t) == 1:
        return _CN_ITEM[t]
    if t[0] == "十":
        return 10 + _CN_ITEM.get(t[1], 0)
    return _CN_ITEM[t[0]] * 10 + (_CN_ITEM.get(t[2], 0) if len(t) > 2 else 0)


class _ItemList:
    """A numbered list (1.… 2.… 3.…) read in the context it was introduced in: each item of a list
    of targets (民生实事, 重点任务) restarts in that context, so that a review cue inside one item
    (2024年已完成…) does not carry over into the next."""

    def __init__(self, chinese: bool = False) -> None:
        self.context: Cue | None = None
        self.next = 0
        self.chinese = chinese  # （一）…（二）… rather than 1.… 2.…

    def at_line(self, text: str, line_start: int, state: Cue | None) -> Cue | None:
        m = ITEM_NUMBER.match(text, line_start)
        if not m or (m.group(3) is not None) != self.chinese:
            return state
        n = _item_number(m)
        if n == 1:
            self.context, self.next = state, 2
            return state
        if n != self.next:
            self.context, self.next = None, 0
            return state
        self.next += 1
        if self.context is not None and self.context.cls == TARGET and state is not None and state.cls == REVIEW:
            return self.context
        return state


_CN_DIGIT = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0"}


def _arabic_years(nt: NormText) -> NormText:
    """Years written in Chinese digits (二〇二五年) as Arabic digits, one for one, so that the year
    logic reads them; offsets are unchanged."""
    if not CN_YEAR.search(nt.text):
        return nt
    text = CN_YEAR.sub(lambda m: "".join(_CN_DIGIT[c] for c in m.group(0)), nt.text)
    return NormText(original=nt.original, text=text, index=nt.index)


def _html_headings(doc: Document, nt: NormText) -> list[tuple[int, str]]:
    """Headings known from markup, as (offset in the normalised text, normalised text)."""
    out = []
    for h in doc.headings:
        i = bisect.bisect_left(nt.index, h.start)
        if i < len(nt.text):
            out.append((i, normalize(h.text).text))
    return out


def _title_state(title: str | None, text: str, plan: int | None, first: int | None) -> Cue | None:
    """The cue of a page title that is not part of the body (2020年市政府重点工作 -> target)."""
    if not title:
        return None
    t = normalize(title).text
    if t in text:
        return None
    cues = [c for c in sentence_cues(t, plan, first) if c.cls in (TARGET, REVIEW)]
    return Cue(-1, -1, cues[-1].cls) if cues else None
