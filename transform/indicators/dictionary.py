"""The indicator dictionary (transform/indicators.yaml; format in docs/indicators-format.md).

`map_indicator(text, unit_normalized, kind)` maps the Chinese words that name an indicator,
in a plan target or a statistics fact, to a canonical id. Matching rests on the words only:
a name, synonym or pattern must occur in the text and no `exclude` word may; units and kinds
only veto. When several entries match, the longest match wins (城镇居民人均可支配收入 over
居民人均可支配收入).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import yaml

from plangap.transform.text.normalize import normalize
from plangap.transform.units import BARE_PERCENT_POINT, PERCENT_UNITS, TIMES

DEFAULT_PATH = Path(__file__).with_name("indicators.yaml")
#: units that never veto a match: the plans' percent units, 百分点 as statistics write it, and 倍
_RATE_UNITS = {*PERCENT_UNITS, BARE_PERCENT_POINT, TIMES}
_SHARE_KINDS = {"share", "ratio", "share_pct"}
_KINDS = {"flow", "stock", "rate", "share"}


class DictionaryError(ValueError):
    """The dictionary file breaks docs/indicators-format.md."""


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    synonyms: tuple[str, ...]
    patterns: tuple[re.Pattern, ...]
    exclude: tuple[str, ...]
    unit: str | None
    kind: str
    direction: str
    accumulates: bool
    units: tuple[str, ...] = ()  # other base units levels may come in (件/万人 ...)

    def match_length(self, text: str) -> int:
        """Length of the longest name/synonym/pattern match in `text`; 0 when none or vetoed."""
        if any(x in text for x in self.exclude):
            return 0
        best = 0
        for s in (self.name, *self.synonyms):
            if s and s in text:
                best = max(best, len(s))
        for p in self.patterns:
            m = p.search(text)
            if m:
                best = max(best, len(m.group(0)))
        return best


@dataclass(frozen=True)
class Unmapped:
    text: str
    reason: str


@dataclass(frozen=True)
class Dictionary:
    version: str
    indicators: tuple[Indicator, ...]
    unmapped: tuple[Unmapped, ...] = field(default_factory=tuple)

    def get(self, id_: str) -> Indicator | None:
        return next((i for i in self.indicators if i.id == id_), None)

    def unmapped_reason(self, text: str) -> str | None:
        t = _clean(text)
        for u in self.unmapped:
            if _clean(u.text) == t:
                return u.reason
        return None

    @cached_property
    def _by_bigram(self) -> tuple[dict[str, tuple[int, ...]], tuple[int, ...]]:
        """Where to look: the entries each two-character start of a name or synonym belongs to,
        and the entries that must always be tried (patterns, one-character names)."""
        index: dict[str, set[int]] = {}
        always: set[int] = set()
        for i, ind in enumerate(self.indicators):
            if ind.patterns:
                always.add(i)
            for lit in (ind.name, *ind.synonyms):
                if len(lit) < 2:
                    always.add(i)
                elif lit:
                    index.setdefault(lit[:2], set()).add(i)
        return {k: tuple(sorted(v)) for k, v in index.items()}, tuple(sorted(always))

    def _candidates(self, t: str) -> list[Indicator]:
        """The entries that may match `t`, in dictionary order (a name occurs in `t` only if its
        first two characters do)."""
        index, always = self._by_bigram
        found = set(always)
        for i in range(len(t) - 1):
            hit = index.get(t[i:i + 2])
            if hit:
                found.update(hit)
        return [self.indicators[i] for i in sorted(found)]

    def map(self, text: str, unit_normalized: str | None = None, kind: str | None = None) -> str | None:
        t = _clean(text)
        if not t:
            return None
        best, best_len = None, 0
        for ind in self._candidates(t):
            n = ind.match_length(t)
            if not n or n <= best_len:
                continue
            if kind in _SHARE_KINDS and ind.kind not in ("share", "rate"):
                continue
            if (unit_normalized and unit_normalized not in _RATE_UNITS and ind.unit
                    and unit_normalized != ind.unit and unit_normalized not in ind.units):
                continue
            best, best_len = ind.id, n
        return best


def _clean(text: str) -> str:
    t = normalize(text or "").text
    return re.sub(r"\s+", "", t).replace("(", "(").replace(")", ")")


def load_dictionary(path: str | Path | None = None) -> Dictionary:
    """Read and check a dictionary file (default: transform/indicators.yaml)."""
    p = Path(path) if path else DEFAULT_PATH
    data = yaml.safe_load(p.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or "version" not in data or "indicators" not in data:
        raise DictionaryError(f"{p}: needs `version` and `indicators`")
    seen: set[str] = set()
    items = []
    for raw in data["indicators"]:
        missing = [k for k in ("id", "name", "kind", "direction", "accumulates") if k not in raw]
        if missing:
            raise DictionaryError(f"{p}: entry {raw.get('id')!r} lacks {missing}")
        if raw["id"] in seen:
            raise DictionaryError(f"{p}: duplicate id {raw['id']!r}")
        if raw["kind"] not in _KINDS or raw["direction"] not in ("higher", "lower"):
            raise DictionaryError(f"{p}: entry {raw['id']!r}: bad kind or direction")
        seen.add(raw["id"])
        items.append(Indicator(
            id=raw["id"], name=raw["name"], synonyms=tuple(raw.get("synonyms") or ()),
            patterns=tuple(re.compile(x) for x in raw.get("patterns") or ()),
            exclude=tuple(raw.get("exclude") or ()), unit=raw.get("unit"), kind=raw["kind"],
            direction=raw["direction"], accumulates=bool(raw["accumulates"]),
            units=tuple(raw.get("units") or ()),
        ))
    unmapped = tuple(Unmapped(u["text"], u["reason"]) for u in data.get("unmapped") or ())
    return Dictionary(version=str(data["version"]), indicators=tuple(items), unmapped=unmapped)


@lru_cache(maxsize=1)
def default_dictionary() -> Dictionary:
    """The dictionary shipped with the code, loaded on first use."""
    return load_dictionary()


@lru_cache(maxsize=65536)
def map_indicator(text: str, unit_normalized: str | None = None, kind: str | None = None) -> str | None:
    """Canonical id of the indicator `text` names, or None (see the module doc). Indicator words
    repeat across pages, so answers are kept (the shipped dictionary does not change in a run)."""
    return default_dictionary().map(text, unit_normalized, kind)
