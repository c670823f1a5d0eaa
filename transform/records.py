"""Row types that flow from transform/ into warehouse/.

Every extractor returns these; the warehouse loads them; the CLI prints them with
`to_json()`. Their JSON field sets are the command-line contract of `plangap targets`
and `plangap facts`: change them only together with the issues that fix them.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Table:
    """An HTML table of the article body: header cells and body rows of cell texts.

    `row_spans[i]` is the (start, end) offset of row i's line in `Document.text`
    (tables are rendered into the text as one line per row, cells joined by " | ").
    """

    header: list[str]
    rows: list[list[str]]
    row_spans: list[tuple[int, int]]
    header_span: tuple[int, int] | None = None
    caption: str | None = None  # the title rows above the header (transform/text/html_table.py)
    unit: str | None = None  # the table's 单位： unit, from its caption


@dataclass(frozen=True)
class Heading:
    """A heading of the article body: its text, its level (1 = top) and its offsets."""

    text: str
    level: int
    start: int
    end: int


@dataclass
class Document:
    """One page or text file as the extractors see it.

    `text` is the article body as extracted: paragraphs separated by "\n", table rows as
    lines of cells joined by " | ". Every clause an extractor emits is a substring of it.
    """

    text: str
    title: str | None = None
    url: str | None = None
    meta: dict[str, str] = field(default_factory=dict)  # 信息名称, 索引号, 发布机构, 生成日期 ...
    year: int | None = None  # the year the page is about (plan year / statistics year)
    published: str | None = None  # ISO date when the page gives one
    encoding: str | None = None
    headings: list[Heading] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


@dataclass
class Target:
    """A numeric target or a commitment of a plan (see docs/labelling.md)."""

    clause: str
    indicator: str
    indicator_id: str | None
    value: float | None
    value_max: float | None
    unit: str | None
    value_normalized: float | None
    unit_normalized: str | None
    comparator: str | None  # '>=', '<=', '=', '>', 'range', or None for commitments
    modifier: str | None
    kind: str  # count, amount, ratio, rate, level, commitment
    section: str | None
    year: int | None  # the target year: the plan year, or the horizon (2030 for 十五五 goals)
    # offsets of `clause` in Document.text; not part of the CLI's JSON contract
    start: int = -1
    end: int = -1
    # annual, five_year_avg (年均), cumulative (累计), level_by_year (a level due by `year`)
    target_kind: str = "annual"
    # a threshold that qualifies the counted noun (营业收入超50亿元 of 营业收入超50亿元企业达到12家)
    qualifier: str | None = None
    # a sub-region of the plan's region the clause or its heading names (transform/targets/scope.py)
    scope: str | None = None

    JSON_FIELDS = (
        "clause", "indicator", "indicator_id", "value", "value_max", "unit",
        "value_normalized", "unit_normalized", "comparator", "modifier", "kind",
        "section", "year", "target_kind", "qualifier",
    )

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        return {k: d[k] for k in self.JSON_FIELDS}


@dataclass
class Fact:
    """A figure a statistics publication reports (see docs/labelling.md)."""

    clause: str
    indicator: str
    indicator_id: str | None
    value: float | None
    unit: str | None
    value_normalized: float | None
    unit_normalized: str | None
    measure: str  # level, growth_pct, share_pct, change_pp, ratio, per_mille
    period: str | None
    publication: str | None
    published: str | None
    # scope of the figure when it is not the page's region as a whole (a district, ...);
    # not part of the CLI's JSON contract, kept by the warehouse so that it never matches
    scope: str | None = None
    start: int = -1
    end: int = -1

    JSON_FIELDS = (
        "clause", "indicator", "indicator_id", "value", "unit", "value_normalized",
        "unit_normalized", "measure", "period", "publication", "published",
    )

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        return {k: d[k] for k in self.JSON_FIELDS}
