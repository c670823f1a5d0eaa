"""Find the article body of an HTML page without relying on one site's class names.

The body is the element whose paragraphs hold the most text that is not link text; the
page's metadata table (信息名称, 索引号, 发布机构, 生成日期 ...) is read separately.
"""
from __future__ import annotations

import re

import lxml.html
from lxml import etree

from plangap.transform.errors import ParseError
from plangap.transform.records import Document, Heading, Table
from plangap.transform.text.html_table import grid

_DROP_TAGS = ("script", "style", "noscript", "iframe", "form", "button", "select", "nav", "footer", "header")
_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "table", "br",
           "section", "article", "blockquote", "pre", "ul", "ol", "dd", "dt"}
_META_KEYS = ("信息名称", "索引号", "发布机构", "生成日期", "公开日期", "发布日期", "文件编号", "主题分类", "成文日期")
_WS = re.compile(r"[ \t\r\n\f\v]+")
#: the high bytes of the UTF-16 code units outside U+3400..U+9FFF
_NOT_CJK_HIGH_BYTE = bytes(b for b in range(256) if not 0x34 <= b <= 0x9F)


def _cjk_count(s: str) -> int:
    """How many CJK characters (U+3400..U+9FFF) `s` holds: the UTF-16 code units whose high byte
    is 0x34..0x9F (a character outside the BMP is two surrogates, D800..DFFF, never counted), all
    counted in C; removing the runs of other characters by a regex took 4 times as long on a page
    body, where punctuation cuts the text into short runs."""
    return len(s.encode("utf-16-be", "surrogatepass")[::2].translate(None, _NOT_CJK_HIGH_BYTE))

_TITLE_SUFFIX = re.compile(r"\s*[-_|—–]\s*[^-_|—–]{2,30}$")
_DATE = re.compile(r"(20\d\d|19\d\d)[-年/.](\d{1,2})[-月/.](\d{1,2})")
_MIN_BODY_CJK = 8
# generic words of page chrome in class or id attributes (not one site's names)
_CHROME = re.compile(r"(^|[-_ ])(foot(er)?|copyright|nav|navbar|menu|breadcrumbs?|sidebar|share|qrcode|ewm)($|[-_ ])", re.I)


def _is_chrome(el) -> bool:
    attrs = f"{el.get('class', '')} {el.get('id', '')}".strip()
    return bool(attrs) and bool(_CHROME.search(attrs)) and el.tag not in ("body", "html")


def parse_html(html: str, source: str) -> Document:
    """Parse an HTML page into a Document (body text, title, metadata, headings, tables)."""
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError) as err:
        raise ParseError(source, f"not parseable as HTML ({err})") from None
    head_title = _clean(root.findtext(".//title") or "")
    for el in list(root.iter(*_DROP_TAGS)):
        if el.getparent() is not None:
            el.drop_tree()
    for el in list(root.iter()):
        if isinstance(el.tag, str) and el.getparent() is not None and _is_chrome(el):
            el.drop_tree()
    meta = _read_metadata(root)
    near_title_date = _date_near_title(root)
    _drop_metadata_blocks(root)  # read above; never part of the body
    body = _find_body(root)
    if body is None:
        raise ParseError(source, "no article body found (no block of text outside navigation and links)")
    title = _page_title(root, body, head_title, meta)
    text, headings, tables = _render(body)
    if _cjk_count(text) < _MIN_BODY_CJK and not tables:
        raise ParseError(source, "no article body found (the page holds too little text)")
    published = _iso_date(meta.get("发布日期") or meta.get("公开日期") or meta.get("生成日期") or meta.get("成文日期"))
    if published is None:
        published = near_title_date
    return Document(text=text, title=title, meta=meta, published=published, headings=headings,
                    tables=tables, year=guess_year(title, meta))


def guess_year(title: str | None, meta: dict[str, str]) -> int | None:
    """The year a page is about, from its title or 信息名称 (`2020年市政府重点工作` -> 2020)."""
    for text in (meta.get("信息名称"), title):
        if text:
            m = re.search(r"(20\d\d|19\d\d)\s*年", text)
            if m:
                return int(m.group(1))
    return None


def _clean(s: str) -> str:
    return _WS.sub(" ", s).strip()


class _CjkSizes:
    """CJK characters of the elements of a tree, counted once: `total[el]` those of
    `el.text_content()`, `own[el]` those of its own text nodes (`el.xpath("text()")`: its text
    and its children's tails). The body search asks for the text of every container and of each
    of their children; counting each text node once and summing up the tree answers it without
    collecting the same text again at every level (a CJK count is a sum over the pieces)."""

    def __init__(self, root) -> None:
        self.total: dict = {}
        self.own: dict = {}
        self._count(root)

    def _count(self, el) -> int:
        own = _cjk_count(el.text) if el.text else 0
        below = 0
        for child in el:
            if isinstance(child.tag, str):  # a comment's or instruction's content is not text
                below += self._count(child)
            if child.tail:
                own += _cjk_count(child.tail)
        self.own[el] = own
        self.total[el] = own + below
        return own + below

    def text_len(self, el) -> tuple[int, int]:
        """(CJK characters outside links, CJK characters inside links) of an element."""
        total = self.total[el]
        linked = sum(self.total[a] for a in el.iter("a"))
        return total - linked, linked


def _find_body(root):
    """The container whose own paragraph-like children carry the most non-link text."""
    sizes = _CjkSizes(root)
    best, best_score = None, 0
    for el in root.iter("div", "td", "article", "section", "main", "body"):
        if _is_metadata_table_cell(el, sizes):
            continue
        score = 0
        for child in el:
            if not isinstance(child.tag, str):
                continue
            if child.tag == "table" and _is_layout_table(child, sizes):
                continue  # its cells are candidates themselves
            if child.tag in ("p", "table", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "pre", "blockquote", "span", "font", "strong", "br"):
                plain, linked = sizes.text_len(child)
                if linked > plain:
                    continue
                score += plain
        score += sizes.own[el]
        if score > best_score:
            best, best_score = el, score
    if best is None or best_score < _MIN_BODY_CJK:
        return None
    return best


def _is_layout_table(table, sizes: _CjkSizes) -> bool:
    """A table used for page layout (nested tables, div blocks or long text in a cell), not data."""
    if table.find(".//table") is not None or table.find(".//div") is not None:
        return True
    return any(sizes.total[c] >= 150 for c in table.iter("td", "th"))


def _is_metadata_table_cell(el, sizes: _CjkSizes) -> bool:
    """A cell or block of the page's metadata (two keys or more, little text): the text is
    collected only for an element short enough to be one."""
    if sizes.total[el] >= 200:
        return False
    txt = el.text_content().replace(" ", "")
    return sum(1 for k in _META_KEYS if k in txt) >= 2


def _spaced(key: str) -> str:
    return r"\s*".join(map(re.escape, key))


_META_LABEL = re.compile(r"(?:" + "|".join(_spaced(k) for k in _META_KEYS) + r")\s*[:：]")
_META_KEY_AT = {k: re.compile(r"\s*" + _spaced(k) + r"\s*[:：]?\s*") for k in _META_KEYS}


def _meta_pairs(text: str, key: str):
    """`发布机构：甲市统计局 发布日期：2021-07-20 10:30` (starting with `key`) ->
    (发布机构, 甲市统计局), (发布日期, 2021-07-20 10:30): each value runs up to the next
    metadata label (a value may itself hold colons)."""
    at = _META_KEY_AT[key].match(text)
    assert at is not None  # the caller found `key` at the start
    pos = at.end()
    while True:
        nxt = _META_LABEL.search(text, pos)
        yield key, text[pos:nxt.start() if nxt else len(text)].strip()
        if nxt is None:
            return
        key, pos = re.sub(r"[\s:：]", "", nxt.group()), nxt.end()


_META_KEY_LABEL = {k: re.compile(_spaced(k) + r"\s*[:：]") for k in _META_KEYS}
_SPACES = re.compile(r"\s+")


def _labels_in(el, txt: str | None = None) -> int:
    """How many metadata keys an element holds as labels (`键：` or a cell that is just the key)."""
    txt = el.text_content() if txt is None else txt
    bare = _SPACES.sub("", txt)
    present = [k for k in _META_KEYS if k in bare]
    if len(present) < 2:
        return len(present)  # fewer than two keys written at all: no need to look closer
    keys = {k for k in present if _META_KEY_LABEL[k].search(txt)}
    for d in el.iter():
        if isinstance(d.tag, str) and d is not el:
            t = re.sub(r"\s+", "", d.text_content()).rstrip(":：")
            if t in _META_KEYS:
                keys.add(t)
    return len(keys)


_META_PAIR = re.compile(r"(?:" + "|".join(_spaced(k) for k in _META_KEYS) + r")\s*[:：]?\s*\S{0,40}")
_META_BLOCK_OTHER_CJK = 40  # a metadata block holds little text besides its key/value pairs


def _is_metadata_block(el) -> bool:
    txt = el.text_content()
    if _cjk_count(txt) >= 400 or _labels_in(el, txt) < 2:  # the count first: it is the cheaper test
        return False
    return _cjk_count(_META_PAIR.sub(" ", txt)) < _META_BLOCK_OTHER_CJK


def _drop_metadata_blocks(root) -> None:
    """Remove the smallest elements made of two or more metadata labels and their values (the
    信息名称/索引号 table or line), so that a short article next to them is found as the body."""
    blocks = [el for el in root.iter("table", "tbody", "tr", "div", "ul", "ol", "dl", "p", "td")
              if _is_metadata_block(el)]
    inner = [b for b in blocks if not any(o is not b and _inside(o, b) for o in blocks)]
    for el in inner:
        if el.getparent() is not None and el.tag not in ("body", "html"):
            el.drop_tree()


#: the characters a metadata key opens with
_META_KEY_FIRST = frozenset(k[0] for k in _META_KEYS)


def _read_metadata(root) -> dict[str, str]:
    meta: dict[str, str] = {}
    cells = [c for c in root.iter("th", "td", "span", "li", "p", "div") if len(c) <= 3]
    for i, cell in enumerate(cells):
        content = cell.text_content()
        if content.lstrip()[:1] not in _META_KEY_FIRST:
            continue  # no key can open it (most cells): no need to take its spaces out
        label = re.sub(r"\s+", "", content)
        for key in _META_KEYS:
            if label.startswith(key):
                rest = label[len(key):].lstrip(":：")
                if rest:
                    for k, value in _meta_pairs(_clean(cell.text_content()), key):
                        if value and len(value) < 80:
                            meta.setdefault(k, value)
                elif not rest and i + 1 < len(cells):
                    value = _clean(cells[i + 1].text_content())
                    if value and not any(value.replace(" ", "").startswith(k) for k in _META_KEYS):
                        meta.setdefault(key, value)
    return meta


def _page_title(root, body, head_title: str, meta: dict[str, str]) -> str | None:
    for tag in ("h1", "h2", "h3"):
        for h in root.iter(tag):
            t = _clean(h.text_content())
            if t and len(t) <= 80 and _cjk_count(t) >= 4 and not _inside(h, body):
                return t
            if t and len(t) <= 80 and _cjk_count(t) >= 4 and h.getparent() is body and h is body[0]:
                return t
    if meta.get("信息名称"):
        return meta["信息名称"]
    if head_title:
        return _TITLE_SUFFIX.sub("", head_title) or head_title
    return None


def _inside(el, container) -> bool:
    p = el.getparent()
    while p is not None:
        if p is container:
            return True
        p = p.getparent()
    return False


def _date_near_title(root) -> str | None:
    for el in root.iter("span", "div", "p", "td"):
        t = el.text_content()
        if len(t) < 120 and ("发布" in t or "时间" in t or "日期" in t):
            d = _iso_date(t)
            if d:
                return d
    return None


def _iso_date(text: str | None) -> str | None:
    if not text:
        return None
    m = _DATE.search(text)
    if not m:
        return None
    return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"


def _render(body) -> tuple[str, list[Heading], list[Table]]:
    """Render the body to text: one line per block, tables one line per row."""
    lines: list[str] = []
    pos = 0
    headings: list[Heading] = []
    tables: list[Table] = []
    buf: list[str] = []

    def flush(heading_level: int | None = None) -> None:
        nonlocal pos
        line = _clean("".join(buf))
        buf.clear()
        if not line:
            return
        if lines:
            pos += 1  # the "\n" before this line
        start = pos
        lines.append(line)
        pos += len(line)
        if heading_level is not None:
            headings.append(Heading(text=line, level=heading_level, start=start, end=pos))

    def add_line(line: str) -> tuple[int, int]:
        nonlocal pos
        if lines:
            pos += 1
        start = pos
        lines.append(line)
        pos += len(line)
        return start, pos

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "table":
            flush()
            tables.append(_render_table(el, add_line))
            if el.tail:
                buf.append(el.tail)
            return
        if tag in _BLOCKS:
            flush()
        if tag == "br":
            if el.tail:
                buf.append(el.tail)
            return
        if el.text and tag:
            buf.append(el.text)
        for child in el:
            walk(child)
        if tag in _BLOCKS:
            flush(_heading_level(el))
        if el.tail:
            buf.append(el.tail)

    if body.text:
        buf.append(body.text)
    for child in body:
        walk(child)
    flush()
    return "\n".join(lines), headings, tables


def _heading_level(el) -> int | None:
    tag = el.tag
    if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        return int(tag[1])
    if tag == "p":  # a short paragraph all in bold
        strong = "".join(s.text_content() for s in el.iter("strong", "b"))
        if not strong:
            return None  # (most paragraphs): no need to clean up their text
        text = _clean(el.text_content())
        if text and len(text) <= 40 and _clean(strong) == text:
            return 2
    return None


def _render_table(table, add_line) -> Table:
    """A data table as lines of text (caption, header, one line per row) and as a Table."""
    g = grid(table, _clean)
    if g.caption:
        add_line(g.caption)
    header_span = add_line(" | ".join(g.header)) if g.header else None
    spans = [add_line(" | ".join(r)) for r in g.rows]
    return Table(header=g.header, rows=g.rows, row_spans=spans, header_span=header_span,
                 caption=g.caption, unit=g.unit)
