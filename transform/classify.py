"""What a page is: its kind, region and period, from its title and (when fetched) its body.

Pure: text in, a `Classification` out. Discovery (extract/crawl.py) asks this of every link a
list page shows and again of the fetched page; only plans, bulletins and releases are taken.

Kinds: plan (a government work report or a 计划执行情况与计划草案 report: this year's targets),
bulletin (统计公报), release (monthly or quarterly statistics: 1-N月, 上半年, 前三季度 ...),
notice (通知, 公告, 解读, 答记者问 ...: about a document, not the document), speech (讲话, 致辞),
unknown (nothing decides: listed, never guessed). The rules are in README ("How discovery
decides what a page is").
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

TAKEN_KINDS = ("plan", "bulletin", "release")  # kinds a discovery list may take
NOT_READ_KINDS = ("notice", "speech", "unknown")  # listed, never extracted


@dataclass(frozen=True)
class Place:
    """A region the registry holds: its names and how deep it lies (0 province, 1 city, 2 county)."""

    name: str
    names: tuple[str, ...]
    depth: int = 0


@dataclass(frozen=True)
class Classification:
    kind: str  # plan | bulletin | release | notice | speech | unknown
    region: str | None
    period: str | None  # "2024" or "2024-01/2024-05"
    reason: str  # what decided, in a few words


_CN_DIGITS = str.maketrans("〇零○一二三四五六七八九", "000123456789")
_CN_YEAR = re.compile(r"([〇零○一二三四五六七八九]{4})年")
_NOTICE = re.compile(r"通知|公告|通告|公示|启事|招标|采购|征求|意见|的函|批复|决定|办法|规定|解读|图解|一图读懂|"
                     r"答记者问|问答|新闻发布会|发布会|专访|评论|综述|学习|宣讲|座谈|调研|摘要|要点|任务分解|分工")
_SPEECH = re.compile(r"讲话|致辞|发言|报告会|动员会|在.{2,30}(?:会议|大会|会)上的(?!报告)")
_PLAN = re.compile(r"政府工作报告|计划执行情况.{0,20}计划(?:草案)?|国民经济和社会发展计划(?:草案)?的?报告|"
                   r"年度计划(?:草案)?")
_BULLETIN = re.compile(r"统计公报")
_RELEASE = re.compile(r"经济运行|运行情况|统计月报|统计快报|月报|季报|主要(?:经济)?指标|统计数据|经济数据|"
                      r"\d{1,2}\s*[-—~至到]\s*\d{1,2}\s*月|[一二三四1-4]\s*季度|前三季度|上半年|全年")
_RANGE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*[-—~至到]\s*(\d{1,2})\s*月")
_MONTH = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?!\s*\d{1,2}\s*日)")
_PARTS = {"一季度": 3, "1季度": 3, "第一季度": 3, "上半年": 6, "前三季度": 9, "三季度": 9}
_YEAR = re.compile(r"(?<!\d)(19[89]\d|20\d\d)\s*年")
_PLACE_LEAD = re.compile(r"^(?:关于)?([\u4e00-\u9fff]{2,8}?(?:自治区|省|市|自治州|州|盟|县|区|旗))"
                         r"(?=\d|[〇二]〇|人民政府|政府|统计局|国民经济|经济|统计)")
_NOT_PLACE = re.compile(r"^(?:全|本|我|各|该)|[在的和与及长]|(?:城区|园区|开发区|新区|高新区|示范区|试验区|片区|地区)$")
# what the body says when the title leaves it open (first lines of the article)
_BODY_PLAN = re.compile(r"各位代表|主要预期目标|今年(?:经济社会发展|全[省市县区])?的?主要目标|计划草案")
_BODY_BULLETIN = re.compile(r"统计公报|初步核算")
_BODY_RELEASE = re.compile(r"同比增长|比上年同期|比去年同期")
_BODY_NOTICE = re.compile(r"特此通知|现印发给你们|现将.{0,30}通知如下|请认真贯彻执行|特此公告")
_BODY_SPEECH = re.compile(r"^\s*同志们|同志们[：:,，]")


def _years(text: str) -> list[int]:
    text = _CN_YEAR.sub(lambda m: m.group(1).translate(_CN_DIGITS) + "年", text)
    return [int(y) for y in _YEAR.findall(text)]


def _squash(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def title_kind(title: str) -> tuple[str, str]:
    """(kind, reason) from the title alone; 'unknown' when no word decides."""
    t = _squash(title)
    if m := _NOTICE.search(t):
        return "notice", f"title says {m.group(0)}"
    if m := _PLAN.search(t):
        return "plan", f"title says {m.group(0)}"
    if m := _SPEECH.search(t):
        return "speech", f"title says {m.group(0)}"
    if _BULLETIN.search(t):
        return "bulletin", "title says 统计公报"
    if m := _RELEASE.search(t):
        return "release", f"title says {m.group(0)}"
    return "unknown", "no word of the title decides"


def period_of(kind: str, text: str) -> str | None:
    """The period a title (or the opening of a body) names for a page of `kind`."""
    t = _squash(text)
    if kind == "release":
        if m := _RANGE.search(t):
            y, a, b = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if a == 1 and 1 <= b <= 12:
                return str(y) if b == 12 else f"{y}-01/{y}-{b:02d}"
        for word, months in _PARTS.items():
            if word in t and (years := _years(t)):
                return f"{years[0]}-01/{years[0]}-{months:02d}"
        if m := _MONTH.search(t):
            y, mon = int(m.group(1)), int(m.group(2))
            if 1 <= mon <= 12:
                return f"{y}-01/{y}-{mon:02d}" if mon > 1 else f"{y}-01"
    years = _years(t)
    if not years:
        return None
    # a plan is for its latest year (2023年计划执行情况与2024年计划草案: 2024)
    return str(max(years) if kind == "plan" else years[0])


def region_of(title: str, body_head: str, places: Sequence[Place], default: str | None) -> tuple[str | None, str]:
    """(region, reason): the deepest registered place the title names; else the body's opening;
    else the list's own region, unless the title leads with a place the registry does not hold."""
    for where, text in (("title", _squash(title)), ("body", _squash(body_head))):
        found = [(p.depth, -text.find(n), p.name) for p in places for n in p.names if n and n in text]
        if found:
            best = max(found)
            return best[2], f"{where} names {best[2]}"
        if where == "title" and (m := _PLACE_LEAD.match(text)) and not _NOT_PLACE.search(m.group(1)):
            if default and (m.group(1).startswith(default) or default.startswith(m.group(1))):
                return default, f"title names {default}"
            return None, f"title names {m.group(1)}, which the registry does not hold"
    return default, "the list's own region"


def classify(title: str | None, body: str | None = None, places: Sequence[Place] = (),
             default_region: str | None = None) -> Classification:
    """Classify a page by its title and, when given, the opening of its body (see the module doc)."""
    title = title or ""
    head = (body or "")[:600]
    kind, reason = title_kind(title)
    if body is not None:
        kind, reason = _with_body(kind, reason, head)
    if kind == "unknown":
        return Classification("unknown", None, None, reason)
    region, where = region_of(title, head, places, default_region)
    period = period_of(kind, title) or (period_of(kind, head) if body is not None else None)
    if kind in TAKEN_KINDS and region is None:
        return Classification("unknown", None, period, f"{reason}; {where}")
    if kind in TAKEN_KINDS and period is None:
        return Classification("unknown", region, None, f"{reason}; no year in the title or the opening")
    return Classification(kind, region, period, f"{reason}; {where}")


def _with_body(kind: str, reason: str, head: str) -> tuple[str, str]:
    """The body confirms, overrules or decides the title's kind."""
    if _BODY_NOTICE.search(head) and not _BODY_PLAN.search(head):
        return "notice", "body reads as a notice"
    if _BODY_SPEECH.search(head) and kind != "plan":
        return "speech", "body reads as a speech (同志们)"
    if kind != "unknown":
        return kind, reason
    if _BODY_PLAN.search(head):
        return "plan", "body reads as a work report"
    if _BODY_BULLETIN.search(head):
        return "bulletin", "body reads as a statistics bulletin"
    if _BODY_RELEASE.search(head) and "统计局" in head:
        return "release", "body reads as a statistics release"
    return "unknown", "neither the title nor the opening of the body decides"
