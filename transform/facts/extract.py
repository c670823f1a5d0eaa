"""The statistics fact extractor: figures a publication reports (docs/labelling.md, "Facts").

`extract_facts(doc, period_hint)` reads the body sentence by sentence. A sentence is cut at
commas into segments; a segment whose words before its first number name something
(`一般公共预算收入616.6亿元`) opens a clause, a segment that starts with a verb or a
comparison (`比上年增长4.5%`, `占地区生产总值的65.3%`) continues the open clause, so a level
and its growth share one clause and one indicator. Tables are read cell by cell
(transform/fact_tables.py). Matching runs on the normalised text (textnorm.normalize) and every
clause is reported as the exact span of Document.text it came from.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from plangap.transform.facts.patterns import (Token, find_tokens, is_aim, is_conversion, is_definition, is_example,
                                     is_norm_range, is_page_counter, is_pledge_quote, is_rank_move, is_schedule_progress,
                                     is_scope_definition, is_survey_scope, is_target_context)
from plangap.transform.facts.periods import PeriodSpec, body_year, find_periods, heading_period, title_period, yearbook_year
from plangap.transform.tables.facts import CUMUL_MARK, MONTH_MARK, CellFact, html_table_facts, text_table_facts
from plangap.transform.indicators.dictionary import map_indicator
from plangap.transform.numbers import clean_float, normalize_quantity
from plangap.transform.records import Document, Fact
from plangap.transform.text.normalize import NormText, normalize
from plangap.transform.text.unwrap import unwrap_prose
from plangap.transform.units import POINT_UNITS, UNIT_SYNONYMS

_SENTENCE_END = re.compile(r"[。;；!！？]|\?(?=\s*$)|\?(?=[^\d?])")
_SEGMENT_SEP = re.compile(r"[,，]|(?<!\d)[:](?!\d)")
_GROWTH_UP = r"增长|增|上涨|涨|提高|提升|加快|回升|扩大|增加|上升|拉动|高于|高出|高|快于|快"
_GROWTH_DOWN = r"下降|降|回落|减少|减|下滑|下跌|跌|缩小|收窄|放缓|降低|减小|下落|低于|低|慢于|慢"
_CONT_VERBS = (r"增长|下降|上涨|回落|减少|提高|提升|加快|回升|扩大|增加|上升|拉动|高于|低于|快于|慢于|下滑|下跌|"
               r"缩小|收窄|放缓|降低|减小|下落|高出")
_IMMEDIATE_VERB = re.compile(rf"(?P<verb>{_GROWTH_DOWN}|{_GROWTH_UP})(?:了|为|达|约)?\s*$")
_LEVEL_DOWN = re.compile(r"(?:减少|下降|下落|减小|降低|回落|下滑|净减)了?\s*$")
_SIGN_WORD = re.compile(rf"{_GROWTH_DOWN}|{_GROWTH_UP}")
_DOWN_WORDS = set(_GROWTH_DOWN.split("|"))
_SHARE = re.compile(r"占|比重|占比|份额")
_RATE_WORDS = re.compile(r"(?:增速|增幅|涨幅|降幅|年均增长率?)(?:为|达|达到|是)?\s*$")
# the rest of the sentence sets targets or states a plan (预算为557.5亿元: a budget, not an outcome)
# (根据省下达的目标,“十四五”期间…下降14%: the target it quotes)
_TARGETS_AHEAD = re.compile(r"目标(?:是|为|:)|预期目标|目标任务是|(?:预算|计划)(?:数|额)?(?:为|是|:)|"
                            r"(?:根据|按照|对照)[^,，。;]{0,12}目标[,，]")
_INDEX = re.compile(r"指数(?:为|达|达到|是)?\s*$")
# indicators whose level is a bare number: 价格指数 102.1, 常住人口性别比 103.79, 基尼系数 0.46
_UNITLESS_LEVEL = re.compile(r"(?:指数|性别比|系数)$")
_LEAD = re.compile(
    r"(?:\s|【[^【】,，。]{1,10}】|[“”\"'、()（）\[\]【】·•]|初步核算|经初步核算|据初步核算|据初步测算|初步测算|据测算|经测算|"
    r"根据[^,]{0,30}?(?:结果|数据|统计)|数据显示|统计显示|据统计|其中[:]?|分产业看|分行业看|分[^,]{1,6}?看|"
    r"从[^,]{1,8}?看|按[^,]{1,8}?分|另外|此外|同时|全市|全省|全区|全县|全州|全镇|全国|本市|我市|我省|我区|该市|"
    r"实现了?|完成了?|共有|共计|共|达到|为|是|约|今年以来|去年|今年|以来|当月|已|累计完成)"
)
_TRAIL = re.compile(
    r"(?:\s|[“”\"'、,(（]|按(?:可比|不变)价格计算|比上年同期|比上年末|比上年|较上年|比去年|同比|环比|"
    rf"(?:{_GROWTH_DOWN}|{_GROWTH_UP})了?|为|达到|达|是|了|约|共计|共|合计|总计|分别|的|实现|完成|预计|已经|已|仅|也|"
    r"年末|末|由上年的|由上年|由|突破|超过|首次|继续|再|均)$"
)
_CONTINUATION = re.compile(
    rf"^(?:按[^,]{{0,8}}计算|比|较|同比|环比|{_CONT_VERBS}|(?:增|降|高|低|快|慢|减|涨|跌)(?=[\d.\-])|分别|占|增速|增幅|降幅|涨幅|两年平均|"
    r"年均|平均|实际|名义|扣除|达到|达|为|约|合|是|由|跌|居(?![民住室家])|比重|对[^,]{0,12}贡献|其中增|当月|折合|约合|以)"
)
_INDICATOR_END = re.compile(
    r"(?:值|额|入|量|数|率|资|出|口|格|指数|支出|面积|规模|余额|人口|就业|利润|业|品|税|价|重|比|费|耗|度|"
    r"浓度|天数|产|量|电|户|员|件|所|床|位|车|站|企业|项目)$"
)
_PLACE = re.compile(r"^([\u4e00-\u9fff]{1,4}?(?:市|区|县|旗|州))(?![场民值辖政级属域])(?=[\u4e00-\u9fff])")
_NOT_PLACE = {"城市", "都市", "全市", "本市", "我市", "该市", "各市", "全区", "本区", "城区", "市区", "辖区", "社区",
              "园区", "景区", "地区", "山区", "库区", "片区", "开发区", "高新区", "全县", "本县", "各县", "郊县",
              "全州", "我区", "城乡结合区", "主城区", "中心城区", "新城区", "老城区", "示范区", "试验区", "集聚区",
              "保税区", "自贸区", "贫困区", "贫困县", "城镇", "各区"}
_BASE_UNIT_ALIASES = UNIT_SYNONYMS
_TONES = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
# a balance is a stock: with no period of its own it is the balance at the end of the page's period
_STOCK_END = re.compile(r"余额$")


def _period_end(period: str) -> str:
    """The last day of a year (2023 -> 2023-12-31) or of a year-to-date range (2023-01/2023-07 ->
    2023-07-31); other periods unchanged."""
    import calendar
    m = re.fullmatch(r"(\d{4})(?:-01/\1-(\d{2}))?", period)
    if not m:
        return period
    y, mo = int(m.group(1)), int(m.group(2) or 12)
    return f"{y}-{mo:02d}-{calendar.monthrange(y, mo)[1]:02d}"


# indicators of a flow over the period (output, value added, income, trade): a year-end date named
# in an earlier sentence is not theirs
_FLOW_IND = re.compile(r"(?:产量|产值|增加值|出栏|收入|支出|投资|零售额|销售额|营业额|利润|利润总额|进出口|出口|进口|"
                       r"[发用]电量|货运量|客运量|周转量|业务量|业务总量|成交额|交易额)$")


# the country's or the province's figure as a clause's subject (同期全国经济增长5.3%)
_WIDER = re.compile(r"(全国|全省|我国|我省|本省)(?![第前])"
                    r"|(全国|全省|我国|我省|本省)(?=前三个?季度|前[一二两三四五六七八九十\d]{1,2}个?月)")
# the country's own aggregate (国内生产总值, as against a place's 地区生产总值): with no local subject
# before it, or with the country named as its subject and a period (全国前三季度…), it is the
# country's figure quoted for context on a page about a smaller area
_NATION_AGGREGATE = re.compile(r"(?:全国|我国)?国内生产总值")
_NATION_DATED = re.compile(r"(?:全国|我国)(?=前三个?季度|前[一二两三四五六七八九十\d]{1,2}个?月|\d{4}年|[一二三四1-4]季度|上半年|"
                           r"1-\d{1,2}月|全年)")
# the city as the subject on a county's or a district's page (全县…增长4.6%,全市同期增长4.1%)
_CITY_WIDE = re.compile(r"全市|全州|全盟")
_CITY_SELF = re.compile(r"全市|我市|本市|全州|我州|全盟")
_COUNTY_SELF = re.compile(r"全县|我县|本县|全区|我区|本区|全旗|我旗")
_WIDER_LEAD = re.compile(r"\s|[,，、“”\"]|同期|同时期|同时|而|另外|此外|相比之下|作为对比|对比来看|从全国看|从全省看|据[^,，]{0,12}(?:数据|统计|公布)")
_WIDER_COMPARE = re.compile(r"同期|相比|对比|比较|高于|低于|快于|慢于|高出|低出|平均水平|作为参照|领先|落后")
# the rank of the area a page is about; the country or the province as the subject of a figure
_AREA_RANK = {"全国": 4, "我国": 4, "全省": 3, "我省": 3, "本省": 3}
_SMALL_AREA = re.compile(r"全市|我市|本市|全县|我县|本县|全区|我区|本区|全镇|我镇|本镇|全乡|我乡|全旗|全州|全盟")
_PROVINCE_AREA = re.compile(r"全省|我省|本省")
_NATION_AREA = re.compile(r"全国|我国|中华人民共和国|国家统计局")


def _page_rank(ctx: "_Ctx") -> int:
    """The area a page is about: 4 the country, 3 a province, 2 a smaller place (a city, a county,
    a district, a town); from the title's place, else the words the body uses for itself (全市, 全省)."""
    if ctx.__dict__.get("_rank") is not None:
        return ctx._rank
    title = normalize(ctx.doc.title or "").text
    place = ctx.title_place or ""
    if re.search(r"(?:省|自治区)$", place) or re.search(r"[\u4e00-\u9fff]{2,3}省", title):
        rank = 3
    elif place or re.search(r"[\u4e00-\u9fff]{2}(?<!城)(?<!乡)(?:镇|乡)(?![村镇])", title):
        rank = 2
    else:
        body = ctx.nt.text
        counts = (len(_SMALL_AREA.findall(body)), len(_PROVINCE_AREA.findall(body)), len(_NATION_AREA.findall(body)))
        rank = 2 + max(range(3), key=lambda k: (counts[k], -k)) if any(counts) else 4
    ctx._rank = rank
    return rank


# a glossary section's heading (名词解释, 主要统计指标解释, 词语注释:, 术语表): its lines define terms
_GLOSSARY_HEAD = re.compile(r"^\s*(?:[一二三四五六七八九十\d]+[、.]\s*)?(?:附[:]?\s*)?(?:主要)?(?:统计)?"
                            r"(?:指标|名词|词语|术语|概念|词汇)(?:解释|注释|释义|说明|表)\s*(?::|$)")
_CHAPTER_HEAD = re.compile(r"^\s*[一二三四五六七八九十]+、")
# page links around an article (上一篇:…, 下一篇:…, 相关阅读:…): titles of other pages
_NAV_LINE = re.compile(r"^\s*(?:上一篇|下一篇|上一条|下一条|相关阅读|相关链接|相关文章|推荐阅读|延伸阅读)\s*[:]")
# a count of words to learn (HSK经济词汇100个): a glossary's size, not a statistic
_VOCABULARY = re.compile(r"(?:词汇|词语|术语|生词|单词|例句|练习题?)$")

# a table row that names a year-end stock (年末户籍人口, 年末生猪存栏)
_YEAR_END_ROW = re.compile(r"^(?:其中)?年末|年末(?:余额|存栏|人口|户籍)")
# a place named in a comparison: 与相邻的东陵市相比, 周边东陵市, 东陵市同期…作为对比
_COMPARE_CUE = re.compile(r"相比|对比|比较|相邻|邻近|周边|毗邻|兄弟城市|参照|差距|赶超|对标")
_NOT_PEER_COMPARE = re.compile(r"(?:与|同|和|较|比)(?:\d{4}年|上年|去年|上年同期|同期|上月|上季度|年初|上年末|"
                               r"全市|全省|全区|全县|全国|全州|平均水平)[^,，。;；]{0,4}?(?:相比|比较)")
_COMPARE_LEAD = re.compile(r"相比之下|作为对比|对比来看|对比而言|横向(?:比较|对比|来看)|从周边(?:城市|地区|县市区?)?(?:看|来看)|"
                           r"周边(?:城市|地区|县市区?)中|同期(?:相比|对比)")
# words ending in 市 that name no city (上市公司, 超市, 门市部, 股市, 楼市, 夜市, 城市)
_MARKET_WORD = re.compile(r"(?:上|超|门|股|楼|车|集|夜|早|菜|入|退|开|都|城|互|黑|花|鸟|灯)市$")
_CITY_LEAD = re.compile(r"^(?:(?:相邻|邻近|周边|毗邻)(?:城市|地区)?的?)?([\u4e00-\u9fff]{2,4}?(?:市|县|区))(?![场民值辖政级属域])(?=[\u4e00-\u9fff\d])")



def _skip_leads(text: str, i: int, b: int, leads: re.Pattern) -> int:
    """The offset in text[i:b] after lead words (`leads`) and periods that open a segment."""
    while i < b:
        m = leads.match(text, i, b)
        if m and m.end() > i:
            i = m.end()
            continue
        p = find_periods(text[i:b])
        if p and p[0].start == 0:
            i += p[0].end
            continue
        break
    return i


@dataclass
class _Clause:
    start: int  # normalised offsets
    indicator: str
    end: int = -1
    facts: list[tuple[Token, str, float | None, str | None, float | None, str | None, str | None, str | None]] = field(default_factory=list)
    scope: str | None = None
    wider: bool = False  # the figure of a wider area quoted for comparison (同期全国经济增长5.3%)


def extract_facts(doc: Document, period_hint: str | None = None) -> list[Fact]:
    """The figures `doc` reports, in reading order (see docs/labelling.md)."""
    nt = normalize(doc.text)
    default_period, page_year = title_period(doc.title, period_hint)
    if page_year is None and doc.year:
        page_year = doc.year
    cells, table_spans = html_table_facts(doc)
    if not doc.tables:
        more, spans = text_table_facts(doc.text, table_spans)
        cells += more
        table_spans += spans
    if page_year is None and default_period is None:
        # a yearbook page (统计年鉴—2022): the data year of its tables, else the year before the book's
        page_year = yearbook_year(normalize(doc.title or "").text, _table_years(cells))
        if page_year is not None:
            default_period = str(page_year)
    if page_year is None:  # a news item about a bulletin: the year of the bulletin it names
        page_year, annual = body_year(nt.text)
        if default_period is None and annual and page_year:
            default_period = str(page_year)
    page_spec = _page_spec(doc.title, page_year)
    if page_spec is None and (default_period is None or default_period == str(page_year)):
        # a monthly report titled 统计月报: the period of its heading (2022年1-11月主要经济指标)
        head = heading_period(nt.text)
        if head is not None and (page_year is None or head.year == page_year):
            page_spec, page_year = head, head.year
            default_period = head.resolve(page_year)
    title_place = _title_place(doc.title)
    ctx = _Ctx(doc, unwrap_prose(nt, table_spans), default_period, page_year, title_place)
    ctx.page_spec = page_spec
    items: list[tuple[int, Fact]] = []
    for c in cells:
        items.extend((c.start, f) for f in ctx.cell_facts(c))
    items.extend(ctx.sentence_facts(table_spans))
    items.sort(key=lambda x: x[0])
    return [f for _, f in items]


def _table_years(cells: list[CellFact]) -> list[int]:
    """The years the tables' column headers and captions name (2021年, （2021年）)."""
    out = []
    for c in cells:
        for t in (c.period_text, c.table_period):
            if t and t not in (MONTH_MARK, CUMUL_MARK):
                out.extend(p.year for p in find_periods(normalize(t).text) if p.year)
    return out


def _in_brackets(text: str, s: int, pos: int, e: int) -> bool:
    """Whether text[pos] lies inside a short bracketed gloss of the sentence text[s:e]."""
    o = max(text.rfind("(", s, pos), text.rfind("（", s, pos))
    if o < 0 or pos - o > 30 or max(text.rfind(")", o, pos), text.rfind("）", o, pos)) >= 0:
        return False
    close = [c for c in (text.find(")", pos, e), text.find("）", pos, e)) if c >= 0]
    return bool(close) and min(close) - pos <= 30


def _page_spec(title: str | None, year: int | None) -> PeriodSpec | None:
    """The part-year period (1-11月, 11月) the title names, if any."""
    if not title:
        return None
    specs = [p for p in find_periods(normalize(title).text) if p.kind in ("range", "month") and not p.multi_year]
    return specs[0] if specs else None


def _title_place(title: str | None) -> str | None:
    if not title:
        return None
    t = normalize(title).text
    for m in re.finditer(r"各(?:区县|县区|区|县|市县|市区|市)", t):  # 2023年北塘各区县…: the city 北塘
        run = re.search(r"[\u4e00-\u9fff]*$", t[:m.start()]).group(0)
        stem = re.split(r"[年月日的在和及个全]", run)[-1]
        if 2 <= len(stem) <= 4:
            return stem if stem.endswith(("市", "州", "盟")) else stem + "市"
    for m in re.finditer(r"[省市区县旗州]", t):
        for n in (2, 3):
            p = t[max(0, m.start() - n):m.end()]
            if (len(p) == n + 1 and re.fullmatch(r"[\u4e00-\u9fff]+", p) and not any(p.endswith(x) for x in _NOT_PLACE)
                    and not re.search(r"[年全实现根据的在和及个各]", p)):
                return p
    return None


def _title_county(title: str | None) -> str | None:
    """A county, a district or a banner the title names (澄州市东岸区… -> 东岸区), if any."""
    if not title:
        return None
    t = normalize(title).text
    for m in re.finditer(r"[区县旗]", t):
        for n in (2, 3):
            p = t[max(0, m.start() - n):m.end()]
            if (len(p) == n + 1 and re.fullmatch(r"[\u4e00-\u9fff]+", p) and not re.search(r"[省市州]", p[:-1])
                    and not any(p.endswith(x) for x in _NOT_PLACE) and not re.search(r"[年全实现根据的在和及个各]", p)):
                return p
    return None


class _Ctx:
    def __init__(self, doc: Document, nt: NormText, default_period: str | None, page_year: int | None,
                 title_place: str | None) -> None:
        self.doc, self.nt = doc, nt
        self.default_period, self.page_year, self.title_place = default_period, page_year, title_place
        self.page_spec: PeriodSpec | None = None

    # ---- tables -------------------------------------------------------------------------
    def _mark_period(self, mark: str) -> str | None:
        """本月 / 累计 columns of a monthly report: the page's month, the year to its month."""
        spec = self.page_spec
        year = (spec.year if spec else None) or self.page_year
        if spec is None or year is None:
            return self.default_period
        if mark == MONTH_MARK:
            return f"{year}-{spec.end_month:02d}"
        return PeriodSpec("range", 1, spec.end_month, year).resolve(year)

    def cell_facts(self, c: CellFact) -> list[Fact]:
        period = self.default_period
        row_specs = find_periods(normalize(c.row_period).text) if c.row_period else []
        if row_specs:
            period = row_specs[0].resolve(self.page_year) or period
        elif c.period_text in (MONTH_MARK, CUMUL_MARK):
            period = self._mark_period(c.period_text)
        elif c.period_text:
            specs = find_periods(normalize(c.period_text).text)
            if specs:
                period = specs[0].resolve(self.page_year) or period
        elif c.table_period:
            specs = find_periods(normalize(c.table_period).text)
            if specs:
                period = specs[0].resolve(self.page_year) or period
        elif c.measure != "level":
            period = self._row_level_period(c) or period
        if period and re.fullmatch(r"\d{4}", period) and _YEAR_END_ROW.search(c.indicator):
            period += "-12-31"  # 年末生猪存栏 | 2021年: the stock at the end of the year
        clause = self.doc.text[c.start:c.end]
        value = c.value
        unit = c.unit
        measure = c.measure
        if measure == "growth_pct":
            vn, un, unit = value, "%", "%"
        elif measure == "share_pct":
            vn, un, unit = value, "%", "%"
        elif unit == "‰":
            measure, vn, un = "per_mille", value, "‰"
        else:
            vn, un = normalize_quantity(value, unit)
        return [self._fact(clause, c.indicator, value, unit, vn, un, measure, period, None, c.start, c.end)]

    def _row_level_period(self, c: CellFact) -> str | None:
        for t in self.doc.tables:
            for h in t.header:
                specs = find_periods(normalize(h).text)
                if specs:
                    return specs[0].resolve(self.page_year)
        return None

    def _fact(self, clause, indicator, value, unit, vn, un, measure, period, scope, start, end) -> Fact:
        if un in _BASE_UNIT_ALIASES:
            un = _BASE_UNIT_ALIASES[un]
        kind = {"share_pct": "share", "ratio": "ratio"}.get(measure)
        return Fact(clause=clause, indicator=indicator,
                    indicator_id=map_indicator(indicator, un if measure == "level" else None, kind),
                    value=value, unit=unit, value_normalized=vn, unit_normalized=un, measure=measure,
                    period=period, publication=self.doc.title, published=self.doc.published, scope=scope,
                    start=start, end=end)

    # ---- sentences ----------------------------------------------------------------------
    def sentence_facts(self, skip_spans: list[tuple[int, int]]) -> list[tuple[int, Fact]]:
        nt = self.nt
        text = nt.text
        skip_norm = [self._norm_span(a, b) for a, b in skip_spans]
        out: list[tuple[int, Fact]] = []
        pos = 0
        glossary = False
        for line in text.split("\n"):
            lstart, lend = pos, pos + len(line)
            pos = lend + 1
            if any(a <= lstart < b or a < lend <= b for a, b in skip_norm):
                glossary = False
                continue
            if _GLOSSARY_HEAD.match(line):
                glossary = True  # 名词解释 / 词语注释: definitions and worked examples to the section's end
            elif glossary and (not line.strip() or "|" in line or _CHAPTER_HEAD.match(line)):
                glossary = False
            if glossary or _NAV_LINE.match(line):
                continue
            carry: tuple[PeriodSpec | None, int | None] = (None, None)
            s = lstart
            for m in list(_SENTENCE_END.finditer(line)) + [None]:
                e = lstart + m.start() if m else lend
                if e > s:
                    carry = self._sentence(s, e, carry, out)
                s = (lstart + m.end()) if m else lend
        return out

    def _norm_span(self, a: int, b: int) -> tuple[int, int]:
        idx = self.nt.index
        import bisect
        return bisect.bisect_left(idx, a), bisect.bisect_left(idx, b)

    def _sentence(self, s: int, e: int, carry, out) -> tuple[PeriodSpec | None, int | None]:
        text = self.nt.text
        tokens = find_tokens(text, s, e)
        periods = find_periods(text[s:e])
        years = [(p.start + s, p.year) for p in periods if p.year]
        segs = []
        a = s
        for m in _SEGMENT_SEP.finditer(text, s, e):
            if _in_brackets(text, s, m.start(), e):
                continue  # 性别比(以女性为100,男性对女性的比例)为103.79: a gloss, not a new segment
            segs.append((a, m.start()))
            a = m.end()
        segs.append((a, e))
        clause: _Clause | None = None
        foreign = False
        pending: tuple[str, int] | None = None
        clauses: list[_Clause] = []
        ti = 0
        for a, b in segs:
            seg_tokens = []
            while ti < len(tokens) and tokens[ti].start < b:
                if tokens[ti].start >= a:
                    seg_tokens.append(tokens[ti])
                ti += 1
            first = seg_tokens[0].start if seg_tokens else b
            head_raw = text[a:first]
            ind, ind_start, cont = self._head(a, first)
            cur_ind = ind if (ind and not cont) else (clause.indicator if clause else "")
            facts_here = [t for t in seg_tokens if self._keep(t, a, s, cur_ind)]
            if not facts_here:
                if ind and not cont and _INDICATOR_END.search(ind) and len(ind) <= 30:
                    pending = (ind, ind_start)
                continue
            if ind and not cont:
                clause = _Clause(ind_start, ind)
                clauses.append(clause)
            elif pending is not None:
                clause = _Clause(pending[1], pending[0])
                clauses.append(clause)
            elif clause is None:
                clause = _Clause(ind_start if ind else facts_here[0].start, ind or "")
                clauses.append(clause)
            if clause is clauses[-1] and len(clause.facts) == 0 and not cont:
                clause.wider = self._wider_area(a, first, s, e)
            elif clause.wider and _SMALL_AREA.match(text[a:first].lstrip()):
                clause = _Clause(ind_start, clause.indicator)  # …,全县增速高于全省5.2个百分点: the page's own again
                clauses.append(clause)
            pending = None
            if clause.wider:
                continue  # 同期全国经济增长5.3%(,比一季度加快0.1个百分点): the country's, not this page's
            place = self._place(clause.indicator)
            if place:
                clause.scope = place
            if self._foreign_province(clause.indicator):
                continue
            if foreign or self._foreign_city(clause.indicator, s, e):
                foreign = True  # …东陵市…,人均地区生产总值超过13万元: the rest of the sentence is its too
                continue
            if ("分别" in head_raw and len(facts_here) == 1 and "、" in (clause.indicator + head_raw)
                    and len(re.sub(r"\D", "", text[facts_here[0].start:facts_here[0].num_end].split(".")[0])) >= 7):
                continue  # 分别为23323395346268亿元: list values run together, no split is certain
            seg_prev = a
            prev_between = ""
            for t in facts_here:
                between = text[max(seg_prev, a):t.start]
                if between.strip() in ("、", "和", "及", "与", "、和", "") and seg_prev > a:
                    between = prev_between  # a list item takes the verb of the list (分别增长7%、8%)
                prev_between = between
                spec, year = self._period_for(t.start, periods, years, s, carry)
                if (spec is not None and spec is carry[0] and spec.kind == "date" and spec.end_month == 12
                        and _FLOW_IND.search(clause.indicator)):
                    spec = None  # …年末生猪存栏27.8万头。禽蛋产量3.05万吨: a year's output, not a year-end stock
                self._add(clause, t, between, head_raw, spec, year)
                seg_prev = t.end
        for c in clauses:
            if not c.facts:
                continue
            c.end = max(f[0].end for f in c.facts)
            os_, oe = self.nt.original_span(c.start, c.end)
            clause_text = self.doc.text[os_:oe]
            for t, ind, value, unit, vn, un, measure, period_scope in c.facts:
                period, scope = period_scope if isinstance(period_scope, tuple) else (period_scope, None)
                out.append((os_, self._fact(clause_text, ind, value, unit, vn, un, measure, period,
                                            scope or c.scope, os_, oe)))
        # the last period named in this sentence carries to the next sentences of the line
        # (11月当月 names the month of its own sentence only)
        periods = [p for p in periods if not p.multi_year and not p.text.endswith("当月")]
        if periods:
            last = periods[-1]
            return last, (last.year or (years[-1][1] if years else None) or carry[1])
        return carry

    def _head(self, a: int, b: int) -> tuple[str, int, bool]:
        """(indicator words, their start, is-continuation) of text[a:b] before a segment's number."""
        text = self.nt.text
        i = _skip_leads(text, a, b, _LEAD)
        rest = text[i:b]
        cont = not rest or bool(_CONTINUATION.match(rest))
        j = len(rest)
        while j > 0:
            m = _TRAIL.search(rest, 0, j)
            if not m:
                break
            j = m.start()
        ind = rest[:j].strip()
        ind = re.sub(r"(?<=[\u4e00-\u9fff])[(（][^()（）]*[,，=][^()（）]*[)）]$", "", ind)  # 性别比(以女性为100,…)
        # 地区生产总值(GDP), 人均地区生产总值（rén jūn GDP）: an abbreviation or a gloss, not the name
        ind = re.sub(r"(?<=[\u4e00-\u9fff])[(（]\s*[A-Za-z" + _TONES + r"][A-Za-z0-9." + _TONES + r"\s]{0,30}[)）]$", "", ind)
        # 增速比1-10月回落: the base period of the comparison is not part of the name
        ind = re.sub(r"(?<=[\u4e00-\u9fff])(?:比|较)(?:\d{4}年)?(?:\d{1,2}-\d{1,2}月|[一二三四1-4]季度|上半年|前三季度|上月|上年同期)$",
                     "", ind)
        # a headline's subject before its time word (河城去年经济增长…): the place is not the indicator
        ind = re.sub(r"^[\u4e00-\u9fff]{1,4}(?:去年|今年)(?=[\u4e00-\u9fff]{2})", "", ind)
        # a period written after the indicator's owner (全省2020年...) is not part of the name
        return ind, i, cont

    def _keep(self, t: Token, seg_start: int, sent_start: int = 0, indicator: str = "") -> bool:
        text = self.nt.text
        if _TARGETS_AHEAD.search(text[sent_start:t.start]):
            return False  # 主要预期目标是: ... the rest of the sentence sets targets
        if t.unit is None and not t.is_ratio:
            if self._worked_example(t, sent_start):
                return False  # 例如,价格指数由100上升到102: the index levels of an example
            return (bool(_INDEX.search(text[max(seg_start, t.start - 8):t.start]))
                    or bool(_UNITLESS_LEVEL.search(re.sub(r"[(（][^()（）]*[)）]", "", indicator))))
        if _VOCABULARY.search(indicator):
            return False
        before = text[max(0, t.start - 16):t.start]
        if is_aim(text[seg_start:t.start]) or self._aim_ahead(sent_start, seg_start):
            return False  # 力争达到3.1%: a target quoted in a statistics page
        if is_page_counter(text[max(0, t.start - 10):t.start]):
            return False  # 浏览：1,204次: the page's view counter
        if is_schedule_progress(text[seg_start:t.start]):
            return False  # 超序时进度2.4个百分点: completion against the calendar
        if is_rank_move(t.unit, text[seg_start:t.start], text[sent_start:t.start]):
            return False  # 排名第6位,比上年前移1位: a rank's move
        if is_target_context(before, text[t.end:t.end + 8]):
            return False
        if is_conversion(text[seg_start:t.start], text[t.end:t.end + 12]):
            return False  # 1公顷=15亩, 按5公斤鲜薯折1公斤: a unit conversion
        if is_norm_range(before, text[t.end:t.end + 8]) or is_survey_scope(text[seg_start:t.start]):
            return False  # 正常保有量（3.80万头）, 调查涵盖…268个基本分类: a standard, a survey's scope
        if is_definition(text[max(seg_start, t.start - 30):t.start]):
            return False
        sentence_before = text[sent_start:t.start]
        if is_scope_definition(sentence_before) or self._worked_example(t, sent_start):
            return False  # 统计范围为…（部分行业为1000万元…）, 例如由5%上升到6%: a definition, an example
        if is_pledge_quote(sentence_before):
            return False  # 承诺的“新增学位3000个”: the figure of a promise
        return True

    def _worked_example(self, t: Token, sent_start: int) -> bool:
        """Whether `t` belongs to a worked example of its sentence (see fact_patterns.is_example)."""
        text = self.nt.text
        sent_end = _SENTENCE_END.search(text, t.end)
        rest = text[t.start:sent_end.start() if sent_end else len(text)].split("\n")[0]
        return is_example(text[sent_start:t.start], rest)

    def _aim_ahead(self, sent_start: int, seg_start: int) -> bool:
        """Whether an earlier segment of the sentence aims at a figure (力争全年投资增长7%以上,规上
        工业总产值突破1300亿元): the aim governs the list that follows it."""
        return sent_start < seg_start and is_aim(self.nt.text[sent_start:seg_start])

    def _period_for(self, pos: int, periods: list[PeriodSpec], years, s: int, carry):
        spec = None
        for p in periods:
            if p.start + s < pos:
                spec = p
        yr = None
        for ypos, y in years:
            if ypos < pos:
                yr = y
        if spec is None:
            spec = carry[0]
            yr = yr or carry[1]
        return spec, yr

    def _wider_area(self, a: int, b: int, s: int, e: int) -> bool:
        """Whether the segment text[a:b] before its number names the country or the province as its
        subject (同期全国经济增长…, 全省地区生产总值增长3.8%,我市高于全省…) in a comparison, on a page
        about a smaller place."""
        text = self.nt.text
        i = _skip_leads(text, a, b, _WIDER_LEAD)
        rank = _page_rank(self)
        if rank < 4 and (_NATION_DATED.match(text, i, b)
                         or _NATION_AGGREGATE.fullmatch(re.sub(r"(?:增长|增速|增幅|下降|为|达到|达|实现|约)+\s*$", "", text[i:b]))):
            return True  # 全国前三季度国内生产总值增长5.2% on a province's page: the country's
        m = _WIDER.match(text, i, b)
        if m:
            if rank >= _AREA_RANK[m.group(1) or m.group(2)]:
                return False
        elif not (_CITY_WIDE.match(text, i, b) and self._county_page()):
            return False
        sentence = re.sub(r"(?:比|较|与)?(?:上年|去年)同期", "", text[s:e])  # 比上年同期增长: no comparison of places
        if "同期" in text[a:i] or bool(_WIDER_COMPARE.search(sentence)):
            return True
        # a section headed by the wider area or a comparison with it (四、全省情况, 三、与全国比较)
        head = self._section_head(s)
        area = text[i:i + 2]
        return bool(head) and (area in head or bool(re.search(r"比较|对比|相比|参照", head)))

    def _section_head(self, pos: int) -> str:
        """The last numbered heading line (三、与全国比较) before text[pos], or ''."""
        text = self.nt.text
        k = text.rfind("\n", 0, pos)
        while k > 0:
            j = text.rfind("\n", 0, k)
            line = text[j + 1:k].strip()
            if _CHAPTER_HEAD.match(line) and len(line) <= 20 and not re.search(r"[,，。;；]", line):
                return line
            k = j
        return ""

    def _county_page(self) -> bool:
        """Whether the page is about a county, a district or a banner (a place below a city).
        Answered once per page: it may count words of the whole body (linear work per page,
        not per figure)."""
        known = self.__dict__.get("_county_answer")
        if known is not None:
            return known
        place = self.title_place or ""
        if _title_county(self.doc.title):
            known = True  # 澄州市东岸区2023年…: a district of the city the title names first
        elif place:
            known = place.endswith(("县", "区", "旗")) and not place.endswith(tuple(_NOT_PLACE))
        else:  # a title that names no place (a mirror's breadcrumb): the words the body uses for itself
            body = self.nt.text
            known = len(_COUNTY_SELF.findall(body)) > len(_CITY_SELF.findall(body))
        self._county_answer = known
        return known

    def _foreign_province(self, indicator: str) -> bool:
        """A province's figure quoted in a page about a place of another name."""
        m = re.match(r"^([\u4e00-\u9fff]{2,3}省)", indicator)
        title = normalize(self.doc.title or "").text
        return bool(m and re.search(r"[市区县]", title) and m.group(1)[:2] not in title)

    def _foreign_city(self, indicator: str, s: int, e: int) -> bool:
        """Another city's figure quoted for comparison (与相邻的东陵市相比…东陵市地区生产总值…) in a
        page about a different place: a peer city of the page's city, or one the text compares with."""
        m = _CITY_LEAD.match(indicator)
        if not m:
            return False
        place = m.group(1)
        if place in _NOT_PLACE or any(place.endswith(x) for x in _NOT_PLACE) or _MARKET_WORD.search(place):
            return False
        stem = place[:-1]
        title = normalize(self.doc.title or "").text
        if stem in title or (self.title_place and self.title_place[:-1] == stem):
            return False
        text = self.nt.text
        line_start = text.rfind("\n", 0, s) + 1
        for k in [m.start() for m in re.finditer(re.escape(place), text[line_start:e])]:
            k += line_start
            a = max(max(text.rfind(c, line_start, k) for c in ",，。;；") + 1, line_start)
            b = min([x for x in (text.find(c, k, e) for c in ",，。;；") if x >= 0] or [e])
            seg = _NOT_PEER_COMPARE.sub("", text[a:b])  # 与上年相比, 与全市相比: no other place
            if _COMPARE_CUE.search(seg):
                return True
            # 相比之下，东陵市…: a comparison phrase as the segment before, in the same sentence
            if a > line_start and text[a - 1] in ",，":
                pa = max(max(text.rfind(c, line_start, a - 1) for c in ",，。;；") + 1, line_start)
                if _COMPARE_LEAD.fullmatch(text[pa:a - 1].strip()):
                    return True
        return False

    def _place(self, indicator: str) -> str | None:
        m = _PLACE.match(indicator)
        if not m:
            return None
        place = m.group(1)
        if _MARKET_WORD.search(place):
            return None  # 境内上市公司: 上市 is no city
        if place in _NOT_PLACE or any(place.endswith(x) for x in _NOT_PLACE) or len(place) < 3:
            return None
        if self.title_place and (place == self.title_place or self.title_place.startswith(place)):
            return None
        if place in normalize(self.doc.title or "").text:
            return None  # (广安市)广安区2021年…: the page's own place
        return place

    def _add(self, clause: _Clause, t: Token, between: str, head_raw: str, spec: PeriodSpec | None, year: int | None) -> None:
        unit = t.unit
        value = t.value
        vm = _IMMEDIATE_VERB.search(between)
        signs = _SIGN_WORD.findall(re.sub(r"增速|增幅|增长率|涨幅|增长速度", "", between))
        down = bool(signs) and signs[-1] in _DOWN_WORDS
        ind = clause.indicator
        if t.is_ratio:
            measure, value, vn, un = "ratio", t.ratio_value, t.value, None
        elif unit in POINT_UNITS:
            measure, vn, un = "change_pp", (-value if down else value), unit
            if clause.facts and clause.facts[-1][6] == "share_pct" and not re.search(r"[\u4e00-\u9fff]{2,}(?:增速|增幅)", between):
                ind = clause.facts[-1][1]  # 占…比重38.6%,比上年提高1.4个百分点: the change of the share
        elif unit == "‰":
            measure, vn, un = "per_mille", (-value if (vm and vm.group("verb") in _DOWN_WORDS) else value), "‰"
            if vm and vm.group("verb") in _DOWN_WORDS:
                measure = "change_pp"
        elif unit in ("%", "倍"):
            if vm and not re.search(r"(?:到|至)\s*$", between):
                neg = vm.group("verb") in _DOWN_WORDS
                measure = "growth_pct"
                vn = value * 100 if unit == "倍" else value
                vn = clean_float(-vn if neg else vn)
                un = "%"
            elif _RATE_WORDS.search(between):
                measure, vn, un = "growth_pct", (value * 100 if unit == "倍" else value), "%"
            elif _SHARE.search(between) or _SHARE.search(head_raw):
                measure, vn, un = "share_pct", value, "%"
                if "占" in between and "占" not in ind:
                    k = between.index("占")
                    extra = re.sub(r"(?:的|比重|为|达到|达|是|\s)+$", "", between[k:])
                    ind = ind + extra if ind else extra
            elif unit == "倍":
                measure, vn, un = "ratio", value, "倍"
            else:
                measure, vn, un = "level", value, "%"
        else:
            measure = "level"
            vn, un = normalize_quantity(value, unit)
            if vn is not None and _LEVEL_DOWN.search(between):
                vn = clean_float(-vn)
        period = None
        scope = None
        if spec is not None:
            period = spec.resolve(year or self.page_year)
            if spec.multi_year:
                scope = spec.text.strip("“”\"")
        if period is None:
            period = self.default_period
            if period and _STOCK_END.search(clause.indicator):
                period = _period_end(period)  # 贷款余额 in a 1-7月 report: the balance at the end of July
        if period and re.fullmatch(r"\d{4}", period) and re.search(r"(?:上年|去年)的?\s*$", between):
            period = str(int(period) - 1)  # 由上年的1.914:1缩小为1.870:1: the base is last year's figure
        if measure == "level" and period and re.fullmatch(r"\d{4}", period) and spec is None:
            pass
        clause.facts.append((t, ind, value, unit, vn, un, measure, (period, scope)))
