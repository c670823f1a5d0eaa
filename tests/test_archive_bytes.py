"""What a run reads back from the raw archive: every address's validators, the bytes of list
pages only (crawled again on a 304), and any other page's bytes on request by page id."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest

from plangap import warehouse
from plangap.extract.page import FetchedPage, SourcePage
from plangap.warehouse.archive import archived_bytes, latest_pages

LIST = "http://tjj.example.gov.cn/list.html"
BULLETIN = "http://tjj.example.gov.cn/2021.html"


def fetched(url: str, kind: str, content: bytes, day: int) -> FetchedPage:
    return FetchedPage(SourcePage(url, kind, "某市", "2021"), url, 200, datetime(2026, 1, day, tzinfo=UTC), content,
                       "text/html; charset=utf-8", f'"{url[-9:]}-{day}"', None, False)


@pytest.fixture
def conn(tmp_path):
    c = warehouse.connect(tmp_path / "w.duckdb")
    yield c
    c.close()


def test_validators_of_every_page_and_bytes_of_the_list_pages_only(conn):
    warehouse.load_pages(conn, [fetched(LIST, "list", b"<a>list v1</a>", 1), fetched(BULLETIN, "bulletin", b"<p>v1</p>", 1)])
    warehouse.load_pages(conn, [fetched(LIST, "list", b"<a>list v2</a>", 2), fetched(BULLETIN, "bulletin", b"<p>v2</p>", 2)])
    known = latest_pages(conn)
    assert set(known) == {LIST, BULLETIN}
    assert known[LIST].content == b"<a>list v2</a>" and known[LIST].etag == '"list.html-2"'
    assert known[BULLETIN].content is None and known[BULLETIN].etag == '"2021.html-2"'
    assert latest_pages(conn, bytes_of=("bulletin",))[BULLETIN].content == b"<p>v2</p>"


def test_archived_bytes_by_page_id(conn):
    ids = warehouse.load_pages(conn, [fetched(LIST, "list", b"<a>l</a>", 1), fetched(BULLETIN, "bulletin", b"<p>b</p>", 1)])
    assert archived_bytes(conn, [ids[BULLETIN]]) == {ids[BULLETIN]: b"<p>b</p>"}
    assert archived_bytes(conn, list(ids.values())) == {ids[LIST]: b"<a>l</a>", ids[BULLETIN]: b"<p>b</p>"}
    assert archived_bytes(conn, []) == {}
