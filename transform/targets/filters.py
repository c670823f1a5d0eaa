"""Numbers of a plan that are not targets, whatever the context (docs/labelling.md, "Non-targets"):
thresholds, counts of the plan's own items, incentives, meeting statistics, project attributes,
scopes and beneficiaries."""
from __future__ import annotations

from plangap.transform.targets.mentions import Mention
from plangap.transform.targets.patterns import (
    AGE_GROUP_AFTER,
    ATTENDANCE,
    BENEFICIARY,
    COMMITMENT,
    CONDITION_LEAD,
    COUNTED_NOUN_BEFORE,
    DEFINES,
    GRANT_AFTER,
    GRANT_BEFORE,
    GRANT_LEAD,
    INCENTIVE,
    INCENTIVE_AFTER,
    INDICATOR_COUNT_AFTER,
    ITEM_COUNT_AFTER,
    ITEM_COUNT_BEFORE,
    ITEM_COUNT_UNITS,
    MOTION_UNITS,
    MOTIONS,
    ONGOING,
    ONGOING_END,
    PERSON_UNITS,
    PROJECT_ATTRIBUTE,
    STRIP_PUNCT,
    THRESHOLD_AFTER,
    THRESHOLD_QUALIFIER,
)
from plangap.transform.units import MONEY_UNITS, base_unit


def not_a_goal(pre_raw: str, after: str, m: Mention) -> bool:
    """A number that is not a goal whatever the context: a definition's threshold (2000万元及以上的),
    a count of the plan's own indicators (约束性指标6项), an incentive paid per case (给予500万元奖励),
    the attendance of a meeting (实到代表348名)."""
    if THRESHOLD_AFTER.match(after) or ATTENDANCE.search(pre_raw):
        return True
    if PROJECT_ATTRIBUTE.match(pre_raw.strip(STRIP_PUNCT)):
        return True  # 项目位于…，规划办学规模36个班，总投资2.3亿元: what the project is
    if m.unit in ITEM_COUNT_UNITS and ITEM_COUNT_BEFORE.search(pre_raw) and ITEM_COUNT_AFTER.match(after):
        return True  # 一、稳增长扩内需（共4项）: a heading counts its items
    if m.unit == "岁" and AGE_GROUP_AFTER.match(after):
        return True  # 为65岁以上老年人体检: an age threshold of a group of people
    if m.mod in ("以上", "以下") and THRESHOLD_QUALIFIER.match(after):
        return True  # 年经营收入10万元以下的村: a threshold of the noun after 的
    if m.unit in MOTION_UNITS and MOTIONS.search(pre_raw.rstrip(STRIP_PUNCT)):
        return True  # 代表们共提出建议、批评和意见126件: meeting statistics
    if after.startswith("的") and DEFINES.search(pre_raw):
        return True
    if m.unit in ("项", "个") and (INDICATOR_COUNT_AFTER.match(after) or pre_raw.rstrip(STRIP_PUNCT).endswith("指标")):
        return True
    if GRANT_AFTER.search(after):  # 按投资额的10%给予补贴
        return True
    if after.startswith("的") and CONDITION_LEAD.match(pre_raw):  # 对…投资10亿元以上的项目
        return True
    if base_unit(m.unit) in MONEY_UNITS and GRANT_LEAD.search(pre_raw):
        return True
    return base_unit(m.unit) in MONEY_UNITS and bool(
        INCENTIVE.search(pre_raw.strip(STRIP_PUNCT))
        or (INCENTIVE_AFTER.match(after) and GRANT_BEFORE.search(pre_raw)))


def after_its_noun(pre: str, post_own: str, unit: str | None) -> bool:
    """A count written after its noun (项目38个) and followed by a predicate (加快建设), not by the
    noun's own work (推进重点项目20个建设 names a scope, like 推进40个园区建设)."""
    return unit in ("个", "项") and bool(COUNTED_NOUN_BEFORE.search(pre.rstrip(STRIP_PUNCT))) \
        and not ONGOING_END.fullmatch(post_own.strip(STRIP_PUNCT))


def not_a_target(pre: str, pre_raw: str, chunk: str, rest: str, unit: str | None, verb: str) -> bool:
    """A number before its noun that names a scope or a beneficiary rather than a goal."""
    if ONGOING.search(pre) and ONGOING_END.search(chunk.rstrip(STRIP_PUNCT)):
        return True  # 推进40个园区建设: a scope of ongoing work
    if BENEFICIARY.search(pre_raw) and not PERSON_UNITS.match(unit or ""):
        return True  # 为20个站点配备设备 (but 为500名学生提供服务 counts people served)
    return not pre.strip() and not verb and not COMMITMENT.search(rest)  # 确保8个村群众生活改善 (no verb of its own)
