"""The source registry: sources.yaml, a registry derived from a manifest, and RegistryErrors."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from plangap.extract.page import SourcePage
from plangap.extract.registry import DETAIL_KINDS, ListSource, RegistryError, load_registry, registry_from_manifest
from plangap.extract.snapshot import read_manifest, url_key

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources.yaml"
SNAPSHOT = ROOT / "snapshot"


@pytest.fixture(scope="module")
def registry():
    return load_registry(SOURCES)


def test_sources_yaml_loads(registry):
    assert [(p.url, p.kind, p.region, p.period, y) for p, y in registry.plans] == [
        ("https://www.changzhou.gov.cn/gi_news/681158953254033", "plan", "常州市", "2020", 2020),
        ("https://www.changzhou.gov.cn/gi_news/651622008585614", "plan", "常州市", "2021", 2021),
        ("http://www.changzhou.gov.cn/gi_news/68176939061264", "plan", "常州市", "2026", 2026),
    ]
    assert registry.lists == [ListSource(url="https://tjj.changzhou.gov.cn/html/tjj/tjgb/list.html", region="常州市",
                                         allow_hosts=("ciip.changzhou.gov.cn",), max_pages=20)]
    # the registry grows by edits to sources.yaml: these four pages head it
    assert [(p.url, p.kind, p.period) for p in registry.pages[:4]] == [
        ("https://www.changzhou.gov.cn/ns_news/608163971064898", "article", "2021-01/2021-11"),
        ("https://rsj.changzhou.gov.cn/html/czrsj/2021/HBPDPLJC_0723/46759.html", "article", "2021-01/2021-06"),
        ("https://www9599116.com/zg/html/czzg/2021/CIBLKPQE_0111/53777.html", "article", "2020"),
        ("http://www.changzhou.gov.cn/ns_news/506161093030894", "report", "2020"),
    ]
    assert all(p.kind in DETAIL_KINDS and p.region == "常州市" for p in registry.pages)
    assert len({p.url for p in registry.pages}) == len(registry.pages)


def test_every_registry_address_is_in_the_bundled_manifest(registry):
    bundled = {url_key(e.url) for e in read_manifest(SNAPSHOT)}
    addresses = [p.url for p, _ in registry.plans] + [s.url for s in registry.lists] + [p.url for p in registry.pages]
    assert len(addresses) == 4 + len(registry.pages)
    assert [a for a in addresses if url_key(a) not in bundled] == []


def test_only_filters_by_region_and_year(registry):
    part = registry.only(region="常州市", year=2021)
    assert [y for _, y in part.plans] == [2021]
    assert [p.period for p in part.pages] == [p.period for p in registry.pages if p.period is None or p.period.startswith("2021")]
    assert [p.period for p in part.pages][:2] == ["2021-01/2021-11", "2021-01/2021-06"]
    assert len(part.lists) == 1
    none = registry.only(region="无锡市")
    assert (none.plans, none.lists, none.pages) == ([], [], [])


def test_registry_from_bundled_manifest():
    reg = registry_from_manifest(SNAPSHOT)
    assert [y for _, y in reg.plans] == [2020, 2021, 2026]
    assert [s.url for s in reg.lists] == [
        "https://tjj.changzhou.gov.cn/html/tjj/tjgb/list.html",
        "https://tjj.changzhou.gov.cn/html/tjj/tjgb/list_2.html",
        "https://tjj.changzhou.gov.cn/html/tjj/tjgb/list_3.html",
    ]
    assert reg.lists[0].allow_hosts == ("ciip.changzhou.gov.cn", "rsj.changzhou.gov.cn", "tjj.changzhou.gov.cn",
                                        "www.changzhou.gov.cn", "www9599116.com")
    assert [(p.url.rsplit("/", 1)[-1], p.kind, p.period) for p in reg.pages] == [
        ("2021.html", "bulletin", "2021"),
        ("q3.html", "release", "2021-01/2021-09"),
        ("608163971064898", "article", "2021-01/2021-11"),
        ("46759.html", "article", "2021-01/2021-06"),
        ("2020.html", "bulletin", "2020"),
        ("h1.html", "release", "2020-01/2020-06"),
        ("1841.html", "article", "2020-01/2020-08"),
        ("53777.html", "article", "2020"),
        ("506161093030894", "report", "2020"),
    ]
    assert {p.region for p in reg.pages} == {"常州市"}


def test_registry_from_manifest_unknown_kind_and_region(tmp_path):
    (tmp_path / "a.gov.cn").mkdir()
    (tmp_path / "a.gov.cn" / "x.html").write_text("<p>页</p>", encoding="utf-8")
    (tmp_path / "manifest.json").write_text(json.dumps([
        {"url": "https://a.gov.cn/x.html", "file": "a.gov.cn/x.html", "kind": "weird"},
        {"url": "https://a.gov.cn/x.html", "file": "a.gov.cn/x.html", "kind": "plan", "period": "draft"},
    ]), encoding="utf-8")
    reg = registry_from_manifest(tmp_path)
    assert reg.pages == [SourcePage(url="https://a.gov.cn/x.html", kind="article", region="unknown", period=None)]
    assert reg.plans == [(SourcePage(url="https://a.gov.cn/x.html", kind="plan", region="unknown", period="draft"), None)]


# --- errors --------------------------------------------------------------------------------


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_regions(tmp_path):
    path = _write(tmp_path, "version: 1\n")
    with pytest.raises(RegistryError) as err:
        load_registry(path)
    assert str(err.value) == f"{path}: expected a mapping with a list of regions"


def test_missing_file(tmp_path):
    path = tmp_path / "nope.yaml"
    with pytest.raises(RegistryError) as err:
        load_registry(path)
    assert str(err.value).startswith(f"{path}: cannot read the registry")


def test_invalid_yaml(tmp_path):
    path = _write(tmp_path, "regions: [\n  - name: 甲市\n")
    with pytest.raises(RegistryError) as err:
        load_registry(path)
    assert str(err.value).startswith(f"{path}: cannot read the registry")


def test_region_without_name(tmp_path):
    path = _write(tmp_path, "regions:\n  - plans: []\n")
    with pytest.raises(RegistryError) as err:
        load_registry(path)
    assert str(err.value) == f"{path}:2: region 0 has no name"


@pytest.mark.parametrize("section", ["plans", "lists", "pages"])
def test_entry_without_url(tmp_path, section):
    path = _write(tmp_path, f"regions:\n  - name: 甲市\n    {section}:\n      - year: 2020\n")
    with pytest.raises(RegistryError) as err:
        load_registry(path)
    assert str(err.value) == f"{path}:4: an entry lacks 'url': {{'year': 2020}}"


def test_bad_kind(tmp_path):
    path = _write(tmp_path, "regions:\n  - name: 甲市\n    pages:\n      - url: https://a.gov.cn/1.html\n        kind: plan\n")
    with pytest.raises(RegistryError) as err:
        load_registry(path)
    assert str(err.value) == (f"{path}:5: page https://a.gov.cn/1.html has kind 'plan'; "
                              "expected one of ('bulletin', 'release', 'article', 'report')")


def test_bad_year(tmp_path):
    path = _write(tmp_path, "regions:\n  - name: 甲市\n    plans:\n      - url: https://a.gov.cn/p.html\n        year: 二〇二〇\n")
    with pytest.raises(RegistryError) as err:
        load_registry(path)
    assert str(err.value).startswith(f"{path}:5: ")
    assert "year" in str(err.value)


def test_bad_max_pages(tmp_path):
    path = _write(tmp_path, "regions:\n  - name: 甲市\n    lists:\n      - url: https://a.gov.cn/l.html\n        max_pages: many\n")
    with pytest.raises(RegistryError) as err:
        load_registry(path)
    assert str(err.value).startswith(f"{path}:5: ")
    assert "max_pages" in str(err.value)


def test_allow_hosts_must_be_a_list(tmp_path):
    path = _write(tmp_path, "regions:\n  - name: 甲市\n    lists:\n      - url: https://a.gov.cn/l.html\n        allow_hosts: b.gov.cn\n")
    with pytest.raises(RegistryError) as err:
        load_registry(path)
    assert str(err.value).startswith(f"{path}:5: ")
    assert "allow_hosts" in str(err.value)


def test_defaults(tmp_path):
    path = _write(tmp_path, "regions:\n  - name: 甲市\n    lists:\n      - url: https://a.gov.cn/l.html\n"
                            "    pages:\n      - url: https://a.gov.cn/1.html\n")
    reg = load_registry(path)
    assert reg.lists == [ListSource(url="https://a.gov.cn/l.html", region="甲市", allow_hosts=(), max_pages=20)]
    assert reg.pages == [SourcePage(url="https://a.gov.cn/1.html", kind="article", region="甲市", period=None)]
    assert reg.plans == []
