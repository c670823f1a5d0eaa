"""Plan target extractor: numeric targets and commitments of a plan Document.

`extract_targets(doc)` is pure (no I/O) and returns Targets in reading order. Patterns run on
the normalised text (transform/textnorm.py) and clauses are reported as spans of `doc.text`.

How a number becomes a target:
1. the text is cut into sentences (context), segments (between commas) and chunks (between
   `、`, where a part without a number joins its neighbour: `新建、改造5G通信基站5000个`);
2. in a chunk, the last number with a unit is the target, earlier ones qualify its noun
   (`总投资20亿元…项目15个`), unless joined by 和/与 (`分别达到59%和49%`);
3. names (十三五, 2号线, "310", 4+1, 500强, 1公里范围内), numbers with `?` and numbers in quotes are
   not read (transform/target_patterns.py);
4. the sentence context decides target vs review (transform/target_context.py); a multi-year plan
   (第十四个五年规划, 规划(2021-2025年)) counts the years of its period as target years, and years
   written in Chinese digits (二〇二五年) are read as years; each item of a numbered list of
   targets (1.… 2.…) restarts in the list's context, and a past year that dates a noun
   (对2000年底前建成的小区) is not a review cue; a （一）（二） list restarts the same way;
   figures inside 在…的基础上 are the base, not a goal;
5. comparator, modifier, kind and normalised value follow docs/labelling.md.

Never targets, whatever the context (`_not_a_goal`): a definition's threshold (指年主营业务收入
2000万元及以上的), a count of the plan's own indicators (约束性指标6项), an incentive paid per case
(给予500万元奖励, 一次性奖励, 按每个3000元给予补贴), the attendance of a meeting (实到代表348名), the motions and proposals submitted to it (代表们共提出
建议、批评和意见126件, 议案3件), a threshold joined to its noun by 的 (收入10万元以下的村);
a heading's count of its items (一、稳增长扩内需（共4项）), an age that qualifies a group of people
(为65岁以上老年人体检);
a named project's own attributes (规划办学规模36个班, 总投资2.3亿元);
footnote lines (注：…) and the rows of a plan-against-outcome table are not read. Neither are a
policy's conditions (对当年新开工且投资10亿元以上的项目) and money granted after 给予 (给予每人10万元…).
Hard-wrapped text is read across its soft line breaks (textnorm `join_wraps`).

Chinese numerals are values after a target verb (新建三所) or when they close a chunk after their
noun (实施重点项目一百二十个, 面积稳定在六十万亩以上); table cells without a number may state
保持正增长 or a commitment.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from plangap.transform.indicators.dictionary import map_indicator
from plangap.transform.numbers import parse_number, normalize_quantity, clean_float
from plangap.transform.records import Document, Target
from plangap.transform.sections import SectionIndex
from plangap.transform.targets.context import (
    REVIEW, TARGET, Cue, class_at, plan_period, plan_year, sentence_cues, year_of,
)
from plangap.transform.targets.patterns import (
    CEIL_VERBS, CN_COUNT, CN_COUNT_NAME_AFTER, CN_PERCENT, CN_VALUE, COMMIT_LEAD, COMMITMENT, COMPARE_TAIL,
    DECLINE_TAIL, FLOOR_VERBS, INTRO, LEAD, MENTION, MODAL, NAME_BEFORE, ONGOING, POSITIVE_GROWTH,
    LIST_COUNT, PRE_COMPARATOR, RATE_TAIL, SEGMENT_END, SENTENCE_END, TRAIL, BENEFICIARY, CONTINUATION, ONGOING_END,
    TRAILER, YEARS_LEVEL, NOTE_LINE, BRACKET_NOTE, INDICATOR_COUNT_AFTER, THRESHOLD_AFTER, INCENTIVE, INCENTIVE_AFTER,
    ATTENDANCE, DEFINES, THRESHOLD_QUALIFIER, MOTIONS, MOTION_UNITS,
    ITEM_COUNT_BEFORE, ITEM_COUNT_AFTER, ITEM_COUNT_UNITS, AGE_GROUP_AFTER, COUNTED_NOUN_BEFORE,
)
from plangap.transform.units import MONEY_UNITS, MULTIPLIER_FACTORS, base_unit
from plangap.transform.tables.targets import table_rows
from plangap.transform.units import DURATION_UNITS, FREQUENCY_UNITS, NAME_AFTER_UNIT, kind_of
from plangap.transform.text.normalize import NormText, normalize

_BARE_MULT = MULTIPLIER_FACTORS
_HAS_NUM = re.compile(r"\d|百分之|千分之")
_CJK_START = re.compile(r"^[\u4e00-\u9fff“\"(（]")
_UNITLESS_PRE = re.compile(r"(?:到|至|在|为|达)$")
_STRIP_PUNCT = " ,，、;；:：。.\"“”'()（）|"


@dataclass
class _Mention:
    start: int  # chunk-relative, number start
    end: int  # chunk-relative, end of unit and modifier
    value: float
    value_max: float | None
    unit: str | None
    mod: str | None


def extract_targets(doc: Document) -> list[Target]:
    """Targets and commitments of one plan, in reading order."""
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
    found.extend(_table_targets(nt, text, plan, sections, period))
    last_line = -1
    items, cn_items = _ItemList(), _ItemList(chinese=True)
    for s, e in _sentences(_body_end(text)):
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
        found.extend(_sentence_targets(nt, s, sentence, cues, state, plan, sections))
        for c in reversed(cues):
            if c.cls in (TARGET, REVIEW):
                state = c if (c.cls == REVIEW or c.year is not None or state is None or state.cls != TARGET) \
                    else Cue(c.pos, c.end, TARGET, state.year)
                break
    found.sort(key=lambda t: (t.start, t.end))
    return found


#: the number of a list item at the start of a line (1.…, 2、…, (3)…, （4）…)
_ITEM_NUMBER = re.compile(r"[ \t\u3000]*(?:(\d{1,2})[.、．](?!\d)|[(（](\d{1,2})[)）]|[(（]([一二三四五六七八九十]{1,3})[)）])")
_CN_ITEM = {c: i for i, c in enumerate("一二三四五六七八九十", 1)}


def _item_number(m: re.Match) -> int:
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
        m = _ITEM_NUMBER.match(text, line_start)
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


_CN_YEAR = re.compile(r"(?<![〇零一二三四五六七八九十])[一二][〇零一二三四五六七八九]{3}(?=年)")
_CN_DIGIT = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0"}


def _arabic_years(nt: NormText) -> NormText:
    """Years written in Chinese digits (二〇二五年) as Arabic digits, one for one, so that the year
    logic reads them; offsets are unchanged."""
    if not _CN_YEAR.search(nt.text):
        return nt
    text = _CN_YEAR.sub(lambda m: "".join(_CN_DIGIT[c] for c in m.group(0)), nt.text)
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


def _body_end(text: str) -> str:
    """The text up to a closing byline (编辑:…) in its last two thirds: what follows is appended."""
    for m in TRAILER.finditer(text):
        if m.start() > len(text) / 3:
            return text[:m.start()]
    return text


def _sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in SENTENCE_END.finditer(text):
        if m.group(0) == "\n" and CONTINUATION.match(text, m.start()) and m.start() > 0 \
                and text[m.start() - 1] not in "。!?！？;；:：\n":
            continue
        if m.group(0) == "\n" and m.start() > 0 and text[m.start() - 1] == "\n" and start < m.start() \
                and CONTINUATION.match(text, m.start()):
            continue
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def _segments(sentence: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in SEGMENT_END.finditer(sentence):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(sentence)))
    return [(a, b) for a, b in out if b > a]


def _chunks(seg: str) -> list[tuple[int, int, int]]:
    """(start, end, own_end) of the `、`-parts of a segment; a part without a number joins the
    part after it when it comes first (`新建、改造…5000个`) and the part before it otherwise."""
    parts, start = [], 0
    for i, ch in enumerate(seg):
        if ch == "、":
            parts.append((start, i))
            start = i + 1
    parts.append((start, len(seg)))
    chunks: list[list[int]] = []
    pending = None
    for a, b in parts:
        if not _HAS_NUM.search(seg[a:b]):
            if chunks:
                chunks[-1][1] = b
            elif pending is None:
                pending = a
            continue
        chunks.append([pending if pending is not None else a, b, b])
        pending = None
    if not chunks:
        return [(0, len(seg), len(seg))]
    return [(a, b, c) for a, b, c in chunks]


def _in_quotes(sentence: str, pos: int) -> bool:
    before = sentence[:pos]
    if before.count("“") > before.count("”"):
        return True
    return before.count('"') % 2 == 1


def _mentions(chunk: str, sentence: str, offset_in_sentence: int) -> list[_Mention]:
    out: list[_Mention] = []
    for m in MENTION.finditer(chunk):
        a, b, unit, mod = m.group("a"), m.group("b"), m.group("unit"), m.group("mod")
        if "?" in a or (b and "?" in b):
            continue
        if b and not unit and m.group("ua"):
            unit = m.group("ua")
        pos = offset_in_sentence + m.start()
        if NAME_BEFORE.search(sentence[max(0, pos - 2):pos]) or _in_quotes(sentence, pos):
            continue
        after = chunk[m.end("unit") if unit else m.end("a"):]
        if unit and (NAME_AFTER_UNIT.match(after) or after.startswith("/")):
            continue
        if unit in DURATION_UNITS and not mod and _CJK_START.match(after):
            continue  # 开展12天培训: a duration that qualifies a noun (时限压缩至45天 is a level)
        if not unit:
            if not mod or not _UNITLESS_PRE.search(chunk[:m.start()]) or b:
                continue
            if len(a) == 4 and a.startswith(("19", "20")):
                continue
        va = parse_number(a)
        if va is None:
            continue
        vb = parse_number(b) if b else None
        out.append(_Mention(m.start(), m.end(), va, vb, unit, mod))
    for m in YEARS_LEVEL.finditer(chunk):
        v = parse_number(m.group("a"))
        if v is not None:
            out.append(_Mention(m.start("a"), m.end(), v, None, "年", m.group("mod")))
    for m in CN_PERCENT.finditer(chunk):
        v = parse_number(m.group("a"))
        vb = parse_number(m.group("b")) if m.group("b") else None
        if v is not None:
            out.append(_Mention(m.start(), m.end(), v, vb, "%" if m.group("kind") == "百分之" else "‰", m.group("mod")))
    seen = {x.start for x in out}
    for pattern in (CN_COUNT, CN_VALUE):
        for m in pattern.finditer(chunk):
            if m.start() in seen or CN_COUNT_NAME_AFTER.match(chunk[m.end("unit"):]) \
                    or _in_quotes(sentence, offset_in_sentence + m.start()):
                continue
            v = parse_number(m.group("a"))
            if v is None:
                continue
            seen.add(m.start())
            out.append(_Mention(m.start(), m.end(), v, None, m.group("unit"), m.group("mod")))
    out = [x for x in out if x.unit not in FREQUENCY_UNITS or x.mod
           or PRE_COMPARATOR.search(chunk[:x.start])]  # 0.3次以内 is a level, 4次视察 is not
    out.sort(key=lambda x: x.start)
    return out


def _qualified(chunk: str, ms: list[_Mention]) -> list[_Mention]:
    """Keep the last mention of a chunk and those joined to it by 和/与/及 (`59%和49%`)."""
    if not ms:
        return ms
    if len(ms) >= 2 and chunk[ms[-2].end:ms[-1].start] == "或":
        return []  # alternative thresholds (超20亿元或2亿美元…) qualify a noun
    keep = [ms[-1]]
    for i in range(len(ms) - 2, -1, -1):
        gap = chunk[ms[i].end:keep[0].start]
        if gap in ("和", "与", "及", "以及", ""):
            keep.insert(0, ms[i])
        else:
            break
    return keep


def _strip_indicator(words: str) -> str:
    """Indicator words without the punctuation around them; a closing bracket that closes one
    of the words' own brackets stays (`地区生产总值(GDP)`)."""
    t = words.lstrip(_STRIP_PUNCT)
    while t and t[-1] in _STRIP_PUNCT:
        if t[-1] in ")）" and t.count("(") + t.count("（") >= t.count(")") + t.count("）"):
            break
        t = t[:-1]
    return t


def _clean_pre(pre: str) -> tuple[int, str]:
    """(offset where the clause starts, indicator words) of the text before a number."""
    cut = 0
    m = INTRO.match(pre)
    if m:
        cut = m.end()
    while True:
        rest = pre[cut:]
        stripped = rest.lstrip(_STRIP_PUNCT)
        cut += len(rest) - len(stripped)
        lm = LEAD.match(stripped)
        if not lm or not lm.group(0):
            break
        cut += lm.end()
    return cut, pre[cut:]


def _sentence_targets(nt: NormText, s0: int, sentence: str, cues: list[Cue], state: Cue | None,
                      plan: int | None, sections: SectionIndex) -> list[Target]:
    out: list[Target] = []
    prev_ind: str | None = None
    prev_rate = prev_decline = False
    group_idx = -1  # position in a 分别 group (城乡居民…分别增长8%、9%)
    bases = [(x.start(), x.end()) for x in _BASE_SPAN.finditer(sentence)]
    bases += [(x.start(), x.end()) for x in BRACKET_NOTE.finditer(sentence)]  # （注：…全市共22个）
    for a, b in _segments(sentence):
        seg = sentence[a:b]
        seg_any_number = False
        verb: str = ""
        for ca, cb, cown in _chunks(seg):
            chunk = seg[ca:cb]
            ms = _mentions(chunk, sentence, a + ca)
            seg_any_number = seg_any_number or bool(ms)
            for m in _qualified(chunk, ms):
                pos = a + ca + m.start
                cue = class_at(cues, pos, state)
                if cue is None or cue.cls != TARGET or any(x <= pos < y for x, y in bases):
                    continue
                pre_raw = chunk[:m.start]
                cut, pre = _clean_pre(pre_raw)
                post_own = chunk[m.end:cown - ca] if cown - ca > m.end else ""
                number_first = bool(post_own.strip()) and bool(_CJK_START.match(post_own.strip()))
                if number_first and _after_its_noun(pre, post_own, m.unit):
                    number_first = False  # 推进…项目38个加快建设: the count closes 项目, a predicate follows
                rest = chunk[m.end:].strip(_STRIP_PUNCT)
                if _ATTRIBUTE_OF_COMMITTED.match(seg, ca + m.end):
                    # 总建筑面积30万平方米的…厂房建成投用: the size describes the thing committed
                    sub = a + ca + m.end + 1
                    out.extend(_segment_specials(nt, s0 + sub, sentence, sub, sentence[sub:b], cues, state,
                                                 plan, sections))
                    continue
                if _not_a_goal(pre_raw, chunk[m.end:], m):
                    continue
                if _CONDITION_LEAD.match(seg) and _CONDITION_TAIL.match(seg, ca + m.end):
                    continue  # 对床位数100张以上、护理型床位占比超过70%的机构: conditions of a measure
                if number_first and _not_a_target(pre, pre_raw, chunk, rest, m.unit, verb):
                    continue
                core = _strip_indicator(TRAIL.sub("", pre))
                if not number_first and LIST_COUNT.search(core) and m.unit in ("件", "项", "个"):
                    continue
                tail = COMPARE_TAIL.sub("", pre)
                is_rate = bool(RATE_TAIL.search(tail))
                decline = bool(DECLINE_TAIL.search(tail))
                if "分别" in pre_raw:
                    group_idx = 0
                elif not core and group_idx >= 0:
                    group_idx += 1
                else:
                    group_idx = -1
                if number_first:
                    if core:
                        verb = core
                    indicators = [(core or verb) + rest]
                    clause_end = len(chunk.rstrip(_STRIP_PUNCT))
                    clause_start = cut if pre.strip() else m.start
                else:
                    clause_end = m.end
                    clause_start = cut if pre.strip() else m.start
                    if not core:
                        if prev_ind is None:
                            continue
                        core = prev_ind
                        is_rate, decline = is_rate or prev_rate, decline or prev_decline
                    indicators = _subjects(core, pre, group_idx)
                prev_ind, prev_rate, prev_decline = core if not number_first else indicators[0], is_rate, decline
                modal = None
                for mm in MODAL.finditer(seg[:ca + m.start]):
                    modal = mm.group(0)
                pc = PRE_COMPARATOR.search(pre_raw)
                precomp = pc.group(1) if pc else None
                mods = ",".join(x for x in (modal, precomp, m.mod) if x) or None
                comparator = _comparator(m, precomp)
                st, en = nt.original_span(s0 + a + ca + clause_start, s0 + a + ca + clause_end)
                year = year_of(cues, pos, _state_year(state), plan)
                yl = _YEAR_LIST.search(seg[:ca + m.start])
                if yl and group_idx >= 0:  # 2025年、2026年分别新建3000个、2500个: the n-th year
                    years = [int(y) for y in re.findall(r"((?:19|20)\d\d)年", yl.group(0))]
                    if group_idx < len(years) and (plan is None or min(years) >= plan - 20):
                        year = years[group_idx]
                for indicator in indicators:
                    if not indicator:
                        continue
                    kind = kind_of(m.unit, indicator, is_rate)
                    vn, un = _normalize(m.value, m.unit)
                    if decline and kind == "rate" and vn is not None:
                        vn = clean_float(-vn)
                    out.append(Target(
                        clause=nt.original[st:en], indicator=indicator,
                        indicator_id=_indicator_id(indicator, un, kind), value=_num(m.value),
                        value_max=_num(m.value_max), unit=m.unit, value_normalized=vn, unit_normalized=un,
                        comparator=comparator, modifier=mods, kind=kind, section=sections.path_at(s0 + a),
                        year=year, start=st, end=en,
                    ))
        if not seg_any_number:
            out.extend(_segment_specials(nt, s0 + a, sentence, a, seg, cues, state, plan, sections))
    return out


#: a size joined by 的 to a thing that is then committed (30万平方米的标准厂房建成投用)
_ATTRIBUTE_OF_COMMITTED = re.compile(
    r"的(?=[^\d,，。;；、]{2,40}?(?:" + COMMITMENT.pattern + r")[^\d,，。;；、]{0,6}$)")
#: the rest of a list of conditions up to the 的 that joins them to their noun (、占比超过70%的机构)
_CONDITION_TAIL = re.compile(r"(?:、[^,，。;；、的]{1,30})*的(?=[\u4e00-\u9fff])")
#: the base a target builds on (在去年增长5.2%、收入达到86.4亿元的基础上): review figures
_BASE_SPAN = re.compile(r"在[^,，。;；:：]{1,80}?的?基础上")
#: a named project's own attributes in its description (规划办学规模36个班, 总投资2.3亿元): not goals
_PROJECT_ATTRIBUTE = re.compile(
    r"^(?:项目)?(?:规划|设计)[\u4e00-\u9fff]{0,6}?(?:规模|面积|用地|床位|座位)(?:为|约|达)?$"
    r"|^(?:项目)?(?:计划|估算|概算)?总投资(?:约|为|达)?$")
_YEAR_LIST = re.compile(r"(?:(?:19|20)\d\d年(?:底|末)?(?:、|和|与|及|,|，))+(?:19|20)\d\d年(?:底|末)?分别")
_PERSON_UNITS = re.compile(r"^(?:万|千)?(?:人|名|人次|户)$")
_URBAN_RURAL = re.compile(r"^(.*?)(?:城乡|城镇(?:和|与|、|及)农村)(.+)$")
_TWO_SUBJECTS = re.compile(r"^([^和、]{2,})和([^和、]{2,})$")


_GRANT_BEFORE = re.compile(r"给予(?:最高|一次性)*$|^对")
#: money granted right after 给予 (给予每人10万元安家补贴, 给予每个50万元奖补, 给予最高1000万元)
_GRANT_LEAD = re.compile(r"给予(?:每[^\d,，。;；、]{0,3}?|最高|一次性|不超过|累计)*$")
#: a policy condition (对当年新开工且完成投资10亿元以上的项目): a threshold of whom a measure is for
_CONDITION_LEAD = re.compile(r"^[\s,，;；:：]*对")
_GRANT_AFTER = re.compile(r"^[^,，。;；]{0,8}?给予[^,，。;；]{0,12}?(?:补贴|奖励|奖补|补助|资助|扶持|贴息)")


def _not_a_goal(pre_raw: str, after: str, m: _Mention) -> bool:
    """A number that is not a goal whatever the context: a definition's threshold (2000万元及以上的),
    a count of the plan's own indicators (约束性指标6项), an incentive paid per case (给予500万元奖励),
    the attendance of a meeting (实到代表348名)."""
    if THRESHOLD_AFTER.match(after) or ATTENDANCE.search(pre_raw):
        return True
    if _PROJECT_ATTRIBUTE.match(pre_raw.strip(_STRIP_PUNCT)):
        return True  # 项目位于…，规划办学规模36个班，总投资2.3亿元: what the project is
    if m.unit in ITEM_COUNT_UNITS and ITEM_COUNT_BEFORE.search(pre_raw) and ITEM_COUNT_AFTER.match(after):
        return True  # 一、稳增长扩内需（共4项）: a heading counts its items
    if m.unit == "岁" and AGE_GROUP_AFTER.match(after):
        return True  # 为65岁以上老年人体检: an age threshold of a group of people
    if m.mod in ("以上", "以下") and THRESHOLD_QUALIFIER.match(after):
        return True  # 年经营收入10万元以下的村: a threshold of the noun after 的
    if m.unit in MOTION_UNITS and MOTIONS.search(pre_raw.rstrip(_STRIP_PUNCT)):
        return True  # 代表们共提出建议、批评和意见126件: meeting statistics
    if after.startswith("的") and DEFINES.search(pre_raw):
        return True
    if m.unit in ("项", "个") and (INDICATOR_COUNT_AFTER.match(after) or pre_raw.rstrip(_STRIP_PUNCT).endswith("指标")):
        return True
    if _GRANT_AFTER.search(after):  # 按投资额的10%给予补贴
        return True
    if after.startswith("的") and _CONDITION_LEAD.match(pre_raw):  # 对…投资10亿元以上的项目
        return True
    if base_unit(m.unit) in MONEY_UNITS and _GRANT_LEAD.search(pre_raw):
        return True
    if base_unit(m.unit) in MONEY_UNITS and (
            INCENTIVE.search(pre_raw.strip(_STRIP_PUNCT))
            or (INCENTIVE_AFTER.match(after) and _GRANT_BEFORE.search(pre_raw))):
        return True
    return False


def _after_its_noun(pre: str, post_own: str, unit: str | None) -> bool:
    """A count written after its noun (项目38个) and followed by a predicate (加快建设), not by the
    noun's own work (推进重点项目20个建设 names a scope, like 推进40个园区建设)."""
    return unit in ("个", "项") and bool(COUNTED_NOUN_BEFORE.search(pre.rstrip(_STRIP_PUNCT))) \
        and not ONGOING_END.fullmatch(post_own.strip(_STRIP_PUNCT))


def _not_a_target(pre: str, pre_raw: str, chunk: str, rest: str, unit: str | None, verb: str) -> bool:
    """A number before its noun that names a scope or a beneficiary rather than a goal."""
    if ONGOING.search(pre) and ONGOING_END.search(chunk.rstrip(_STRIP_PUNCT)):
        return True  # 推进40个园区建设: a scope of ongoing work
    if BENEFICIARY.search(pre_raw) and not _PERSON_UNITS.match(unit or ""):
        return True  # 为20个站点配备设备 (but 为500名学生提供服务 counts people served)
    if not pre.strip() and not verb and not COMMITMENT.search(rest):
        return True  # 确保8个村群众生活改善 (no verb of its own)
    return False


def _subjects(indicator: str, pre: str, group_idx: int) -> list[str]:
    """One indicator per subject: 城乡居民收入均增长 -> 城镇…, 农村…; 调查失业率和登记失业率 -> two;
    in a 分别 group the n-th number takes the n-th subject."""
    m = _URBAN_RURAL.match(indicator)
    if m and group_idx >= 0:
        if group_idx <= 1:
            return [f"{m.group(1)}{'城镇' if group_idx == 0 else '农村'}{m.group(2)}"]
        return [indicator]
    if m and re.search(r"均(?:增长|达到|提高|为|在)?$", pre):
        return [f"{m.group(1)}城镇{m.group(2)}", f"{m.group(1)}农村{m.group(2)}"]
    t = _TWO_SUBJECTS.match(indicator)
    if t and group_idx < 0 and t.group(1)[-1] == t.group(2)[-1]:
        return [t.group(1), t.group(2)]
    return [indicator]


def _segment_specials(nt: NormText, seg_abs: int, sentence: str, a: int, seg: str, cues: list[Cue],
                      state: Cue | None, plan: int | None, sections: SectionIndex) -> list[Target]:
    """Commitments and 保持正增长 in a segment without numbers."""
    out: list[Target] = []
    g = POSITIVE_GROWTH.search(seg)
    c = COMMITMENT.search(seg)
    m = g or c
    if not m:
        return out
    cue = class_at(cues, a + m.start(), state)
    if cue is None or cue.cls != TARGET or _in_quotes(sentence, a + m.start()):
        return out
    lead = COMMIT_LEAD.match(seg.lstrip(_STRIP_PUNCT))
    start = len(seg) - len(seg.lstrip(_STRIP_PUNCT))
    cut, _ = _clean_pre(seg[:m.start()])
    modal = None
    for mm in MODAL.finditer(seg[:m.start()]):
        modal = mm.group(0)
    year = year_of(cues, a + m.start(), _state_year(state), plan)
    if g:
        indicator = TRAIL.sub("", seg[cut:m.start()]).strip(_STRIP_PUNCT)
        if not indicator:
            return out
        st, en = nt.original_span(seg_abs + cut, seg_abs + m.end())
        out.append(Target(clause=nt.original[st:en], indicator=indicator,
                          indicator_id=_indicator_id(indicator, "%", "rate"), value=0.0, value_max=None,
                          unit="%", value_normalized=0.0, unit_normalized="%", comparator=">",
                          modifier=modal, kind="rate", section=sections.path_at(seg_abs), year=year,
                          start=st, end=en))
        return out
    if lead:
        start += lead.end()
    obj_before = seg[start:m.start()].strip(_STRIP_PUNCT)
    title = _item_title(nt.text, seg_abs)
    if obj_before:
        cs, ce = start, m.end()
        while (more := _COMMIT_CHAIN.match(seg, ce)) is not None:  # 竣工验收并投入使用
            ce = more.end()
        indicator = _COMMIT_WHEN.sub("", obj_before) or (title + m.group(0) if title else obj_before)
    else:
        cs, ce = m.start(), len(seg.rstrip(_STRIP_PUNCT))
        indicator = seg[m.end():ce].strip(_STRIP_PUNCT)
        if not indicator and title:  # 2.某中学改扩建工程。…，年内开工建设: the item's project
            when = _COMMIT_WHEN.search(seg, len(seg) - len(seg.lstrip(_STRIP_PUNCT)), m.start())
            cs = when.start() if when else cs
            indicator = title + m.group(0)
    if not indicator or len(indicator) > 60:
        return out
    st, en = nt.original_span(seg_abs + cs, seg_abs + ce)
    for obj in _objects(indicator):
        out.append(Target(clause=nt.original[st:en], indicator=obj,
                          indicator_id=_indicator_id(obj, None, "commitment"), value=None,
                          value_max=None, unit=None, value_normalized=None, unit_normalized=None,
                          comparator=None, modifier=modal, kind="commitment",
                          section=sections.path_at(seg_abs), year=year, start=st, end=en))
    return out


def _item_title(text: str, pos: int) -> str | None:
    """The title of the numbered list item `pos` is in (2.某中学改扩建工程。…): the thing the
    item is about, when the item states it before its first full stop."""
    line_start = text.rfind("\n", 0, pos) + 1
    m = _ITEM_NUMBER.match(text, line_start)
    if not m:
        return None
    stop = text.find("。", m.end(), pos)
    if stop < 0:
        return None
    title = text[m.end():stop].strip(_STRIP_PUNCT)
    return title if 2 <= len(title) <= 30 and not _HAS_NUM.search(title) else None


#: a second commitment verb joined to the first (竣工验收并投入使用)
_COMMIT_CHAIN = re.compile(r"(?:并|并且|后|和|及|、)(?=(?:" + COMMITMENT.pattern + r"))(?:" + COMMITMENT.pattern + r")")
#: when a commitment falls due, written between the thing and the verb (年内, 年底前, 6月底前, 秋季)
_COMMIT_WHEN = re.compile(
    r"(?:(?:今年|年内|全年|年底|年末|上半年|下半年|(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:底|末|份)?|[春夏秋冬]季"
    r"|(?:第?[一二三四1-4])季度)(?:前|内|底)?(?:全面|全线|基本|如期|按期)?)+$")


def _objects(text: str) -> list[str]:
    """The things of a commitment, split at `、` outside brackets (A、B建成通车 -> A, B)."""
    parts, depth, cur = [], 0, ""
    for ch in text:
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
        if ch == "、" and depth == 0:
            parts.append(cur)
            cur = ""
            continue
        cur += ch
    parts.append(cur)
    parts = [p.strip(_STRIP_PUNCT) for p in parts]
    parts = [p for p in parts if p]
    for i in range(len(parts) - 2, -1, -1):  # 5号、6号泊位: numbers of one thing
        if re.search(r"\d+[号#]$", parts[i]) and re.match(r"^\d+[号#]\D", parts[i + 1]):
            parts[i:i + 2] = [parts[i] + "、" + parts[i + 1]]
    for i in range(1, len(parts)):  # 地铁3号线、4号线 -> 地铁4号线
        head = re.match(r"^([^\d]+)\d", parts[0])
        if head and re.match(r"^\d+号线", parts[i]):
            parts[i] = head.group(1) + parts[i]
    return parts or [text]


def _table_targets(nt: NormText, text: str, plan: int | None, sections: SectionIndex,
                   period: tuple[int, int] | None = None) -> list[Target]:
    """Targets of table rows: the indicator cell and the target cell (transform/target_tables.py)."""
    out: list[Target] = []
    for row in table_rows(text, period):
        if row.review:
            continue
        cell = row.value_text
        ms = _mentions(cell, cell, 0) or _bare_cell(cell)
        if not ms:
            out.extend(_table_special(nt, row, plan, sections))
            continue
        m = ms[-1]
        unit = m.unit or row.unit
        is_rate = bool(re.search(r"增长|增速|增幅|下降|降低|涨幅", row.indicator + row.header_text))
        decline = bool(re.search(r"下降|降低", row.indicator))
        kind = kind_of(unit, row.indicator, is_rate)
        vn, un = _normalize(m.value, unit)
        if decline and kind == "rate" and vn is not None:
            vn = clean_float(-vn)
        pc = PRE_COMPARATOR.search(cell[:m.start]) or _CELL_SIGN.search(cell[:m.start])
        precomp = pc.group(1) if pc else None
        mods = [x for x in (precomp, m.mod) if x]
        st, en = nt.original_span(row.indicator_start, row.value_start + m.end)
        out.append(Target(
            clause=nt.original[st:en], indicator=row.indicator,
            indicator_id=_indicator_id(row.indicator, un, kind), value=_num(m.value),
            value_max=_num(m.value_max), unit=unit, value_normalized=vn, unit_normalized=un,
            comparator=_comparator(m, precomp), modifier=",".join(mods) or None, kind=kind,
            section=sections.path_at(row.line_start), year=row.year or plan, start=st, end=en,
        ))
    return out


def _table_special(nt: NormText, row, plan: int | None, sections: SectionIndex) -> list[Target]:
    """A target cell without a number: 保持正增长 (value 0, `>`) or a commitment (建成通车)."""
    cell = row.value_text
    g = POSITIVE_GROWTH.search(cell)
    c = None if g else COMMITMENT.search(cell)
    m = g or c
    if not m:
        return []
    modal = None
    for mm in MODAL.finditer(cell[:m.start()]):
        modal = mm.group(0)
    st, en = nt.original_span(row.indicator_start, row.value_start + m.end())
    common = dict(clause=nt.original[st:en], indicator=row.indicator, value_max=None, modifier=modal,
                  section=sections.path_at(row.line_start), year=row.year or plan, start=st, end=en)
    if g:
        return [Target(indicator_id=_indicator_id(row.indicator, "%", "rate"), value=0.0, unit="%",
                       value_normalized=0.0, unit_normalized="%", comparator=">", kind="rate", **common)]
    return [Target(indicator_id=None, value=None, unit=None, value_normalized=None, unit_normalized=None,
                   comparator=None, kind="commitment", **common)]


_BARE_NUMBER = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?:(?:-|~|—|－|～|至)(\d+(?:\.\d+)?))?(以上|以内|以下|左右)?")
#: a sign before a table cell's number (≥7, ≤5.5): a floor or a ceiling
_CELL_SIGN = re.compile(r"(≥|≤|>=|<=|不低于|不高于)\s*$")


def _bare_cell(cell: str) -> list[_Mention]:
    """A number without a unit in a table cell (the unit is in the unit column): 5.5左右, 5-6."""
    m = _BARE_NUMBER.search(cell)
    if not m:
        return []
    v = parse_number(m.group(1))
    vb = parse_number(m.group(2)) if m.group(2) else None
    if vb is not None and vb <= (v or 0):
        vb = None
    return [] if v is None else [_Mention(m.start(), m.end(), v, vb, None, m.group(3))]


def _comparator(m: _Mention, precomp: str | None) -> str:
    if m.value_max is not None:
        return "range"
    if m.mod == "以上":
        return ">="
    if m.mod in ("以内", "以下"):
        return "<="
    if precomp in FLOOR_VERBS or precomp in ("≥", ">="):
        return ">="
    if precomp in CEIL_VERBS or precomp in ("≤", "<="):
        return "<="
    return "="


def _normalize(value: float, unit: str | None) -> tuple[float | None, str | None]:
    if unit in _BARE_MULT:
        return clean_float(value * _BARE_MULT[unit]), None
    if unit is None:
        return clean_float(value), None
    return normalize_quantity(value, unit)


def _num(v: float | None) -> float | None:
    return None if v is None else clean_float(v)


def _state_year(state: Cue | None) -> int | None:
    return state.year if state is not None and state.cls == TARGET else None


def _indicator_id(indicator: str, unit_normalized: str | None, kind: str) -> str | None:
    """The indicator dictionary's id (transform/indicators.py); commitments name projects, not
    indicators, and are not mapped."""
    if kind == "commitment":
        return None
    return map_indicator(indicator, unit_normalized=unit_normalized, kind=kind)
