"""The parts of one plan page, split by the page reader and handed to both readers of parts.

Two readers read a plan page by its parts (transform/parts.py): the target reader keeps the
numbers of the forward-looking parts (transform/targets/in_parts.py) and the review reader takes
the actuals of the review parts (transform/facts/review.py). The page reader (transform/page.py)
makes one `PlanPageParts` for the page and hands it to both, so that the page's body is
normalised, its plan year resolved and its text split once, not once per reader.

One plan year for both readers: the year the text names (`resolve_plan_year`, which falls back
on Document.year, the registry's plan year when the page reader set it, then the page's dates).
Not Document.year itself (the first year of the title or 信息名称): a site may title the 2026
report by the year it reviews (2025年工作回顾和2026年工作安排), or the registry's year may
contradict the text, and the review parts take their periods from the plan year (过去一年 is
the plan year − 1): read at Document.year, the review of a report delivered in 2026 said 2024
while its targets said 2026. So the review reader reads `parts` and the target reader
`at_year(plan_year)` with the same year, and the page is split once.

Once, but for one case: when the text, the document and the page's dates name no year at all,
`plan_year` is None and the target reader asks for the sentence reader's year instead
(transform/targets/extract.py: a year named with target words anywhere in the text, else any
year it holds); the review reader keeps None (its parts have no period, its facts only the
periods their clauses name), as a year guessed from target words is no ground for dating a
review. `at_year` splits once for each year asked for; `split_years` says which.

The Document must be final when this is made (page.py sets its year first): what is resolved
and split is of the document as it is then.
"""
from __future__ import annotations

from plangap.transform.parts import Part, split_plan
from plangap.transform.parts_year import resolve_plan_year
from plangap.transform.records import Document
from plangap.transform.text.normalize import NormText, normalize


class PlanPageParts:
    """The normalised body, the plan year and the parts at that year of one plan page."""

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

    @property
    def parts(self) -> tuple[Part, ...]:
        """The parts of the page as a plan of `plan_year`, the year both readers read it at."""
        return self.at_year(None)

    @property
    def split_years(self) -> tuple[int | None, ...]:
        """The plan years the page has been split at so far, in the order asked for."""
        return tuple(self._by_year)

    def at_year(self, plan_year: int | None) -> tuple[Part, ...]:
        """The parts of the page as a plan of `plan_year` (None: `self.plan_year`): the same as
        `split_parts(doc, plan_year=plan_year, kind="plan")`, split once per year."""
        if not self.doc.text:
            return ()
        year = plan_year if plan_year is not None else self.plan_year
        parts = self._by_year.get(year)
        if parts is None:
            parts = self._by_year[year] = tuple(split_plan(self.doc, self.normalized, year))
        return parts
