"""Sub-rows of a statistics table (indented, `#`, `其中`): each names a part of its parent row."""
from __future__ import annotations

import re

_SUB_ROW = re.compile(r"^(?:\s+|[#＃]|其中\s*[:：]?)")


def is_sub_row(cell: str) -> bool:
    """Whether a row's label cell marks it as a part of the row above (indented, `#`, `其中`)."""
    return bool(_SUB_ROW.match(cell))


def sub_label(label: str, parent: str | None) -> str:
    """An indented / `#` sub-row names a part of its parent row (城镇居民 under 全体居民人均可支配
    收入 -> 城镇居民人均可支配收入; 第一产业 under 地区生产总值 -> 第一产业增加值)."""
    if not parent or label == parent:
        return label
    if re.search(r"生产总值$", parent) and re.fullmatch(r"第[一二三]产业|[\u4e00-\u9fff]{1,8}业", label):
        return label + "增加值"
    for k in range(len(label), 1, -1):  # the longest tail of the label (2+ chars) inside the parent
        tail = label[-k:]
        j = parent.rfind(tail)
        if j > 0 or (j == 0 and k < len(label)):
            rest = parent[j + k:]
            return label + rest if rest and not re.search(r"[、,]", rest) else label
    return label
