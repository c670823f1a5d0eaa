"""Running the fact extractor on a sentence or a fixture, shared by the fact-phrasing tests.
Every clause is checked to be the exact span of the document text it claims."""
from __future__ import annotations

from pathlib import Path

from plangap.transform.document import load_document
from plangap.transform.facts import extract_facts
from plangap.transform.records import Document, Fact

FIXTURES = Path(__file__).parent / "fixtures" / "stats"


def _checked(doc: Document, out: list[Fact]) -> list[Fact]:
    for f in out:
        assert doc.text[f.start:f.end] == f.clause
    return out


def facts_of_text(text: str, title: str | None, hint: str | None = None, published: str | None = None) -> list[Fact]:
    doc = Document(text=text, title=title, year=None, published=published)
    return _checked(doc, extract_facts(doc, hint))


def facts_of_fixture(name: str) -> list[Fact]:
    path = FIXTURES / name
    doc = load_document(path.read_bytes(), str(path))
    return _checked(doc, extract_facts(doc))


def values(fs: list[Fact]) -> list[float | None]:
    return [f.value_normalized for f in fs]
