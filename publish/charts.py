"""Charts of the report, drawn offline: Vega-Lite specs rendered to SVG by vl-convert (no browser,
no network) and embedded in the page.

- status_chart: the status breakdown per region-year (stacked bars, statuses in display order);
- bullet_chart: target versus actual for every measured target, each on its own scale and in the
  target's own unit (a bar for the actual, a black tick for what it is held against, a grey tick
  for the full-year target when that differs);
- pace_chart: for part-year series of accumulating flows, the cumulative path month by month
  against the pro-rated target (序时进度).

A chart holds at most MAX_BULLETS targets, MAX_PACE series and MAX_GROUPS region-years: a report
over a province's cities for ten years has thousands of measured targets, which nobody reads as
bullets and which would cost minutes to draw (0.25 s a bullet, measured by plangap bench). The
most recent years come first, and in a year the statuses that need attention (missed, behind);
the chart's title says how many of how many it shows. The table below the charts lists them all.

The specs are plain dicts, the JSON that Altair's `chart.to_dict()` produced for the same charts
(tests/test_charts_specs.py holds that JSON for varied rows): building them through Altair cost
about 2.5 s a report, its constructors and to_dict validating every encoding against the
Vega-Lite schema and copying every subchart deeply, for a spec that is the same every time. An
SVG rendered once in a process is reused for the same spec (rendering is deterministic).

Labels are Chinese. vl-convert measures and writes text with the fonts it finds on the machine;
the project's set-up installs Noto Sans CJK (fonts-noto-cjk) so that they render as characters.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from typing import Any

from plangap.publish.format import num, target_text
from plangap.warehouse.statuses import DISPLAY_ORDER, LABEL_ZH

FONT = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
COLORS = {"achieved": "#1b7f3b", "on_track": "#2a7fbf", "behind": "#d9822b", "missed": "#c0392b",
          "no_data": "#b8b8b8", "not_measurable": "#d8d8d8"}
WIDTH = 300
MAX_BULLETS = 40
MAX_PACE = 12
MAX_GROUPS = 40
#: statuses that need attention first in a capped chart
_ATTENTION = ("missed", "behind", "on_track", "achieved", "not_measurable", "no_data")
_CONFIG = {"font": FONT, "view": {"stroke": None}, "axis": {"labelFontSize": 11, "titleFontSize": 11},
           "title": {"fontSize": 13, "subtitleFontSize": 11, "anchor": "start"},
           "legend": {"labelFontSize": 11, "titleFontSize": 11}}
#: what Altair put at the top of every spec (its default view size, and the schema it targets)
SCHEMA = "https://vega.github.io/schema/vega-lite/v6.4.1.json"
_TOP_CONFIG = {"view": {"continuousWidth": 300, "continuousHeight": 300}}
#: rendered SVGs kept per process, by the SHA-256 of the spec's JSON (a report draws three charts)
_SVG_CACHE_SIZE = 16
_svg_cache: OrderedDict[str, str] = OrderedDict()
Spec = dict[str, Any]


class ChartError(Exception):
    """A chart could not be rendered (names the chart and the reason)."""


def to_svg(spec: Spec, name: str) -> str:
    """Render a Vega-Lite spec (a top-level dict) to an SVG document string (offline); the same
    spec rendered earlier in this process is not rendered again."""
    text = json.dumps(spec, ensure_ascii=False)
    digest = hashlib.sha256(f"{name}\0{text}".encode()).hexdigest()
    svg = _svg_cache.get(digest)
    if svg is None:
        svg = _render(spec, name)
        _svg_cache[digest] = svg
        while len(_svg_cache) > _SVG_CACHE_SIZE:
            _svg_cache.popitem(last=False)
    else:
        _svg_cache.move_to_end(digest)
    return svg


def _render(spec: Spec, name: str) -> str:
    import vl_convert as vlc

    try:
        svg = vlc.vegalite_to_svg(spec, config=_CONFIG)
    except Exception as exc:  # vl-convert raises plain ValueError / RuntimeError
        raise ChartError(f"chart {name}: {exc}") from None
    svg = re.sub(r"^<\?xml[^>]*>\s*", "", svg)
    svg = svg.replace('class="marks"', 'class="marks chart-svg"', 1)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{name}" ', 1)


def _top_level(spec: Spec) -> Spec:
    """A chart's spec as Altair's to_dict wrote it: its config first, the schema last."""
    return {"config": {"view": dict(_TOP_CONFIG["view"])}, **spec, "$schema": SCHEMA}


def _vconcat(subcharts: list[Spec], spacing: int, title: str) -> Spec:
    """Subcharts one above the other. Like Altair, the data of a single subchart moves to the top."""
    if len(subcharts) == 1 and "data" in subcharts[0]:
        only = dict(subcharts[0])
        data = only.pop("data")
        return _top_level({"vconcat": [only], "data": data, "spacing": spacing,
                           "title": {"text": title, "fontSize": 14}})
    return _top_level({"vconcat": subcharts, "spacing": spacing, "title": {"text": title, "fontSize": 14}})


def _field(name: str, kind: str, **props: Any) -> Spec:
    """An encoding channel on a field; its properties in Altair's (alphabetical) order."""
    return dict(sorted({"field": name, "type": kind, **props}.items()))


def _status_scale() -> Spec:
    return {"domain": [LABEL_ZH[s] for s in DISPLAY_ORDER], "range": [COLORS[s] for s in DISPLAY_ORDER]}


def _count_ticks(groups: list[dict[str, Any]]) -> list[int]:
    top = max((sum(g["counts"].values()) for g in groups), default=1)
    step = max(1, -(-top // 6))
    return list(range(0, top + step, step))


def _recent_first(rows: list[Mapping[str, Any]], limit: int) -> list[Mapping[str, Any]]:
    """At most `limit` rows: the latest years first, in a year the statuses that need attention;
    kept in their given order."""
    if len(rows) <= limit:
        return rows
    rank = {id(r): (-(r.get("year") or 0), _ATTENTION.index(r["status"]) if r.get("status") in _ATTENTION else 9, i)
            for i, r in enumerate(rows)}
    keep = {id(r) for r in sorted(rows, key=lambda r: rank[id(r)])[:limit]}
    return [r for r in rows if id(r) in keep]


def _shown(title: str, shown: int, total: int) -> str:
    return title if shown == total else f"{title}（显示 {shown} / {total} 项：最近年度优先）"


def status_chart(groups: list[dict[str, Any]]) -> str:
    """Stacked bars: per region-year, how many targets have each status."""
    return to_svg(status_spec(groups), "各地区、年度目标状态")


def status_spec(groups: list[dict[str, Any]]) -> Spec:
    """The Vega-Lite spec of status_chart."""
    total = len(groups)
    groups = sorted(sorted(groups, key=lambda g: -(g.get("year") or 0))[:MAX_GROUPS],
                    key=lambda g: (g.get("region") or "", g.get("year") or 0)) if total > MAX_GROUPS else groups
    data = [{"组": f"{g['region']} {g['year'] or ''}".strip(), "状态": LABEL_ZH[s], "目标数": n,
             "顺序": DISPLAY_ORDER.index(s)}
            for g in groups for s, n in g["counts"].items() if n]
    encoding = {
        "color": _field("状态", "nominal", scale=_status_scale(),
                        legend={"columns": 3, "orient": "bottom", "title": None}),
        "order": _field("顺序", "quantitative"),
        "tooltip": [_field("组", "nominal"), _field("状态", "nominal"), _field("目标数", "quantitative")],
        "x": _field("目标数", "quantitative", title="目标数", stack="zero",
                    axis={"format": "d", "values": _count_ticks(groups)}),
        "y": _field("组", "nominal", title=None, sort=None),
    }
    spec = {"data": {"values": data}, "mark": {"type": "bar"}, "encoding": encoding,
            "height": max(40, 28 * len(groups)), "title": _shown("各地区、年度目标状态", len(groups), total),
            "width": WIDTH}
    return _top_level(spec)


def _bullet(row: Mapping[str, Any]) -> Spec:
    actual, expected = row["actual_in_target_unit"], row["expected_value"]
    target = row["target_value"]
    values = [v for v in (actual, expected, target, row.get("target_value_max")) if v is not None]
    lo, hi = min(0.0, *values), max(0.0, *values)
    pad = (hi - lo) * 0.08 or 1.0
    scale = {"domain": [lo - (pad if lo < 0 else 0), hi + pad], "nice": False}
    unit = row.get("target_unit") or ""
    bar = {"mark": {"type": "bar", "color": COLORS[row["status"]], "height": 14},
           "encoding": {"x": _field("实际", "quantitative", scale=scale, title=unit or None), "x2": {"datum": 0}}}
    tick = {"mark": {"type": "tick", "color": "#111", "size": 26, "thickness": 2},
            "encoding": {"x": _field("对照值", "quantitative")}}
    layers = [bar, tick]
    if target is not None and expected is not None and abs(target - expected) > 1e-9:
        layers.append({"mark": {"type": "tick", "color": "#888", "size": 26, "thickness": 2},
                       "encoding": {"x": _field("目标", "quantitative")}})
    if row.get("target_value_max") is not None:
        layers.append({"mark": {"type": "rule", "color": "#888", "strokeDash": [3, 2]},
                       "encoding": {"x": _field("目标", "quantitative"), "x2": {"field": "上限"}}})
    data = [{"实际": actual, "对照值": expected, "目标": target, "上限": row.get("target_value_max")}]
    title = {"text": f"{row['region']}{row['year'] or ''} {row['indicator']}",
             "subtitle": f"目标 {target_text(row)} · 实际 {num(actual)}{unit} · {LABEL_ZH[row['status']]}"}
    return {"layer": layers, "data": {"values": data}, "height": 26, "title": title, "width": WIDTH}


def bullet_chart(rows: Sequence[Mapping[str, Any]]) -> str | None:
    """Target versus actual for each measured target (None when no target has a figure)."""
    spec = bullet_spec(rows)
    return to_svg(spec, "目标与实际") if spec is not None else None


def bullet_spec(rows: Sequence[Mapping[str, Any]]) -> Spec | None:
    """The Vega-Lite spec of bullet_chart (None when no target has a figure)."""
    measured = [r for r in rows if r.get("actual_in_target_unit") is not None and r.get("expected_value") is not None]
    if not measured:
        return None
    shown = _recent_first(measured, MAX_BULLETS)
    title = _shown("目标与实际（黑线：对照值；灰线：全年目标）", len(shown), len(measured))
    return _vconcat([_bullet(r) for r in shown], 18, title)


def _pace(row: Mapping[str, Any], series: list[dict[str, Any]]) -> Spec:
    factor = (row["target_value_normalized"] / row["target_value"]) if row.get("target_value") else 1.0
    unit = row.get("target_unit") or ""
    path = [{"月": s["month"], "值": s["value_normalized"] / factor, "线": "累计实际"} for s in series]
    plan = [{"月": m, "值": row["target_value"] * m / 12, "线": "序时目标"} for m in (0, 12)]
    encoding = {
        "color": _field("线", "nominal", legend={"orient": "bottom", "title": None},
                        scale={"domain": ["累计实际", "序时目标"], "range": [COLORS[row["status"]], "#555"]}),
        "strokeDash": _field("线", "nominal", legend=None,
                             scale={"domain": ["累计实际", "序时目标"], "range": [[1, 0], [5, 3]]}),
        "x": _field("月", "quantitative", axis={"title": "月", "values": list(range(0, 13, 3))},
                    scale={"domain": [0, 12]}),
        "y": _field("值", "quantitative", title=unit or None),
    }
    title = {"text": f"{row['region']}{row['year'] or ''} {row['indicator']}", "subtitle": f"全年目标 {target_text(row)}"}
    return {"data": {"values": path + plan}, "mark": {"type": "line", "point": True}, "encoding": encoding,
            "height": 140, "title": title, "width": WIDTH}


def pace_chart(rows: Sequence[Mapping[str, Any]], series: list[dict[str, Any]]) -> str | None:
    """Cumulative path against the pro-rated target, for part-year rows with a monthly series."""
    spec = pace_spec(rows, series)
    return to_svg(spec, "年内累计与序时目标") if spec is not None else None


def pace_spec(rows: Sequence[Mapping[str, Any]], series: list[dict[str, Any]]) -> Spec | None:
    """The Vega-Lite spec of pace_chart (None when no row has a monthly series to draw)."""
    by_key: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for s in series:
        if s.get("scope") is None:
            by_key.setdefault((s["region"], s["indicator_id"], s["year"]), []).append(s)
    paced: list[Mapping[str, Any]] = []
    for r in rows:
        pro_rated = (r.get("basis") == "part_year" and r.get("expected_value") is not None
                     and r.get("target_value") and abs(r["expected_value"] - r["target_value"]) > 1e-9)
        if pro_rated and by_key.get((r["region"], r.get("indicator_id"), r["year"])):
            paced.append(r)
    if not paced:
        return None
    shown = _recent_first(paced, MAX_PACE)
    charts = [_pace(r, by_key[(r["region"], r.get("indicator_id"), r["year"])]) for r in shown]
    title = _shown("年内累计与序时目标", len(shown), len(paced))
    return _vconcat(charts, 24, title)
