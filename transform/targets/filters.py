"""Numbers of a plan that are not targets, whatever the context (docs/labelling.md, "Non-targets"):
thresholds, counts of the plan's own items, incentives, meeting statistics, project attributes,
scopes and beneficiaries."""
from __future__ import annotations

from plangap.transform.targets.mentions import Mention
from plangap.transform.targets.patterns import (
    AGE_GROUP_AFTER,
    ATTENDANCE,
    BENEFICIARY,
    CAPACITY_UNITS,
    CAPACITY_VERB_END,
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
    LISTED_NAMES_BEFORE,
    MOTION_UNITS,
    MOTIONS,
    ONGOING,
    ONGOING_END,
    ONGOING_SEG_END,
    PERSON_UNITS,
    PROJECT_ATTRIBUTE,
    SCOPE_VERB,
    STRIP_PUNCT,
    THRESHOLD_AFTER,
    THRESHOLD_QUALIFIER,
    VERB_ITEM,
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


def not_a_target(pre: str, pre_raw: str, chunk: str, rest: str, unit: str | None, verb: str,
                 seg: str = "") -> bool:
    """A number before its noun that names a scope or a beneficiary rather than a goal."""
    if ONGOING.search(pre) and ONGOING_END.search(chunk.rstrip(STRIP_PUNCT)):
        return True  # 推进40个园区建设: a scope of ongoing work
    if ONGOING.match(pre.strip() or verb) and ONGOING_SEG_END.search(seg.rstrip(STRIP_PUNCT)):
        return True  # 推动7个国家物流枢纽、4个…基地提质升级: the things the work is done to
    if sums_up_names(pre, pre_raw, verb):
        return True  # 加快建设A、B、C、D4个抽水蓄能电站: the count of the names listed
    if base_unit(unit) in CAPACITY_UNITS and not CAPACITY_VERB_END.search(pre.rstrip(STRIP_PUNCT)):
        return True  # 推动某化工60万吨钾肥…改造: the capacity names the plant
    if BENEFICIARY.search(pre_raw) and not PERSON_UNITS.match(unit or ""):
        return True  # 为20个站点配备设备 (but 为500名学生提供服务 counts people served)
    return not pre.strip() and not verb and not COMMITMENT.search(rest)  # 确保8个村群众生活改善 (no verb of its own)


def sums_up_names(pre: str, pre_raw: str, verb: str) -> bool:
    """A count that sums up the names listed right before it (稻米、油料…和林下经济7个千亿级产业,
    卡阳、松如沟等14个…工程), after a verb of work on them; a list of verbs (新建、改造5000个) is no
    list of names."""
    words = pre_raw.rstrip()
    if not LISTED_NAMES_BEFORE.search(words) or VERB_ITEM.search(words):
        return False
    return bool(SCOPE_VERB.match(pre.strip() or verb))
