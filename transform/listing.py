"""Read a statistics list page: the detail links worth fetching and the pagination links.

Pure: HTML text in, links out. Detail links are chosen by their titles (统计公报, 经济运行情况,
统计月报, 1-N月, 上半年, 一季度, 前三季度 ...); pagination by 下一页 / 尾页 / numbered pages
on the same list. `links` are every titled link outside menus (for discovery, which classifies
each one with transform/classify.py), with the kind its title gives.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import lxml.html

from plangap.transform.classify import title_kind
from plangap.transform.errors import ParseError

_STAT_TITLE = re.compile(
    r"统计公报|国民经济和社会发展|经济运行|运行情况|统计月报|统计快报|月报|季报|"
    r"\d{1,2}\s*[-—~至到]\s*\d{1,2}\s*月|[一二三四1-4]\s*季度|前三季度|上半年|全年|年度|"
    r"主要指标|统计数据|经济数据|情况"
)
_NEXT = re.compile(r"^\s*(下一页|下页|后一页|尾页|末页|>|»|›)\s*$")
_PAGE_NUMBER = re.compile(r"^\s*\[?\s*\d{1,3}\s*\]?\s*$")


@dataclass(frozen=True)
class Link:
    url: str
    title: str
    kind: str  # bulletin | release (details); links: the kind the title gives (transform/classify.py)


@dataclass(frozen=True)
class ListPage:
    details: list[Link]
    pages: list[str]  # other pages of the same list (next and numbered)
    links: tuple[Link, ...] = ()  # every titled link outside menus and pagination


_MIN_LINK_TITLE = 4  # 通知公告, 首页 ... shorter titles are navigation


def parse_list_page(html: str, base_url: str) -> ListPage:
    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError) as err:
        raise ParseError(base_url, f"list page not parseable ({err})") from None
    details: dict[str, Link] = {}
    links: dict[str, Link] = {}
    pages: list[str] = []
    base_dir = urlsplit(base_url).path.rsplit("/", 1)[0]
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "#", "mailto:")):
            continue
        url = urljoin(base_url, href).split("#", 1)[0]
        text = re.sub(r"\s+", " ", a.text_content()).strip() or (a.get("title") or "").strip()
        if _NEXT.match(text) or (_PAGE_NUMBER.match(text) and _same_list(url, base_url, base_dir)):
            if url != base_url and url not in pages:
                pages.append(url)
            continue
        title = (a.get("title") or "").strip() or text
        if len(title) < _MIN_LINK_TITLE or _in_menu(a):
            continue
        links.setdefault(url, Link(url=url, title=title, kind=title_kind(title)[0]))
        if len(title) >= 6 and _STAT_TITLE.search(title):
            kind = "bulletin" if ("公报" in title) else "release"
            details.setdefault(url, Link(url=url, title=title, kind=kind))
    return ListPage(details=list(details.values()), pages=pages, links=tuple(links.values()))


def _same_list(url: str, base_url: str, base_dir: str) -> bool:
    a, b = urlsplit(url), urlsplit(base_url)
    return a.netloc == b.netloc and a.path.rsplit("/", 1)[0] == base_dir


_MENU_TAGS = frozenset({"nav", "header", "footer"})
_MENU_DEPTH = 8  # menus nest links in li/span/div wrappers: look this many ancestors up


def _in_menu(a) -> bool:
    p = a.getparent()
    depth = 0
    while p is not None and p.tag != "body" and depth < _MENU_DEPTH:
        if p.tag in _MENU_TAGS:
            return True
        attrs = f"{p.get('class', '')} {p.get('id', '')}".lower()
        if any(w in attrs for w in ("menu", "nav", "header", "footer", "location", "position", "crumb")):
            return True
        p = p.getparent()
        depth += 1
    return False
