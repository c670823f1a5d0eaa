"""The source registry: the regions, their plan pages, list pages and single pages to fetch.

Read from `sources.yaml` (adding a region or a year is an edit to that file), or derived from a
snapshot's `manifest.json` (a snapshot folder may carry its own `sources.yaml`, which then wins),
so that a folder of saved pages for any city runs as it is.

The file is validated on load: an unknown key, a bad address, a bad level or parent, or a region
named twice is a RegistryError of one line, `<file>:<line>: <what is wrong>` (the CLI exits 2).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from plangap.extract.page import SourcePage
from plangap.extract.snapshot import ManifestEntry, read_manifest

DETAIL_KINDS = ("bulletin", "release", "article", "report")
LIST_KINDS = ("plan", "bulletin", "release", "report")  # what a discovery list may yield
LEVELS = ("province", "city", "county", "district")  # county and district are the same tier
_TIER = {"province": 0, "city": 1, "county": 2, "district": 2}

_KEYS = {
    "registry": ("version", "regions"),
    "region": ("name", "level", "parent", "aliases", "alerts", "plans", "lists", "pages"),
    "plan": ("url", "year", "allow_hosts"),
    "list": ("url", "allow_hosts", "max_pages", "kinds"),
    "page": ("url", "kind", "period", "allow_hosts"),
}
_ADDRESS = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$")


class RegistryError(Exception):
    """The registry file is unusable: names the file (and line) and the reason."""


@dataclass(frozen=True)
class ListSource:
    url: str
    region: str
    allow_hosts: tuple[str, ...] = ()
    max_pages: int = 20
    kinds: tuple[str, ...] = ()  # discovery: the kinds to take from the list; () = a statistics list


@dataclass(frozen=True)
class Region:
    """A place the registry tracks: its level, the region above it, other names, alert recipients."""

    name: str
    level: str | None = None  # province | city | county | district
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    alerts: tuple[str, ...] = ()  # recipients of the nightly alert email for this region

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass
class Registry:
    plans: list[tuple[SourcePage, int | None]] = field(default_factory=list)  # (page, plan year)
    lists: list[ListSource] = field(default_factory=list)
    pages: list[SourcePage] = field(default_factory=list)
    regions: dict[str, Region] = field(default_factory=dict)

    def only(self, region: str | None = None, year: int | None = None) -> Registry:
        """The part of the registry for one region and/or one plan year (every region is kept,
        so that scope still resolves)."""
        def keep_region(r: str) -> bool:
            return region is None or r == region

        def keep_period(p: str | None) -> bool:
            return year is None or p is None or str(p).startswith(str(year))

        return Registry(
            plans=[(p, y) for p, y in self.plans if keep_region(p.region) and (year is None or y == year)],
            lists=[s for s in self.lists if keep_region(s.region)],
            pages=[p for p in self.pages if keep_region(p.region) and keep_period(p.period)],
            regions=dict(self.regions),
        )

    def ancestors(self, name: str) -> list[str]:
        """The regions above `name`, nearest first (a parent the registry does not hold ends it)."""
        out: list[str] = []
        parent = self.regions[name].parent if name in self.regions else None
        while parent and parent not in out and parent != name:
            out.append(parent)
            parent = self.regions[parent].parent if parent in self.regions else None
        return out

    def recipients(self, name: str) -> tuple[str, ...]:
        """Who is told of a change in `name`: its own recipients and those of the regions above it."""
        out: list[str] = []
        for r in (name, *self.ancestors(name)):
            for a in self.regions[r].alerts if r in self.regions else ():
                if a not in out:
                    out.append(a)
        return tuple(out)


class _Map(dict):
    """A YAML mapping that remembers its line and the line of each key (1-based)."""

    line: int = 0
    lines: dict[str, int]


# libyaml's parser when PyYAML has it (ten times the pure-Python one on a registry of thousands
# of pages); the constructors below are the same either way
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[valid-type,misc]  # one of two loader classes
    pass


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> _Map:
    loader.flatten_mapping(node)
    out = _Map()
    out.line, out.lines = node.start_mark.line + 1, {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if key in out:
            raise RegistryError(f"{loader.name}:{line}: key {key!r} given twice")
        out[key] = loader.construct_object(value_node, deep=True)
        out.lines[str(key)] = line
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)


class _Reader:
    """Walks the parsed file, turning each problem into a one-line RegistryError with its line."""

    def __init__(self, path: Path):
        self.path = path

    def fail(self, item: object, message: str, key: str | None = None) -> RegistryError:
        line = getattr(item, "line", 0)
        if key is not None and isinstance(item, _Map):
            line = item.lines.get(key, line)
        return RegistryError(f"{self.path}:{line}: {message}" if line else f"{self.path}: {message}")

    def keys(self, item: dict, what: str, label: str) -> None:
        for key in item:
            if key not in _KEYS[what]:
                raise self.fail(item, f"{label}: unknown key {key!r}; expected one of {', '.join(_KEYS[what])}", key)

    def need(self, item: object, key: str) -> None:
        if not isinstance(item, dict) or not item.get(key):
            raise self.fail(item, f"an entry lacks {key!r}: {dict(item) if isinstance(item, dict) else item!r}")

    def url(self, item: dict, what: str) -> str:
        url = item["url"]
        parts = urlsplit(url) if isinstance(url, str) else None
        if (parts is None or parts.scheme not in ("http", "https") or not parts.hostname
                or any(c.isspace() for c in url)):
            raise self.fail(item, f"{what} {url!r}: not an http(s) address with a host", "url")
        return url

    def integer(self, item: dict, key: str, default: int | None) -> int | None:
        value = item.get(key)
        if value is None or value == "":
            return default
        try:
            number = int(str(value))
        except ValueError:
            number = None
        if number is None or number <= 0 or isinstance(value, bool):
            raise self.fail(item, f"{item['url']} has {key} {value!r}; expected a positive whole number", key)
        return number

    def strings(self, item: dict, key: str, what: str) -> tuple[str, ...]:
        values = item.get(key) or []
        if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
            raise self.fail(item, f"{what} has {key} {values!r}; expected a list of {key.replace('_', ' ')}", key)
        return tuple(v.strip() for v in values)

    def hosts(self, item: dict, what: str) -> tuple[str, ...]:
        """The entry's `allow_hosts`: other hosts its links and redirects may lead to."""
        hosts = item.get("allow_hosts") or []
        if not isinstance(hosts, list) or not all(isinstance(h, str) and h for h in hosts):
            raise self.fail(item, f"{what} {item['url']} has allow_hosts {hosts!r}; expected a list of host names",
                            "allow_hosts")
        return tuple(h.lower() for h in hosts)


def load_registry(path: Path) -> Registry:
    path = Path(path)
    reader = _Reader(path)
    try:
        loader = _Loader(path.read_text(encoding="utf-8"))
        loader.name = str(path)
        try:
            raw = loader.get_single_data()
        finally:
            loader.dispose()
    except (OSError, yaml.YAMLError) as err:
        raise RegistryError(f"{path}: cannot read the registry ({' '.join(str(err).split())})") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("regions"), list):
        raise RegistryError(f"{path}: expected a mapping with a list of regions")
    reader.keys(raw, "registry", "the registry")
    reg = Registry()
    for i, region in enumerate(raw["regions"]):
        name = region.get("name") if isinstance(region, dict) else None
        if not name or not isinstance(name, str):
            raise reader.fail(region, f"region {i} has no name")
        reader.keys(region, "region", f"region {name}")
        if name in reg.regions:
            raise reader.fail(region, f"region {name} is named twice", "name")
        reg.regions[name] = _region(reader, region, name)
        _sources(reader, reg, region, name)
    _check_parents(reader, reg, raw["regions"])
    return reg


def _region(reader: _Reader, item: dict, name: str) -> Region:
    level = item.get("level")
    if level is not None and level not in LEVELS:
        raise reader.fail(item, f"region {name} has level {level!r}; expected one of {', '.join(LEVELS)}", "level")
    parent = item.get("parent")
    if parent is not None and (not isinstance(parent, str) or not parent.strip() or parent == name):
        raise reader.fail(item, f"region {name} has parent {parent!r}; expected the name of another region", "parent")
    alerts = reader.strings(item, "alerts", f"region {name}")
    for address in alerts:
        if not _ADDRESS.match(address):
            raise reader.fail(item, f"region {name}: alert recipient {address!r} is not an ASCII mail address",
                              "alerts")
    return Region(name=name, level=level, parent=parent, aliases=reader.strings(item, "aliases", f"region {name}"),
                  alerts=alerts)


def _sources(reader: _Reader, reg: Registry, region: dict, name: str) -> None:
    for key in ("plans", "lists", "pages"):
        if not isinstance(region.get(key) or [], list):
            raise reader.fail(region, f"region {name}: {key} must be a list of entries", key)
    for plan in region.get("plans") or []:
        reader.need(plan, "url")
        reader.keys(plan, "plan", f"plan {plan['url']}")
        year = reader.integer(plan, "year", None)
        reg.plans.append((SourcePage(url=reader.url(plan, "plan"), kind="plan", region=name,
                                     period=str(year) if year else None,
                                     allow_hosts=reader.hosts(plan, "plan")), year))
    for lst in region.get("lists") or []:
        reader.need(lst, "url")
        reader.keys(lst, "list", f"list {lst['url']}")
        kinds = reader.strings(lst, "kinds", f"list {lst['url']}")
        if bad := [k for k in kinds if k not in LIST_KINDS]:
            raise reader.fail(lst, f"list {lst['url']} has kinds {bad!r}; expected some of {', '.join(LIST_KINDS)}",
                              "kinds")
        reg.lists.append(ListSource(url=reader.url(lst, "list"), region=name, allow_hosts=reader.hosts(lst, "list"),
                                    max_pages=reader.integer(lst, "max_pages", 20) or 20, kinds=kinds))
    for page in region.get("pages") or []:
        reader.need(page, "url")
        reader.keys(page, "page", f"page {page['url']}")
        kind = page.get("kind") or "article"
        if kind not in DETAIL_KINDS:
            raise reader.fail(page, f"page {page['url']} has kind {kind!r}; expected one of {DETAIL_KINDS}", "kind")
        period = page.get("period")
        reg.pages.append(SourcePage(url=reader.url(page, "page"), kind=kind, region=name,
                                    period=str(period) if period is not None else None,
                                    allow_hosts=reader.hosts(page, "page")))


def _check_parents(reader: _Reader, reg: Registry, items: list) -> None:
    """A registered parent sits on a higher level than its child; names and aliases are unique."""
    seen: dict[str, str] = {}
    for item in items:
        region = reg.regions[item["name"]]
        for alias in region.names:
            if seen.get(alias, region.name) != region.name:
                raise reader.fail(item, f"region {region.name}: name {alias!r} is already region {seen[alias]}",
                                  "aliases")
            seen[alias] = region.name
        parent = reg.regions.get(region.parent or "")
        if parent is not None and region.level and parent.level and _TIER[region.level] <= _TIER[parent.level]:
            raise reader.fail(item, f"region {region.name} ({region.level}) cannot lie under {parent.name} "
                                    f"({parent.level})", "parent")
        walk, up = set(), region.parent
        while up in reg.regions and up not in walk:
            if up == region.name:
                raise reader.fail(item, f"region {region.name}: its parents form a loop", "parent")
            walk.add(up)
            up = reg.regions[up].parent


def registry_from_manifest(folder: Path, entries: Sequence[ManifestEntry] | None = None) -> Registry:
    """The snapshot's own `sources.yaml` when it has one; else every page of its manifest: plans,
    list pages to crawl (same-host and manifest hosts allowed), and detail pages as single pages.
    `entries`: the folder's manifest when the caller has read it already (the snapshot server's)."""
    if entries is None:
        entries = read_manifest(Path(folder))  # also when it has sources.yaml: the folder must be a snapshot
    own = Path(folder) / "sources.yaml"
    if own.is_file():
        return load_registry(own)
    hosts = tuple(sorted({e.url.split("/")[2] for e in entries}))
    reg = Registry()
    for e in entries:
        region = e.region or "unknown"
        reg.regions.setdefault(region, Region(name=region))
        if e.kind == "plan":
            year = int(e.period[:4]) if e.period and e.period[:4].isdigit() else None
            reg.plans.append((SourcePage(url=e.url, kind="plan", region=region, period=e.period), year))
        elif e.kind == "list":
            reg.lists.append(ListSource(url=e.url, region=region, allow_hosts=hosts))
        else:
            reg.pages.append(SourcePage(url=e.url, kind=e.kind if e.kind in DETAIL_KINDS else "article",
                                        region=region, period=e.period))
    return reg
