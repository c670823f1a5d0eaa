"""Charts of the report, drawn offline: Altair specs rendered to SVG by vl-convert (no browser,
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

Labels are Chinese. vl-convert measures and writes text with the fonts it finds on the machine;
the project's set-up installs Noto Sans CJK (fonts-noto-cjk) so that they render as characters.
"""
from __future__ import annotations

import re
from typing import Any

import altair as alt

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


class ChartError(Exception):
    """A chart could not be rendered (names the chart and the reason)."""


def to_svg(chart: alt.TopLevelMixin, name: str) -> str:
    """Render an Altair chart to an SVG document string (offline)."""
    import vl_convert as vlc

    try:
        svg = vlc.vegalite_to_svg(chart.to_dict(), config=_CONFIG)
    except Exception as exc:  # vl-convert raises plain ValueError / RuntimeError
        raise ChartError(f"chart {name}: {exc}") from None
    svg = re.sub(r"^<\?xml[^>]*>\s*", "", svg)
    svg = svg.replace('class="marks"', 'class="marks chart-svg"', 1)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{name}" ', 1)


def _status_scale() -> alt.Scale:
    return alt.Scale(domain=[LABEL_ZH[s] for s in DISPLAY_ORDER], range=[COLORS[s] for s in DISPLAY_ORDER])


def _count_ticks(groups: list[dict[str, Any]]) -> list[int]:
    top = max((sum(g["counts"].values()) for g in groups), default=1)
    step = max(1, -(-top // 6))
    return list(range(0, top + step, step))


def _recent_first(rows: list[dict[str, Any]], limit: int) -> list[dict[str, Any]]:
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
    total = len(groups)
    groups = sorted(sorted(groups, key=lambda g: -(g.get("year") or 0))[:MAX_GROUPS],
                    key=lambda g: (g.get("region") or "", g.get("year") or 0)) if total > MAX_GROUPS else groups
    data = [{"组": f"{g['region']} {g['year'] or ''}".strip(), "状态": LABEL_ZH[s], "目标数": n,
             "顺序": DISPLAY_ORDER.index(s)}
            for g in groups for s, n in g["counts"].items() if n]
    chart = alt.Chart(alt.Data(values=data)).mark_bar().encode(
        y=alt.Y("组:N", title=None, sort=None),
        x=alt.X("目标数:Q", title="目标数", stack="zero", axis=alt.Axis(format="d", values=_count_ticks(groups))),
        color=alt.Color("状态:N", scale=_status_scale(), legend=alt.Legend(orient="bottom", title=None, columns=3)),
        order=alt.Order("顺序:Q"),
        tooltip=["组:N", "状态:N", "目标数:Q"],
    ).properties(width=WIDTH, height=max(40, 28 * len(groups)), title=_shown("各地区、年度目标状态", len(groups), total))
    return to_svg(chart, "各地区、年度目标状态")


def _bullet(row: dict[str, Any]) -> alt.LayerChart | alt.FacetChart:
    actual, expected = row["actual_in_target_unit"], row["expected_value"]
    target = row["target_value"]
    values = [v for v in (actual, expected, target, row.get("target_value_max")) if v is not None]
    lo, hi = min(0.0, *values), max(0.0, *values)
    pad = (hi - lo) * 0.08 or 1.0
    scale = alt.Scale(domain=[lo - (pad if lo < 0 else 0), hi + pad], nice=False)
    unit = row.get("target_unit") or ""
    base = alt.Chart(alt.Data(values=[{"实际": actual, "对照值": expected, "目标": target,
                                      "上限": row.get("target_value_max")}]))
    bar = base.mark_bar(height=14, color=COLORS[row["status"]]).encode(
        x=alt.X("实际:Q", scale=scale, title=unit or None), x2=alt.datum(0))
    tick = base.mark_tick(color="#111", thickness=2, size=26).encode(x="对照值:Q")
    layers: list[Any] = [bar, tick]
    if target is not None and expected is not None and abs(target - expected) > 1e-9:
        layers.append(base.mark_tick(color="#888", thickness=2, size=26).encode(x="目标:Q"))
    if row.get("target_value_max") is not None:
        layers.append(base.mark_rule(color="#888", strokeDash=[3, 2]).encode(x="目标:Q", x2="上限:Q"))
    title = alt.TitleParams(f"{row['region']}{row['year'] or ''} {row['indicator']}",
                            subtitle=f"目标 {target_text(row)} · 实际 {num(actual)}{unit} · {LABEL_ZH[row['status']]}")
    return alt.layer(*layers).properties(width=WIDTH, height=26, title=title)


def bullet_chart(rows: list[dict[str, Any]]) -> str | None:
    """Target versus actual for each measured target (None when no target has a figure)."""
    measured = [r for r in rows if r.get("actual_in_target_unit") is not None and r.get("expected_value") is not None]
    if not measured:
        return None
    shown = _recent_first(measured, MAX_BULLETS)
    title = _shown("目标与实际（黑线：对照值；灰线：全年目标）", len(shown), len(measured))
    chart = alt.vconcat(*[_bullet(r) for r in shown], spacing=18).properties(
        title=alt.TitleParams(title, fontSize=14))
    return to_svg(chart, "目标与实际")


def _pace(row: dict[str, Any], series: list[dict[str, Any]]) -> alt.LayerChart | alt.FacetChart:
    factor = (row["target_value_normalized"] / row["target_value"]) if row.get("target_value") else 1.0
    unit = row.get("target_unit") or ""
    path = [{"月": s["month"], "值": s["value_normalized"] / factor, "线": "累计实际"} for s in series]
    plan = [{"月": m, "值": row["target_value"] * m / 12, "线": "序时目标"} for m in (0, 12)]
    scale = alt.Scale(domain=["累计实际", "序时目标"], range=[COLORS[row["status"]], "#555"])
    x = alt.X("月:Q", scale=alt.Scale(domain=[0, 12]), axis=alt.Axis(values=list(range(0, 13, 3)), title="月"))
    y = alt.Y("值:Q", title=unit or None)
    lines = alt.Chart(alt.Data(values=path + plan)).mark_line(point=True).encode(
        x=x, y=y, color=alt.Color("线:N", scale=scale, legend=alt.Legend(orient="bottom", title=None)),
        strokeDash=alt.StrokeDash("线:N", scale=alt.Scale(domain=["累计实际", "序时目标"], range=[[1, 0], [5, 3]]),
                                  legend=None))
    title = alt.TitleParams(f"{row['region']}{row['year'] or ''} {row['indicator']}", subtitle=f"全年目标 {target_text(row)}")
    return lines.properties(width=WIDTH, height=140, title=title)


def pace_chart(rows: list[dict[str, Any]], series: list[dict[str, Any]]) -> str | None:
    """Cumulative path against the pro-rated target, for part-year rows with a monthly series."""
    by_key: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for s in series:
        if s.get("scope") is None:
            by_key.setdefault((s["region"], s["indicator_id"], s["year"]), []).append(s)
    paced = []
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
    chart = alt.vconcat(*charts, spacing=24).properties(title=alt.TitleParams(title, fontSize=14))
    return to_svg(chart, "年内累计与序时目标")
