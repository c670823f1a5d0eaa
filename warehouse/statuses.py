"""The status vocabulary of the gap model: defined once, imported by the mart, the gate, the
report and the email (and checked against checks/suites/mart_gap.yaml by a test)."""
from __future__ import annotations

ACHIEVED, MISSED, ON_TRACK, BEHIND = "achieved", "missed", "on_track", "behind"
NO_DATA, NOT_MEASURABLE = "no_data", "not_measurable"

#: every status, in the order of the model
STATUSES = (ACHIEVED, MISSED, ON_TRACK, BEHIND, NO_DATA, NOT_MEASURABLE)
#: statuses that rest on a published figure (a matched target)
MATCHED = (ACHIEVED, MISSED, ON_TRACK, BEHIND)
#: the order readers see them in (good news first, then what needs attention, then the rest)
DISPLAY_ORDER = (ACHIEVED, ON_TRACK, BEHIND, MISSED, NO_DATA, NOT_MEASURABLE)
#: Chinese first, English second
LABEL_ZH = {ACHIEVED: "达成", ON_TRACK: "序时达标", BEHIND: "滞后", MISSED: "未达成",
            NO_DATA: "无数据", NOT_MEASURABLE: "不可量化"}
LABEL_EN = {ACHIEVED: "achieved", ON_TRACK: "on track", BEHIND: "behind", MISSED: "missed",
            NO_DATA: "no data", NOT_MEASURABLE: "not measurable"}
LABEL = {s: f"{LABEL_ZH[s]} {LABEL_EN[s]}" for s in STATUSES}
