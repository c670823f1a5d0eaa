"""SnapshotServer over the bundled snapshot, and manifest errors on broken snapshots."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import requests

from plangap.extract.http import HttpClient, NetworkPolicy, Validators
from plangap.extract.page import SourcePage
from plangap.extract.snapshot import SnapshotError, SnapshotPathError, SnapshotServer, read_manifest, url_key
from plangap.transform.text.decode import decode_bytes

SNAPSHOT = Path(__file__).resolve().parent.parent / "snapshot"
MANIFEST = json.loads((SNAPSHOT / "manifest.json").read_text(encoding="utf-8"))
GB_URLS = [e["url"] for e in MANIFEST if e.get("encoding") == "gb18030"]


@pytest.fixture(scope="module")
def served():
    with SnapshotServer(SNAPSHOT) as server:
        yield server


@pytest.fixture
def client(served):
    return HttpClient(NetworkPolicy(backoff=0, timeout=5, retries=0), rewrite=served.rewrite, sleep=lambda s: None)


def _src(url: str) -> SourcePage:
    return SourcePage(url=url, kind="article", region="常州市")


def test_bundled_manifest_has_15_pages_two_in_gb18030():
    assert len(MANIFEST) == 15
    assert GB_URLS == [
        "https://tjj.changzhou.gov.cn/html/tjj/2021/TJXX0000_1108/q3.html",
        "https://tjj.changzhou.gov.cn/html/tjj/2020/TJXX0000_0720/h1.html",
    ]


def test_url_key_drops_scheme_and_lowercases_host():
    assert url_key("https://WWW.Example.gov.cn/a/b.html?x=1") == "www.example.gov.cn/a/b.html?x=1"
    assert url_key("http://host.cn") == "host.cn/"


def test_rewrite_maps_onto_loopback(served):
    assert served.base.startswith("http://127.0.0.1:")
    assert served.rewrite("https://tjj.changzhou.gov.cn/html/tjj/tjgb/list.html") == \
        served.base + "/tjj.changzhou.gov.cn/html/tjj/tjgb/list.html"


@pytest.mark.parametrize("entry", MANIFEST, ids=[e["file"] for e in MANIFEST])
def test_every_manifest_page_is_served(client, entry):
    page = client.fetch(_src(entry["url"]))
    assert page.status == 200
    assert page.url == entry["url"]
    assert page.content == (SNAPSHOT / entry["file"]).read_bytes()
    assert page.etag is not None and page.etag.startswith('"')
    assert page.last_modified is not None and page.last_modified.endswith(" GMT")
    assert page.content_type.startswith("text/html")


@pytest.mark.parametrize("url, phrase", [
    ("https://tjj.changzhou.gov.cn/html/tjj/2021/TJXX0000_1108/q3.html", "前三季度,全市经济持续恢复"),
    ("https://tjj.changzhou.gov.cn/html/tjj/2020/TJXX0000_0720/h1.html", "上半年"),
])
def test_gb18030_pages_are_labelled_gb2312_and_decode(client, url, phrase):
    page = client.fetch(_src(url))
    assert page.content_type == "text/html; charset=gb2312"
    with pytest.raises(UnicodeDecodeError):
        page.content.decode("utf-8")  # the bytes really are GB-encoded
    text, encoding = decode_bytes(page.content, url, page.content_type)
    assert encoding == "gb18030"
    assert phrase in text
    assert "\ufffd" not in text


def test_gbk_only_character_of_a_gb2312_labelled_page_decodes(client):
    # q3.html holds "—" (U+2014), which Python's gb2312 codec reads as "―" (U+2015)
    url = "https://tjj.changzhou.gov.cn/html/tjj/2021/TJXX0000_1108/q3.html"
    page = client.fetch(_src(url))
    assert "\u2014" not in page.content.decode("gb2312")
    text, _ = decode_bytes(page.content, url, page.content_type)
    assert "<td>规模以上工业增加值</td><td>—</td><td>—</td><td>17.0</td>" in text


def test_utf8_pages_carry_no_gb_label(client):
    page = client.fetch(_src("https://www.changzhou.gov.cn/gi_news/681158953254033"))
    assert "gb2312" not in page.content_type


def test_second_request_with_etag_gets_304(client):
    src = _src("https://tjj.changzhou.gov.cn/html/tjj/tjgb/list.html")
    first = client.fetch(src)
    second = client.fetch(src, Validators(etag=first.etag))
    assert second.status == 304
    assert second.not_modified is True
    assert second.content == b""
    assert second.etag == first.etag


def test_second_request_with_last_modified_gets_304(client):
    src = _src("https://tjj.changzhou.gov.cn/html/tjj/tjgb/list.html")
    first = client.fetch(src)
    second = client.fetch(src, Validators(last_modified=first.last_modified))
    assert second.status == 304
    assert second.not_modified is True


def test_stale_etag_wins_over_a_current_last_modified(client):
    src = _src("https://tjj.changzhou.gov.cn/html/tjj/tjgb/list.html")
    first = client.fetch(src)
    page = client.fetch(src, Validators(etag='"stale"', last_modified=first.last_modified))
    assert page.status == 200


def test_older_last_modified_gets_200(client):
    src = _src("https://tjj.changzhou.gov.cn/html/tjj/tjgb/list.html")
    page = client.fetch(src, Validators(last_modified="Mon, 01 Jan 2001 00:00:00 GMT"))
    assert page.status == 200


def test_stale_etag_gets_200(client):
    src = _src("https://tjj.changzhou.gov.cn/html/tjj/tjgb/list.html")
    page = client.fetch(src, Validators(etag='"stale"'))
    assert page.status == 200
    assert page.content == (SNAPSHOT / "tjj.changzhou.gov.cn/html/tjj/tjgb/list.html").read_bytes()


def test_path_not_in_manifest_is_404(served):
    resp = requests.get(served.base + "/tjj.changzhou.gov.cn/html/tjj/tjgb/list_4.html", timeout=5)
    assert resp.status_code == 404
    resp = requests.get(served.base + "/manifest.json", timeout=5)
    assert resp.status_code == 404


# --- broken snapshots -------------------------------------------------------------------


def _snapshot(tmp_path: Path, manifest) -> Path:
    folder = tmp_path / "snap"
    (folder / "a.gov.cn").mkdir(parents=True)
    (folder / "a.gov.cn" / "p.html").write_text("<html><body><p>页面</p></body></html>", encoding="utf-8")
    text = manifest if isinstance(manifest, str) else json.dumps(manifest, ensure_ascii=False)
    (folder / "manifest.json").write_text(text, encoding="utf-8")
    return folder


GOOD = {"url": "https://a.gov.cn/p.html", "file": "a.gov.cn/p.html", "kind": "article"}


def test_missing_manifest(tmp_path):
    with pytest.raises(SnapshotError) as err:
        read_manifest(tmp_path)
    assert str(err.value) == f"{tmp_path}: no manifest.json in the snapshot folder"


def test_missing_manifest_stops_the_server(tmp_path):
    with pytest.raises(SnapshotError, match="no manifest.json"):
        SnapshotServer(tmp_path)


def test_invalid_json(tmp_path):
    folder = _snapshot(tmp_path, '[{"url": ')
    with pytest.raises(SnapshotError) as err:
        read_manifest(folder)
    assert str(err.value).startswith(f"{folder / 'manifest.json'}: not valid JSON")


def test_manifest_not_a_list(tmp_path):
    folder = _snapshot(tmp_path, {"pages": [GOOD]})
    with pytest.raises(SnapshotError) as err:
        read_manifest(folder)
    assert str(err.value) == f"{folder / 'manifest.json'}: expected a list of pages"


def test_entry_without_url(tmp_path):
    folder = _snapshot(tmp_path, [GOOD, {"file": "a.gov.cn/p.html", "kind": "article"}])
    with pytest.raises(SnapshotError) as err:
        read_manifest(folder)
    assert str(err.value) == f"{folder / 'manifest.json'}: entry 1 lacks url, file or kind"


def test_entry_naming_a_missing_file(tmp_path):
    folder = _snapshot(tmp_path, [dict(GOOD, file="a.gov.cn/gone.html")])
    with pytest.raises(SnapshotError) as err:
        read_manifest(folder)
    assert str(err.value) == f"{folder / 'manifest.json'}: entry 0 names a missing file a.gov.cn/gone.html"


def test_good_tmp_snapshot_reads(tmp_path):
    folder = _snapshot(tmp_path, [dict(GOOD, region="甲市", period="2020")])
    [entry] = read_manifest(folder)
    assert (entry.url, entry.file, entry.kind, entry.region, entry.period, entry.encoding, entry.charset) == \
        ("https://a.gov.cn/p.html", "a.gov.cn/p.html", "article", "甲市", "2020", None, None)


def test_gb_encoding_is_labelled_gb2312_even_without_a_charset_key(tmp_path):
    folder = _snapshot(tmp_path, [dict(GOOD, encoding="gb18030")])
    [entry] = read_manifest(folder)
    assert entry.charset == "gb2312"


def test_declared_charset_of_utf8_page_is_kept(tmp_path):
    folder = _snapshot(tmp_path, [dict(GOOD, encoding="utf-8", charset="utf-8")])
    [entry] = read_manifest(folder)
    assert entry.charset == "utf-8"


def test_copy_of_bundled_snapshot_serves_changed_bytes_with_new_etag(tmp_path):
    folder = tmp_path / "snap"
    shutil.copytree(SNAPSHOT, folder)
    url = "https://tjj.changzhou.gov.cn/html/tjj/tjgb/list.html"
    with SnapshotServer(folder) as server:
        client = HttpClient(NetworkPolicy(backoff=0, timeout=5, retries=0), rewrite=server.rewrite)
        first = client.fetch(_src(url))
        path = folder / "tjj.changzhou.gov.cn/html/tjj/tjgb/list.html"
        path.write_bytes(path.read_bytes().replace("统计公报".encode(), "统计数据".encode()))
        second = client.fetch(_src(url), Validators(etag=first.etag))
    assert second.status == 200
    assert second.etag != first.etag
    assert "统计数据".encode() in second.content


def test_address_with_non_ascii_and_space_is_served(tmp_path):
    folder = tmp_path / "snap"
    (folder / "tjj.a.gov.cn" / "统计公报").mkdir(parents=True)
    (folder / "tjj.a.gov.cn" / "统计公报" / "2020 年.html").write_bytes("<p>二〇二〇年</p>".encode())
    url = "https://tjj.a.gov.cn/统计公报/2020 年.html"
    (folder / "manifest.json").write_text(json.dumps(
        [{"url": url, "file": "tjj.a.gov.cn/统计公报/2020 年.html", "kind": "bulletin"}], ensure_ascii=False), encoding="utf-8")
    with SnapshotServer(folder) as server:
        client = HttpClient(NetworkPolicy(backoff=0, timeout=5, retries=0), rewrite=server.rewrite)
        page = client.fetch(_src(url))
    assert page.status == 200
    assert page.content == "<p>二〇二〇年</p>".encode()


# --- entries that lead outside the snapshot folder ---------------------------------------

SECRET = "analysts must never see this line"


def _outside(tmp_path: Path) -> Path:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    return secret


@pytest.mark.parametrize("file, why", [
    ("../secret.txt", "has a '..' part"),
    ("a.gov.cn/../../secret.txt", "has a '..' part"),
    ("a.gov.cn/../p.html", "has a '..' part"),  # even when it would land inside: never a '..'
])
def test_a_dotdot_entry_is_refused_naming_the_entry(tmp_path, file, why):
    _outside(tmp_path)
    folder = _snapshot(tmp_path, [GOOD, dict(GOOD, url="https://a.gov.cn/x.html", file=file)])
    with pytest.raises(SnapshotPathError) as err:
        read_manifest(folder)
    msg = str(err.value)
    assert "\n" not in msg
    assert msg.startswith(f"{folder / 'manifest.json'}: entry 1 (https://a.gov.cn/x.html): file {file!r} {why}")
    assert isinstance(err.value, SnapshotError)  # the CLI maps every SnapshotError to exit 2


def test_an_absolute_entry_is_refused(tmp_path):
    secret = _outside(tmp_path)
    folder = _snapshot(tmp_path, [dict(GOOD, file=str(secret))])
    with pytest.raises(SnapshotPathError, match=r"entry 0 \(https://a.gov.cn/p.html\): file '.*secret.txt' is an absolute path"):
        read_manifest(folder)


def test_a_symlink_out_of_the_folder_is_refused(tmp_path):
    secret = _outside(tmp_path)
    folder = _snapshot(tmp_path, [dict(GOOD, file="a.gov.cn/link.html")])
    (folder / "a.gov.cn" / "link.html").symlink_to(secret)
    with pytest.raises(SnapshotPathError, match=r"entry 0 .*'a.gov.cn/link.html' leads outside the snapshot folder"):
        read_manifest(folder)
    with pytest.raises(SnapshotPathError):
        SnapshotServer(folder)  # the server reads the manifest the same way: nothing is served


def test_a_symlinked_folder_out_of_the_snapshot_is_refused(tmp_path):
    _outside(tmp_path)
    folder = _snapshot(tmp_path, [dict(GOOD, file="out/secret.txt")])
    (folder / "out").symlink_to(tmp_path)
    with pytest.raises(SnapshotPathError, match="leads outside the snapshot folder"):
        read_manifest(folder)


def test_a_symlink_inside_the_folder_is_fine(tmp_path):
    folder = _snapshot(tmp_path, [dict(GOOD, file="a.gov.cn/alias.html")])
    (folder / "a.gov.cn" / "alias.html").symlink_to(folder / "a.gov.cn" / "p.html")
    [entry] = read_manifest(folder)
    assert entry.file == "a.gov.cn/alias.html"


def test_a_snapshot_folder_reached_through_a_symlink_reads(tmp_path):
    folder = _snapshot(tmp_path, [GOOD])
    link = tmp_path / "snap-link"
    link.symlink_to(folder)
    assert len(read_manifest(link)) == 1


def test_a_file_swapped_for_a_symlink_after_start_is_not_served(tmp_path):
    secret = _outside(tmp_path)
    folder = _snapshot(tmp_path, [GOOD])
    with SnapshotServer(folder) as server:
        page = folder / "a.gov.cn" / "p.html"
        page.unlink()
        page.symlink_to(secret)
        resp = requests.get(server.rewrite(GOOD["url"]), timeout=5)
    assert resp.status_code == 403
    assert SECRET not in resp.text
