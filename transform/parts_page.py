"""The parts of one plan page, split by the page reader and handed to both readers of parts.

Two readers read a plan page by its parts (transform/parts.py): the target reader keeps the
numbers of the forward-looking parts (transform/targets/in_parts.py) and the review reader takes
the actuals of the review parts (transform/facts/review.py). The page reader (transform/page.py)
makes one `PlanPageParts` for the page and hands it to both, so that the page's body is
normalised, its plan year resolved and its text split once, not once per reader.

Once per plan year, not once per page: the readers do not always split at the same plan year.
The review reader splits at `Document.year` (the first year in the page's title or 信息名称,
else the registry's plan year), the target reader at the year the text names
(`resolve_plan_year`, falling back on the sentence reader's year): a title that names the
reviewed year (2023年…工作回顾 in the title of the 2024 report), or a registry year the text
contradicts. The parts then differ, and the
page is split once for each year asked for; when the years agree (the common case) it is split
once. A year of None means "the text's own" (`resolve_plan_year`), as in `split_parts`.

The Document must be final when this is made (page.py sets its year first): what is resolved
and split is of the document as it is then.
"""
from __future__ import annotations

from plangap.transform.parts import Part, split_plan
from plangap.transform.parts_year import resolve_plan_year
from plangap.transform.records import Document
from plangap.transform.text.normalize import NormText, normalize


class PlanPageParts:
    """The normalised body, the plan year and the parts (per plan year asked for) of one plan page."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.normalized: NormText = normalize(doc.text)
        self._plan_year: int | None = None
        self._plan_year_read = False
        self._by_year: dict[int | None, tuple[Part, ...]] = {}

    @classmethod
    def of(cls, doc: Document, parts: PlanPageParts | None) -> PlanPageParts:
        """The parts handed over by the page reader, or the document's own when none were (a
        reader called on its own: the CLI, the evaluator, tests)."""
        if parts is None:
            return cls(doc)
        if parts.doc is not doc:
            raise ValueError("the parts handed over are those of another document")
        return parts

    @property
    def plan_year(self) -> int | None:
        """The plan year the text names (transform/parts_year.py), resolved once."""
        if not self._plan_year_read:
            self._plan_year = resolve_plan_year(self.doc, self.normalized.text)
            self._plan_year_read = True
        return self._plan_year

    def at_year(self, plan_year: int | None) -> tuple[Part, ...]:
        """The parts of the page as a plan of `plan_year` (None: the year the text names): the
        same as `split_parts(doc, plan_year=plan_year, kind="plan")`, split once per year."""
        if not self.doc.text:
            return ()
        year = plan_year if plan_year is not None else self.plan_year
        parts = self._by_year.get(year)
        if parts is None:
            parts = self._by_year[year] = tuple(split_plan(self.doc, self.normalized, year))
        return parts
