"""A deterministic site of plan and statistics pages for `plangap bench`, with its truth.

`write_site(folder, pages)` writes `pages` pages in the layout of a snapshot folder (a folder per
host, `manifest.json`, and the folder's own `sources.yaml` naming every region, plan and page),
plus `truth.jsonl`: every target and fact the pages state. Each region-year gives four pages: the
year's work report (this year's main expected targets, the work plan's counted projects, and last
year's actuals in its review), the year's statistics bulletin, and two releases (1-6月, 1-9月)
with a table of this month's and the year-to-date figures. The same `(pages, seed)` always writes
the same bytes. The phrasings are in plangap/benchtext.py.
"""
from __future__ import annotations

import json
import math
import random
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from plangap import benchtext as tx

FIRST = "青云松柳桐枫梅兰竹石金银玉清明安宁平和丰"
SECOND = "禾岭溪川湖江山原州阳城泉林河峰浦塘台桥湾"
YEARS_PER_REGION = 10
FIRST_YEAR = 2015
PAGES_PER_REGION_YEAR = 4  # plan, bulletin, 1-6月 release, 1-9月 release
RELEASE_MONTHS = (6, 9)


@dataclass(frozen=True)
class Truth:
    """One number a generated page states: a target (table 'targets') or a fact ('facts')."""

    table: str
    url: str
    kind: str
    region: str
    indicator_id: str
    value: float
    unit: str
    value_normalized: float
    unit_normalized: str
    comparator: str | None = None  # targets
    modifier: str | None = None  # targets
    year: int | None = None  # targets: the target year
    measure: str | None = None  # facts
    period: str | None = None  # facts


@dataclass(frozen=True)
class Page:
    url: str
    kind: str
    region: str
    period: str
    html: str
    encoding: str  # utf-8, or gb18030 (served labelled gb2312, as older sites do)
    truth: tuple[Truth, ...]
    plan_year: int | None = None


def region_name(i: int) -> str:
    """The i-th region: two characters and 市 (400 names), then numbered."""
    base = FIRST[i % len(FIRST)] + SECOND[(i // len(FIRST)) % len(SECOND)] + "市"
    return base if i < len(FIRST) * len(SECOND) else f"{base[:2]}{i // (len(FIRST) * len(SECOND))}市"


def region_years(pages: int) -> list[tuple[int, int]]:
    """(region index, year) of the region-years `pages` pages need, ten years per region."""
    n = math.ceil(pages / PAGES_PER_REGION_YEAR)
    return [(k // YEARS_PER_REGION, FIRST_YEAR + k % YEARS_PER_REGION) for k in range(n)]


def _one(x: float) -> float:
    return round(x, 1)


def values(region: int, year: int, seed: int = 14) -> dict[str, float]:
    """What a region achieved in a year (its bulletin's figures), and what it planned (`plan_*`)."""
    rng = random.Random(f"{seed}:{region}:{year}")
    gdp = round(800 + region * 37.3 + (year - FIRST_YEAR) * 91.7 + rng.uniform(0, 60), 1)
    v: dict[str, float] = {
        "gdp": gdp, "gdp_growth": _one(rng.uniform(3.5, 8.5)),
        "revenue": round(gdp * rng.uniform(0.07, 0.1), 1), "revenue_growth": _one(rng.uniform(1.0, 9.0)),
        "investment_growth": _one(rng.uniform(-2.0, 10.0)),
        "retail": round(gdp * rng.uniform(0.35, 0.45), 1), "retail_growth": _one(rng.uniform(2.0, 9.0)),
        "new_jobs": _one(rng.uniform(2.0, 12.0)), "income": float(rng.randrange(30000, 70000)),
        "income_growth": _one(rng.uniform(4.0, 8.0)), "school_places": float(rng.randrange(20, 120) * 100),
        "stations_5g": float(rng.randrange(5, 60) * 100), "pm25": float(rng.randrange(22, 48)),
        "school_projects": float(rng.randrange(8, 40)),
    }
    for key in ("gdp_growth", "revenue_growth", "retail_growth", "investment_growth", "income_growth"):
        v["plan_" + key] = max(1.0, _one(v[key] + rng.choice((-1.0, -0.5, 0.5, 1.0))))  # achieved or missed
    v["plan_new_jobs"] = _one(v["new_jobs"] * rng.uniform(0.85, 1.1))
    v["plan_pm25"] = float(int(v["pm25"]) + rng.choice((-2, -1, 1, 2)))
    for key in ("school_places", "stations_5g", "school_projects"):
        v["plan_" + key] = float(round(v[key] * rng.uniform(0.8, 1.15) / (100 if v[key] >= 1000 else 1))
                                 * (100 if v[key] >= 1000 else 1))
    return v


def _num(x: float) -> str:
    return f"{x:.10g}"


def _norm(value: float, unit: str) -> tuple[float, str]:
    factor, unit_normalized = tx.UNITS[unit]
    return round(value * factor, 6), unit_normalized


def _prose(rng: random.Random, sentences: int) -> str:
    return "".join(f"{rng.choice(tx.OPENINGS)}，{rng.choice(tx.MIDDLES)}，{rng.choice(tx.MIDDLES)}，"
                   f"{rng.choice(tx.CLOSINGS)}。" for _ in range(sentences))


def _frame(title: str, date: str, office: str, body: str, host: str) -> str:
    """A government page around an article body: menus, a location bar, a footer with an ICP number."""
    menu = "".join(f'<li><a href="https://{host}/{p}/">{n}</a></li>'
                   for p, n in (("", "首页"), ("zwgk", "政务公开"), ("zwfw", "政务服务"), ("hdjl", "互动交流"), ("zjxx", "走进本市")))
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="{{charset}}"><title>{title}</title>'
            f'<meta name="ArticleTitle" content="{title}"><meta name="PubDate" content="{date}"></head><body>'
            f'<div class="header"><ul class="menu">{menu}</ul></div>'
            f'<div class="location">当前位置：<a href="https://{host}/">首页</a> &gt; <a href="https://{host}/zwgk/">政务公开</a></div>'
            f'<div class="article"><h1>{title}</h1><div class="info">发布机构：{office}　发布时间：{date}</div>'
            f'<div class="content">\n{body}\n</div></div>'
            f'<div class="footer"><p>主办单位：{office}　网站标识码：3204000001</p><p>苏ICP备05001234号</p></div>'
            '</body></html>')


def _target(page_url: str, region: str, year: int, t: tx.TargetTemplate, v: float, variant: int) -> tuple[str, Truth]:
    text, comparator, modifier = t.variants[variant % len(t.variants)]
    value_normalized, unit_normalized = _norm(v, t.unit)
    return text.format(v=_num(v)), Truth("targets", page_url, "plan", region, t.indicator_id, v, t.unit,
                                         value_normalized, unit_normalized, comparator, modifier, year=year)


def _facts(url: str, kind: str, region: str, period: str, tpl: tx.FactTemplate, v: dict[str, float]) -> tuple[str, list[Truth]]:
    text = tpl.text.format(**{k: _num(x) for k, x in v.items()})
    out = [Truth("facts", url, kind, region, ind, v[key], unit, *_norm(v[key], unit), measure=measure, period=period)
           for ind, measure, key, unit in tpl.numbers]
    return text, out


def plan_page(region: int, year: int, seed: int = 14, prose: bool = True) -> Page:
    """The year's work report; without `prose` only the sentences with numbers (the same truth)."""
    name, host = region_name(region), f"www.c{region:03d}.gov.cn"
    url = f"https://{host}/zwgk/zfgzbg/{year}.html"
    v, last = values(region, year, seed), values(region, year - 1, seed)
    rng = random.Random(f"{seed}:plan:{region}:{year}")
    say = (lambda n: _prose(rng, n)) if prose else (lambda n: "")
    review, truth = _facts(url, "plan", name, str(year - 1), tx.REVIEW, last)
    expected = []
    for t in tx.EXPECTED:
        text, row = _target(url, name, year, t, v["plan_" + t.key], rng.randrange(3))
        expected.append(text)
        truth.append(row)
    works = []
    for t in tx.WORKS:
        text, row = _target(url, name, year, t, v["plan_" + t.key], 0)
        works.append(f"{say(1)[:-1]}，{text}。")
        truth.append(row)
    paras = [f"<p>——{year}年1月{rng.randrange(8, 20)}日在{name}第十六届人民代表大会第{rng.randrange(2, 6)}次会议上</p>",
             "<p>各位代表：</p>", "<p>现在，我代表市人民政府向大会报告工作，请予审议。</p>",
             f"<h2>一、{year - 1}年工作回顾</h2>", f"<p>{review}{say(6)}</p>", f"<p>{say(8)}</p>", f"<p>{say(8)}</p>",
             f"<h2>二、{year}年主要预期目标</h2>", f"<p>{say(2)}</p>",
             f"<p>今年经济社会发展的主要预期目标是：{'；'.join(expected)}。</p>", f"<h2>三、{year}年重点工作</h2>"]
    for i, heading in enumerate(rng.sample(tx.HEADINGS, 8)):
        paras.append(f"<h3>（{'一二三四五六七八'[i]}）{heading}</h3><p>{say(6)}</p><p>{say(4)}</p>")
        if i < len(works):
            paras.append(f"<p>{works[i]}</p>")
    paras.append(f"<p>各位代表！{say(2)}</p>")
    html = _frame(f"{name}{year}年政府工作报告", f"{year}-01-{rng.randrange(20, 29)}", f"{name}人民政府", "\n".join(paras), host)
    return Page(url, "plan", name, str(year), html, "utf-8", tuple(truth), plan_year=year)


def _stats_encoding(region: int) -> str:
    return "gb18030" if region % 5 == 4 else "utf-8"


def bulletin_page(region: int, year: int, seed: int = 14, prose: bool = True) -> Page:
    name, host = region_name(region), f"tjj.c{region:03d}.gov.cn"
    url = f"https://{host}/tjgb/{year + 1}/gb{year}.html"
    v = values(region, year, seed)
    rng = random.Random(f"{seed}:bulletin:{region}:{year}")
    say = (lambda n: _prose(rng, n)) if prose else (lambda n: "")
    paras, truth = [f"<p>{year}年，{say(2)}</p>"], []
    for heading, sentences in tx.BULLETIN:
        paras.append(f"<h2>{heading}</h2>")
        for tpl in sentences:
            text, rows = _facts(url, "bulletin", name, str(year), tpl, v)
            paras.append(f"<p>{text}{say(3)}</p>")
            truth.extend(rows)
    paras.append("<p>注：本公报部分数据为初步统计数，各项统计数据均未包括港澳台地区。</p>")
    title = f"{name}{year}年国民经济和社会发展统计公报"
    html = _frame(title, f"{year + 1}-03-{rng.randrange(10, 28)}", f"{name}统计局", "\n".join(paras), host)
    return Page(url, "bulletin", name, str(year), html, _stats_encoding(region), tuple(truth))


def release_page(region: int, year: int, month: int, seed: int = 14) -> Page:
    name, host = region_name(region), f"tjj.c{region:03d}.gov.cn"
    url = f"https://{host}/tjsj/{year}/{month:02d}.html"
    v, share = values(region, year, seed), month / 12
    rng = random.Random(f"{seed}:release:{region}:{year}:{month}")
    ytd, this_month = f"{year}-01/{year}-{month:02d}", f"{year}-{month:02d}"
    figures = {"retail_ytd": round(v["retail"] * share, 2), "retail_month": round(v["retail"] / 12 * rng.uniform(0.9, 1.1), 2),
               "retail_ytd_growth": _one(v["retail_growth"] + rng.uniform(-1, 1)),
               "revenue_ytd": round(v["revenue"] * share, 2), "revenue_month": round(v["revenue"] / 12 * rng.uniform(0.8, 1.2), 2),
               "revenue_ytd_growth": _one(v["revenue_growth"] + rng.uniform(-1, 1)),
               "investment_ytd_growth": _one(v["investment_growth"] + rng.uniform(-1, 1))}
    rows, truth = [], []
    for label, ind, unit, month_key, ytd_key, growth_key in tx.RELEASE_ROWS:
        cells = [_num(figures[month_key]) if month_key else "—", _num(figures[ytd_key]) if ytd_key else "—",
                 _num(figures[growth_key])]
        rows.append(f"<tr><td>{label}</td><td>{unit}</td>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
        for key, measure, period, u in ((month_key, "level", this_month, unit), (ytd_key, "level", ytd, unit),
                                        (growth_key, "growth_pct", ytd, "%")):
            if key:
                truth.append(Truth("facts", url, "release", name, ind, figures[key], u, *_norm(figures[key], u),
                                   measure=measure, period=period))
    table = ("<table><thead><tr><th>指标名称</th><th>计量单位</th><th>本月</th><th>累计</th><th>累计增长(%)</th></tr></thead>"
             f"<tbody>{''.join(rows)}</tbody></table>")
    body = (f"<p>1-{month}月，全市经济运行总体平稳，{_prose(rng, 4)}</p>\n{table}\n<p>{_prose(rng, 5)}</p>"
            f"<p>{_prose(rng, 5)}</p>")
    title = f"{name}{year}年1-{month}月主要经济指标"
    html = _frame(title, f"{year}-{month + 1:02d}-{rng.randrange(15, 25)}", f"{name}统计局", body, host)
    return Page(url, "release", name, ytd, html, _stats_encoding(region), tuple(truth))


def region_year_pages(region: int, year: int, seed: int = 14) -> list[Page]:
    return [plan_page(region, year, seed), bulletin_page(region, year, seed),
            *(release_page(region, year, m, seed) for m in RELEASE_MONTHS)]


def site_pages(pages: int, seed: int = 14) -> Iterator[Page]:
    """The first `pages` pages of the site, region-year by region-year."""
    n = 0
    for region, year in region_years(pages):
        for page in region_year_pages(region, year, seed):
            if n == pages:
                return
            n += 1
            yield page


@dataclass(frozen=True)
class Site:
    folder: Path
    pages: int
    bytes: int
    regions: int


def _registry(entries: list[dict[str, Any]]) -> str:
    """The folder's sources.yaml: every region with its plans (plan year) and statistics pages."""
    by_region: dict[str, list[dict[str, Any]]] = {}
    for e in entries:
        by_region.setdefault(e["region"], []).append(e)
    lines = ["# Written by plangap bench (plangap/benchgen.py): the generated regions and their pages.", "version: 1",
             "regions:"]
    for region, items in by_region.items():
        lines += [f"  - name: {region}", "    level: city"]
        plans = [e for e in items if e["kind"] == "plan"]
        pages = [e for e in items if e["kind"] != "plan"]
        if plans:
            lines.append("    plans:")
            lines += [f"      - {{url: {e['url']}, year: {e['period']}}}" for e in plans]
        if pages:
            lines.append("    pages:")
            lines += [f"      - {{url: {e['url']}, kind: {e['kind']}, period: \"{e['period']}\"}}" for e in pages]
    return "\n".join(lines) + "\n"


def write_site(folder: Path, pages: int, seed: int = 14) -> Site:
    """Write the site of `pages` pages into `folder`: the pages, manifest.json, sources.yaml, truth.jsonl."""
    folder = Path(folder)
    entries: list[dict[str, Any]] = []
    size = 0
    with open(folder / "truth.jsonl", "w", encoding="utf-8") as truth:
        for page in site_pages(pages, seed):
            key = page.url.split("://", 1)[1]
            path = folder / key
            path.parent.mkdir(parents=True, exist_ok=True)
            label = "utf-8" if page.encoding == "utf-8" else "gb2312"
            data = page.html.replace("{charset}", label).encode(page.encoding)
            path.write_bytes(data)
            size += len(data)
            entries.append({"url": page.url, "file": key, "kind": page.kind, "region": page.region,
                            "period": page.period, "encoding": page.encoding, "standin": True,
                            "content": "generated by plangap bench"})
            truth.writelines(json.dumps(asdict(t), ensure_ascii=False) + "\n" for t in page.truth)
    (folder / "manifest.json").write_text(json.dumps(entries, ensure_ascii=False, indent=0), encoding="utf-8")
    (folder / "sources.yaml").write_text(_registry(entries), encoding="utf-8")
    return Site(folder=folder, pages=len(entries), bytes=size, regions=len({e["region"] for e in entries}))


def read_truth(folder: Path) -> list[Truth]:
    with open(Path(folder) / "truth.jsonl", encoding="utf-8") as fh:
        return [Truth(**json.loads(line)) for line in fh if line.strip()]
