"""Number tokens of statistics text: a number with its unit, or a ratio (`2.1∶46.3∶51.6`).

All patterns run on `textnorm.normalize()` output (simplified characters, ASCII digits).
`find_tokens(text, start, end)` returns the quantities of a span that can be facts; numbers
that are names, dates, ranks, thresholds or glued to `?` are dropped here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from plangap.transform.numbers import parse_chinese_number, parse_number
from plangap.transform.units import (CN_MULTIPLIER, CN_MULTIPLIERS, MULTIPLIER, POINT_UNITS, STAT_PERCENT_UNITS,
                                     STAT_UNIT_BODY, TIMES)

# the unit after a number: a percent-like unit or 倍, or a base unit (transform/units.py) that a
# multiplier may lead
_MULT = MULTIPLIER
_UNIT_BODY = STAT_UNIT_BODY
_SPECIAL_UNITS = "(?:" + "|".join(STAT_PERCENT_UNITS + (TIMES,)) + ")"
UNIT = re.compile(rf"\s*(?P<unit>{_SPECIAL_UNITS}|{_MULT}?(?:{_UNIT_BODY}))")
_NUM = r"-?\d+(?:,\d{3})*(?:\.\d+)?"
ARABIC = re.compile(r"(?<![\d.])(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)")
RATIO = re.compile(r"(?<![\d.])(?P<ratio>\d+(?:\.\d+)?(?:\s*[:∶]\s*\d+(?:\.\d+)?)+)(?![\d.])")
_CN_CHARS = "零〇○一二两三四五六七八九十百千万亿廿卅卌"
PERCENT_CN = re.compile(r"百分之(?P<cn>[零〇一二两三四五六七八九十百点]+)")
PERMILLE_CN = re.compile(r"千分之(?P<cn>[零〇一二两三四五六七八九十百点]+)")
# 提高一点四个百分点, 回落零点八个百分点, 下降三个千分点: the unit makes a lone numeral a value
POINTS_CN = re.compile(
    rf"(?<![\d.第{_CN_CHARS}])(?P<cn>[零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?)"
    r"(?P<unit>" + "|".join(POINT_UNITS) + ")")
CHINESE = re.compile(
    rf"(?<![\d.第{_CN_CHARS}])(?P<cn>[零〇○一二两三四五六七八九十廿卅卌][{_CN_CHARS}]*(?:点[零〇一二三四五六七八九]+)?)(?P<approx>多|余)?"
    rf"(?P<cnmult>{'|'.join(w for w in CN_MULTIPLIERS if len(w) == 1)})?(?P<approx2>多|余)?(?=(?P<cnunit>{_UNIT_BODY}))"
)
_CN_MULTIPLIER_END = re.compile(CN_MULTIPLIER + "$")
_MULTIPLIER_AT = re.compile(MULTIPLIER)
# words right before a number that make it not a reported value
_THRESHOLD_BEFORE = re.compile(r"(?:逼近|接近|不到|不足|近|第|居|排|前|后|或|小于|大于|均(?:超过|突破|跨越|逾|超))$")
# 超过250万户 is a reported figure, 超过1亿人,达到1.01亿人 is a threshold before the figure
_SOFT_THRESHOLD = re.compile(r"(?:超过|突破|跨越|逾|超|过)$")
_THRESHOLD_FOLLOWED = re.compile(r"^\s*(?:的|[,，]?\s*(?:达到|为|达|是|仅为))")
_NOT_AFTER = re.compile(r"^(?:以上|以下|以内|及以上|及以下|左右|关口|人口变动|抽样|强|大关|俱乐部|台阶|周年|届|次全会|位|名|百分|千分)")
# counts of places or categories (41个行业大类中有36个, 21个市州, 16个设区的市)
_COUNT_OF_UNITS = re.compile(r"^(?:设区的)?(?:市州|市|州|县|区|省|行业|大类|国家|城市|地区|断面|乡镇|镇|村|[^,，。;]{0,10}中)")
_TIME_AFTER = re.compile(r"^\s*(?:年(?!均)|月|日|号|时|分钟|季度|世纪|年代)")
_LETTER_AFTER = re.compile(r"^[A-Za-z+]")
_TARGET_NEAR = re.compile(r"(?:目标|预期)(?:任务|进度)?的?(?:\s*-?[\d.]+\s*%?\s*[、和])*\s*$")
# completion of a plan or budget: 完成年度预算的86.4%, 完成年度投资计划的91.3%, 为预算的百分之一百零二
_COMPLETION = re.compile(r"(?:预算|计划|任务|目标)(?:数)?的(?:\s*-?[\d.]+\s*%?\s*[、和])*\s*$")
# a definition's threshold: 统计起点为年主营业务收入2000万元, 起点标准为500万元
_THRESHOLD_DEF = re.compile(r"起点(?:标准)?(?:为|是|:)|标准(?:为|是)年")
_AGE_BAND = re.compile(r"^岁(?:及以上|以上|以下|人口|组|-|至)")
# a number of years as a level's unit: 平均受教育年限为10.68年, 平均工作年限12.3年
_YEARS_BEFORE = re.compile(r"年限(?:为|是|达到|达)?\s*$")
# a denominator (每10万人中, 每100户), a formula (×100%), the base of an index or ratio (以女性为100)
_PER_BEFORE = re.compile(r"每\s*$")
_FORMULA_BEFORE = re.compile(r"[×*÷/=]\s*$")
_BASE_DEF = re.compile(r"(?<![及])以(?![上下内来后前])[^,，。;:]{1,10}为\s*$")
# a figure a plan sets, not one that happened: 力争达到3.1%, 力争…突破2300亿元
# (争取中央资金390亿元 reports money obtained: 争取 aims only when it aims at a level or a rate)
_AIM = re.compile(r"力争|(?:争取|确保)(?=达到|实现|完成|突破|超过|增长|提高|全年|年内|到\d{4}年)")
# method figures of a survey: 抽样比为1.2‰
_METHOD_DEF = re.compile(r"(?:抽样比|抽样误差|置信度|置信水平|抽样框|样本户|样本量|样本数)(?:为|是|约|达)?\s*$")


@dataclass
class Token:
    start: int  # offsets in the normalised text: number start .. unit end
    end: int
    num_end: int
    value: float | None
    unit: str | None
    is_ratio: bool = False
    ratio_value: float | None = None
    chinese: bool = False


def _is_plausible_ratio(terms: list[float], raw: str) -> bool:
    if "∶" in raw:
        return True
    if len(terms) >= 3:
        return abs(sum(terms) - 100) <= 1.5
    return len(terms) == 2 and terms[1] == 1


def find_tokens(text: str, lo: int, hi: int) -> list[Token]:
    """Quantities in text[lo:hi] (a sentence), in order."""
    seg = text[lo:hi]
    out: list[Token] = []
    taken: list[tuple[int, int]] = []
    for m in RATIO.finditer(seg):
        raw = m.group("ratio")
        terms = [float(t) for t in re.split(r"\s*[:∶]\s*", raw)]
        if not _is_plausible_ratio(terms, raw):
            taken.append((m.start(), m.end()))  # a time or a score: never a number token
            continue
        value = terms[0] / terms[-1] if len(terms) == 2 and terms[-1] else terms[0]
        out.append(Token(lo + m.start(), lo + m.end(), lo + m.end(), round(value, 6), None, True, terms[0]))
        taken.append((m.start(), m.end()))
    for pattern, unit in ((PERCENT_CN, "%"), (PERMILLE_CN, "‰"), (POINTS_CN, None)):
        for m in pattern.finditer(seg):
            if any(s <= m.start() < e for s, e in taken):
                continue
            v = parse_chinese_number(m.group("cn"))
            if v is not None:
                u = unit or m.group("unit")
                out.append(Token(lo + m.start(), lo + m.end(), lo + m.end(), v, u, chinese=True))
                taken.append((m.start(), m.end()))
    for m in CHINESE.finditer(seg):
        if any(s <= m.start() < e for s, e in taken):
            continue
        cn = m.group("cn")
        if len(cn) < 2 or not re.search("[十百千万亿廿卅卌]", cn):
            continue
        mult = m.group("cnmult") or ""
        tail = _CN_MULTIPLIER_END.search(cn)
        if not mult and tail and tail.start() > 0:
            cn, mult = cn[:tail.start()], tail.group(0)  # 一千二百三十五亿元: 1235 亿元, as written
        value = parse_chinese_number(cn)
        if value is None:
            continue
        base = m.group("cnunit")
        um = UNIT.match(seg, m.end())
        unit = mult + (um.group("unit") if um and not m.group("cnmult") else base)
        end = m.end() + len(base)
        before = seg[max(0, m.start() - 4):m.start()]
        if _THRESHOLD_BEFORE.search(before) or _SOFT_THRESHOLD.search(before) or _NOT_AFTER.match(seg[end:end + 4]):
            continue  # 突破三千亿元: a headline threshold, not the figure
        if _PER_BEFORE.search(before):
            continue  # 每一百户: a denominator
        out.append(Token(lo + m.start(), lo + end, lo + m.end(), value, unit, chinese=True))
        taken.append((m.start(), end))
    for m in ARABIC.finditer(seg):
        s, e = m.start(), m.end()
        if any(a <= s < b for a, b in taken):
            continue
        if s > 0 and seg[s - 1] == "-" and (s < 2 or not seg[s - 2].isdigit()):
            s -= 1  # a negative number (-0.3‰), not a range
        if "?" in seg[max(0, s - 1):e + 1]:
            continue
        num = seg[s:e]
        value = parse_number(num)
        if value is None:
            continue
        rest = seg[e:]
        years_unit = bool(_YEARS_BEFORE.search(seg[:s])) and re.match(r"^\s*年(?![\d份度末底])", rest)
        if (_TIME_AFTER.match(rest) and not years_unit) or _LETTER_AFTER.match(rest):
            continue
        if _PER_BEFORE.search(seg[:s]) or _FORMULA_BEFORE.search(seg[:s]):
            continue  # 每10万人中…, ×100%: a denominator, a formula
        if s > 0 and seg[s - 1] in "+-~—至" and num[0] != "-":
            continue  # the second end of a range or a 4+1 name
        if re.match(r"^\s*[-~—至]\s*\d", rest) or re.match(r"^\s*\+", rest):
            continue  # the first end of a range (0-15岁) or a 1+1 name
        if re.fullmatch(r"\d{3}", num) and re.search(r"(?<![\d.])\d{1,3}[^\S\n]+$", seg[:s]):
            continue  # 对象 38 612 人: the last thousands group of a number textnorm left split
        if seg[max(0, s - 1):s] in ("“", "\"", "「") or seg[max(0, s - 2):s] in ("表", "图"):
            continue
        um = UNIT.match(seg, e)
        unit = um.group("unit") if um else None
        end = um.end() if um else e
        if years_unit:  # 平均受教育年限为10.68年: years as the unit of a level
            um, unit, end = None, "年", rest.index("年") + e + 1
        if unit is None and _BASE_DEF.search(seg[:s]):
            continue  # (以女性为100,…), (以上年为100): the base of a ratio or an index
        if unit == "岁" and _AGE_BAND.match(seg[e + (um.end() - um.start() - 1 if um else 0):]):
            continue
        if unit and unit.endswith("岁") and re.match(r"^(?:及以上|以上|以下|人口|组)", seg[end:]):
            continue
        digits = num.lstrip("-").split(".")[0].replace(",", "")
        if len(digits) >= 13 or (len(digits) >= 10 and unit and _MULTIPLIER_AT.match(unit)):
            continue  # list values run together when separators were lost
        before = seg[max(0, s - 4):s]
        if _THRESHOLD_BEFORE.search(before) or _NOT_AFTER.match(seg[end:end + 4]):
            continue
        if _SOFT_THRESHOLD.search(before) and (_THRESHOLD_FOLLOWED.match(seg[end:]) or re.search(r"\d个?市", seg[:s])):
            continue
        if unit in ("个", "家") and _COUNT_OF_UNITS.match(seg[end:]):
            continue
        if unit in ("个", "家") and re.search(r"\d+个[^。;]{0,12}(?<!其)中[,，]?有?[^。;]{0,30}$", seg[:s]):
            continue
        if s > 0 and seg[s - 1].isascii() and seg[s - 1].isalpha():
            word = re.search(r"[A-Za-z]+$", seg[:s]).group(0)
            if word.upper() not in ("GDP", "CPI", "PPI"):
                continue  # PM2.5, 5G, C6m: part of a name
        out.append(Token(lo + s, lo + end, lo + e, value, unit))
    out.sort(key=lambda t: t.start)
    # values run together where the separators were lost (4.2%5.0%6.7%): no split is certain,
    # unless each value ends in the same unit and 分别 pairs them with as many listed items
    glued = {i for i in range(len(out) - 1) if out[i].end == out[i + 1].start and not out[i].is_ratio}
    glued |= {i + 1 for i in glued}
    runs: list[list[int]] = []
    for i in sorted(glued):
        if runs and runs[-1][-1] == i - 1 and out[i - 1].end == out[i].start:
            runs[-1].append(i)
        else:
            runs.append([i])
    for run in runs:
        if _justified_split(text, lo, [out[i] for i in run]):
            glued -= set(run)
    out = [t for i, t in enumerate(out) if i not in glued]
    # a bare number in a list takes the unit of the list's last number (1.2、1.3和5.6个百分点)
    for i in range(len(out) - 2, -1, -1):
        t, nxt = out[i], out[i + 1]
        if t.unit is None and not t.is_ratio and nxt.unit:
            between = text[t.end:nxt.start].strip()
            if between in ("、", "和", "及", "与", ",", "、和"):
                t.unit = nxt.unit
    return out


_RESPECTIVELY = re.compile(r"分别(?:为|是|达到|达|实现|完成)?(?:增长|下降|上涨|下跌|回落|减少|增加|提高|降低)?(?:了|为)?\s*$")
_ITEM_RUN = re.compile(r"(?:[\u4e00-\u9fff]{2,6}?业){2,}")


def _list_items(head: str) -> int:
    """How many items a `A、B、C…` list before 分别 names (0 when it cannot be told)."""
    head = re.sub(r"[(（][^()（）]*[)）]", "", head)
    if "、" in head:
        return head.count("、") + 1
    joined = re.findall(r"和|及|与", head)
    if len(joined) == 1:
        return 2
    m = _ITEM_RUN.search(head)  # 批发业零售业住宿业餐饮业: a run of trade names, the 、 lost too
    return m.group(0).count("业") if m else 0


def _justified_split(text: str, lo: int, run: list[Token]) -> bool:
    """Glued values (4.0%12.2%12.8%, 32156元18742元) may be split when each ends in the same unit
    and 分别 right before them pairs them with a list of as many items."""
    units = {t.unit for t in run}
    if len(units) != 1 or None in units or any(t.chinese for t in run):
        return False
    before = text[lo:run[0].start]
    if not _RESPECTIVELY.search(before):
        return False
    # the list is in the clause before 分别: this segment, or an earlier one of the sentence
    for seg in reversed(re.split(r"[,，:]", before)):
        k = seg.find("分别")
        head = seg[:k] if k >= 0 else seg
        head = re.sub(r"^[\s\d\-.%]*", "", head)
        if re.search(r"[\u4e00-\u9fff]", head) and not re.fullmatch(r"(?:其中|同时|此外)", head):
            return _list_items(head) == len(run)
    return False


def is_target_context(before: str, after: str) -> bool:
    """A completion ratio of a target (完成年度目标任务的65%) or a target named nearby."""
    return (bool(_TARGET_NEAR.search(before)) or bool(_COMPLETION.search(before))
            or bool(re.match(r"^(?:的)?(?:[\u4e00-\u9fff]{0,4}?)目标", after)))


def is_aim(segment_before: str) -> bool:
    """力争/争取 earlier in the number's segment: a figure aimed at, not one reported."""
    return bool(_AIM.search(segment_before))


# a unit conversion (1公顷=15亩, 1万千瓦时=1.229吨标准煤, 薯类按5公斤鲜薯折1公斤粮食计算): both sides of
# the = or of 按…折 are a rate of exchange, not figures
_CONVERSION_BEFORE = re.compile(r"按\s*$|按[^,，。;:]{0,12}?折(?![合算])\s*$")
_CONVERSION_AFTER = re.compile(r"^\s*=|^[^,，。;:\d]{0,8}?折(?![合算])\s*\d")
# a normal range or a standard the figure is held to (保持在正常保有量（3.80万头）的合理区间内)
_NORM_RANGE_BEFORE = re.compile(r"(?:正常保有量|合理保有量|合理区间|正常区间|合理水平|正常水平)[(（]?\s*$")
_NORM_RANGE_AFTER = re.compile(r"^[)）]?\s*(?:的|之)?(?:合理区间|正常区间|合理范围|正常范围)")
# what a survey covers (调查涵盖8大类、268个基本分类): its scope, not a statistic
_SURVEY_SCOPE = re.compile(r"(?:调查|统计|监测)(?:范围)?(?:涵盖|覆盖|包括|包含)[^,，。;]{0,20}$")


def is_conversion(segment_before: str, after: str) -> bool:
    """A number on either side of a unit conversion (1公顷=15亩, 按5公斤鲜薯折1公斤)."""
    return bool(_CONVERSION_BEFORE.search(segment_before)) or bool(_CONVERSION_AFTER.match(after))


def is_norm_range(before: str, after: str) -> bool:
    """A normal holding or a reasonable range a figure is compared with (正常保有量（3.80万头）)."""
    return bool(_NORM_RANGE_BEFORE.search(before)) or bool(_NORM_RANGE_AFTER.match(after))


def is_survey_scope(segment_before: str) -> bool:
    """A count of what a survey covers (调查涵盖8大类、268个基本分类)."""
    return bool(_SURVEY_SCOPE.search(segment_before))


def is_definition(before: str) -> bool:
    """A number in a definition (统计起点为年主营业务收入2000万元) states a threshold, not a fact."""
    return bool(_THRESHOLD_DEF.search(before)) or bool(_METHOD_DEF.search(before))


# the scope of a statistic defined (规模以上服务业统计范围为年营业收入2000万元及以上…（部分行业为1000万元…）,
# 统计口径为…, 起点标准为…, 限额以上单位:指…): every number after it in the sentence is a threshold,
# its bracketed alternatives too, until a verb reports a figure
_SCOPE_DEF = re.compile(r"(?:统计|调查)(?:范围|口径|起点|对象)(?:标准)?(?:为|是|:|指)|起点(?:标准)?(?:为|是|:)|"
                        r"标准(?:为|是)年|是指|指的是|^[^,，\d]{1,20}:\s*指")
_REPORTS = re.compile(r"增长|下降|同比|比上年|较上年|比去年|实现|完成|累计")
# a worked example: a made-up case (假设…, 举例来说…) anywhere; 例如/比如/如/即 only in a sentence
# that explains a term (个百分点:两个百分数之差的单位,例如由5%上升到6%,即提高1个百分点) - in a
# report 例如新能源汽车产量增长35.2% gives a figure
_HYPOTHETICAL = re.compile(r"假如|假设|打个比方|举例(?:来说|而言|说明)?|举个例子")
_EXAMPLE = re.compile(r"例如|比如|譬如|(?:^|[,，(（:])(?:如|即)(?![期下此今果何同时])")
_EXPLAINS = re.compile(r"是指|指的是|[之的]差|的单位|定义|含义|计算公式|公式为|用于|用来|意思是|也就是说|"
                       r"^[^,，\d:]{1,20}:\s*(?:指|表示|是|为|反映)")


def is_scope_definition(sentence_before: str) -> bool:
    """A number after a definition of what a statistic covers, in the same sentence."""
    m = None
    for m in _SCOPE_DEF.finditer(sentence_before):
        pass
    return m is not None and not _REPORTS.search(sentence_before[m.end():])


# a worked change explained (由100上升到102,表示上涨2%; 从5%提高至6%,即…): an example's made-up move
# from one value to another; 例如全市失业率由5.6%下降到5.2% alone reports a real move
_WORKED_CHANGE = re.compile(r"(?:由|从)\s*-?[\d.]+\s*%?\s*(?:上升|下降|提高|降低|增加|减少|增长|上涨|下跌|变为|变动)"
                            r"(?:到|至|为)\s*-?[\d.]+\s*%?[^。;；]{0,6}?(?:表示|即|意味着|相当于|说明)")


def is_example(sentence_before: str, sentence_after: str = "") -> bool:
    """A number of a worked example (假设…; 例如/比如/如/即… in a sentence that explains a term, or
    that works a change through: 例如,价格指数由100上升到102,表示上涨2%)."""
    if _HYPOTHETICAL.search(sentence_before):
        return True
    if not _EXAMPLE.search(sentence_before):
        return False
    return bool(_EXPLAINS.search(sentence_before)) or bool(_WORKED_CHANGE.search(sentence_before + sentence_after))


# a figure quoted inside the words of a promise, a target or a plan (承诺的“新增学位3000个”,
# 目标为“森林覆盖率达到45%”): the pledge's figure, not a reported one
_PLEDGE_QUOTE = re.compile(r"(?:承诺|目标|计划|任务|规划|指标|许诺|提出)(?:的|是|为|了|:)?\s*[“\"「『][^”\"」』]*$")


def is_pledge_quote(sentence_before: str) -> bool:
    """A number inside a quoted promise, target or plan (承诺的“新增学位3000个”)."""
    return bool(_PLEDGE_QUOTE.search(sentence_before))


# progress against the calendar (超序时进度2.4个百分点, 快于时间进度5个百分点): a completion measure
_SCHEDULE = re.compile(r"序时进度|时序进度|时间进度|序时目标")


def is_schedule_progress(segment_before: str) -> bool:
    """A number that compares completion with the share of the year gone (超序时进度…)."""
    return bool(_SCHEDULE.search(segment_before))


# a move of a rank (比上年前移1位, 排名上升3位, 位次提升2名): not a statistic
_RANK_MOVE = re.compile(r"(?:前移|后移|上移|下移|前进|后退|上升|下降|提升|提高|下滑|跃升|进|退)了?\s*$")
_RANK_WORDS = re.compile(r"排名|排位|位次|名次|排序|第\s*[\d一二三四五六七八九十]+\s*[位名]|[居列排](?:全|第|前|后|在|于)")
_RANK_UNITS = ("位", "名", "个位次", "位次")


def is_rank_move(unit: str | None, segment_before: str, sentence_before: str) -> bool:
    """N位 / N名 after a verb of moving, in a sentence about a rank."""
    if unit not in _RANK_UNITS or not _RANK_MOVE.search(segment_before):
        return False
    return bool(re.search(r"(?:前移|后移|上移|下移|前进|后退)了?\s*$", segment_before)) or bool(_RANK_WORDS.search(sentence_before))


# a page's view counter (浏览：1,204次, 阅读量 3.2万, 点击次数: 473)
_COUNTER = re.compile(r"(?:浏览|阅读|点击|访问|查看)(?:量|数|次数|人次|数量)?\s*[:：]?\s*$")


def is_page_counter(before: str) -> bool:
    """A number right after 浏览/阅读/点击/访问 with an optional colon: page chrome."""
    return bool(_COUNTER.search(before))
