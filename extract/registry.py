"""The source registry: which plan pages, statistics list pages and single pages to fetch.

Read from `sources.yaml` (adding a city or a year is an edit to that file), or derived from a
snapshot's `manifest.json`, so that a folder of saved pages for any city runs as it is.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from plangap.extract.page import SourcePage
from plangap.extract.snapshot import read_manifest

DETAIL_KINDS = ("bulletin", "release", "article", "report")


class RegistryError(Exception):
    """The registry file is unusable: names the file and the reason."""


@dataclass(frozen=True)
class ListSource:
    url: str
    region: str
    allow_hosts: tuple[str, ...] = ()
    max_pages: int = 20


@dataclass
class Registry:
    plans: list[tuple[SourcePage, int | None]] = field(default_factory=list)  # (page, plan year)
    lists: list[ListSource] = field(default_factory=list)
    pages: list[SourcePage] = field(default_factory=list)

    def only(self, region: str | None = None, year: int | None = None) -> "Registry":
        """The part of the registry for one region and/or one plan year."""
        def keep_region(r: str) -> bool:
            return region is None or r == region

        def keep_period(p: str | None) -> bool:
            return year is None or p is None or str(p).startswith(str(year))

        return Registry(
            plans=[(p, y) for p, y in self.plans if keep_region(p.region) and (year is None or y == year)],
            lists=[s for s in self.lists if keep_region(s.region)],
            pages=[p for p in self.pages if keep_region(p.region) and keep_period(p.period)],
        )


def load_registry(path: Path) -> Registry:
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise RegistryError(f"{path}: cannot read the registry ({err})") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("regions"), list):
        raise RegistryError(f"{path}: expected a mapping with a list of regions")
    reg = Registry()
    for i, region in enumerate(raw["regions"]):
        name = region.get("name") if isinstance(region, dict) else None
        if not name:
            raise RegistryError(f"{path}: region {i} has no name")
        for plan in region.get("plans") or []:
            _need(path, plan, "url")
            year = _int(path, plan, "year", None)
            reg.plans.append((SourcePage(url=plan["url"], kind="plan", region=name,
                                         period=str(year) if year else None), year))
        for lst in region.get("lists") or []:
            _need(path, lst, "url")
            hosts = lst.get("allow_hosts") or []
            if not isinstance(hosts, list) or not all(isinstance(h, str) and h for h in hosts):
                raise RegistryError(f"{path}: list {lst['url']} has allow_hosts {hosts!r}; expected a list of host names")
            reg.lists.append(ListSource(url=lst["url"], region=name, allow_hosts=tuple(hosts),
                                        max_pages=_int(path, lst, "max_pages", 20)))
        for page in region.get("pages") or []:
            _need(path, page, "url")
            kind = page.get("kind") or "article"
            if kind not in DETAIL_KINDS:
                raise RegistryError(f"{path}: page {page['url']} has kind {kind!r}; expected one of {DETAIL_KINDS}")
            period = page.get("period")
            reg.pages.append(SourcePage(url=page["url"], kind=kind, region=name,
                                        period=str(period) if period is not None else None))
    return reg


def registry_from_manifest(folder: Path) -> Registry:
    """Every page of a snapshot: plans, list pages to crawl (same-host and manifest hosts
    allowed), and detail pages as single pages."""
    entries = read_manifest(Path(folder))
    hosts = tuple(sorted({e.url.split("/")[2] for e in entries}))
    reg = Registry()
    for e in entries:
        region = e.region or "unknown"
        if e.kind == "plan":
            year = int(e.period[:4]) if e.period and e.period[:4].isdigit() else None
            reg.plans.append((SourcePage(url=e.url, kind="plan", region=region, period=e.period), year))
        elif e.kind == "list":
            reg.lists.append(ListSource(url=e.url, region=region, allow_hosts=hosts))
        else:
            reg.pages.append(SourcePage(url=e.url, kind=e.kind if e.kind in DETAIL_KINDS else "article",
                                        region=region, period=e.period))
    return reg


def _int(path: Path, item: dict, key: str, default: int | None) -> int | None:
    value = item.get(key)
    if value is None or value == "":
        return default
    try:
        number = int(str(value))
    except ValueError:
        number = None
    if number is None or number <= 0 or isinstance(value, bool):
        raise RegistryError(f"{path}: {item['url']} has {key} {value!r}; expected a positive whole number")
    return number


def _need(path: Path, item: object, key: str) -> None:
    if not isinstance(item, dict) or not item.get(key):
        raise RegistryError(f"{path}: an entry lacks {key!r}: {item!r}")
