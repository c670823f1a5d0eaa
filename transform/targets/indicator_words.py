"""The indicator words of a target: the words before its number without the lead words
(力争, 其中, 1.…) and the predicate (增长, 达到), and the subjects they name
(城乡居民收入 -> 城镇…, 农村…)."""
from __future__ import annotations

from plangap.transform.targets.patterns import EACH_VERB_END, INTRO, LEAD, STRIP_PUNCT, TWO_SUBJECTS, URBAN_RURAL


def strip_indicator(words: str) -> str:
    """Indicator words without the punctuation around them; a closing bracket that closes one
    of the words' own brackets stays (`地区生产总值(GDP)`)."""
    t = words.lstrip(STRIP_PUNCT)
    while t and t[-1] in STRIP_PUNCT:
        if t[-1] in ")）" and t.count("(") + t.count("（") >= t.count(")") + t.count("）"):
            break
        t = t[:-1]
    return t


def clean_pre(pre: str) -> tuple[int, str]:
    """(offset where the clause starts, indicator words) of the text before a number."""
    cut = 0
    m = INTRO.match(pre)
    if m:
        cut = m.end()
    while True:
        rest = pre[cut:]
        stripped = rest.lstrip(STRIP_PUNCT)
        cut += len(rest) - len(stripped)
        lm = LEAD.match(stripped)
        if not lm or not lm.group(0):
            break
        cut += lm.end()
    return cut, pre[cut:]


def subjects(indicator: str, pre: str, group_idx: int) -> list[str]:
    """One indicator per subject: 城乡居民收入均增长 -> 城镇…, 农村…; 调查失业率和登记失业率 -> two;
    in a 分别 group the n-th number takes the n-th subject."""
    m = URBAN_RURAL.match(indicator)
    if m and group_idx >= 0:
        if group_idx <= 1:
            return [f"{m.group(1)}{'城镇' if group_idx == 0 else '农村'}{m.group(2)}"]
        return [indicator]
    if m and EACH_VERB_END.search(pre):
        return [f"{m.group(1)}城镇{m.group(2)}", f"{m.group(1)}农村{m.group(2)}"]
    t = TWO_SUBJECTS.match(indicator)
    if t and group_idx < 0 and t.group(1)[-1] == t.group(2)[-1]:
        return [t.group(1), t.group(2)]
    return [indicator]
