"""Check the hand labels of eval/holdout/reports against their texts.

Standalone (uses no plangap code). Run: python3 eval/holdout/reports/verify_labels.py
"""
import json
import re
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
T_FIELDS = ["clause", "occurrence", "indicator", "value", "value_max", "unit", "value_normalized",
            "unit_normalized", "comparator", "modifier", "kind", "year", "target_kind", "part"]
F_FIELDS = ["clause", "occurrence", "indicator", "value", "unit", "value_normalized",
            "unit_normalized", "measure", "period", "part"]
COMPARATORS = {">=", "<=", "=", ">", "range"}
KINDS = {"rate", "ratio", "amount", "count", "level", "commitment"}
TARGET_KINDS = {"annual", "five_year_avg", "cumulative", "level_by_year"}
T_PARTS = {"targets_this_year", "work_plan", "five_year_goals", "execution_table"}
MEASURES = {"level", "growth_pct", "share_pct", "change_pp", "ratio", "per_mille"}
F_PARTS = {"review_year", "review_five_year", "execution_table"}
PERIOD = re.compile(r"^\d{4}$|^\d{4}/\d{4}$|^\d{4}-12-31$|^\d{4}-\d{2}/\d{4}-\d{2}$|^\d{4}-\d{2}(-\d{2})?$")
MULTS = [("万亿", 12), ("萬億", 12), ("千亿", 11), ("千億", 11), ("千万", 7), ("千萬", 7),
         ("亿", 8), ("億", 8), ("万", 4), ("萬", 4)]
CN_DIGITS = "〇零一二两三四五六七八九十百千點点"


def is_num(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def expected_norm(value, unit, measure=None):
    v, u = Decimal(str(value)), unit
    if u:
        for p, e in MULTS:
            if u.startswith(p) and len(u) > len(p):
                v, u = v * (Decimal(10) ** e), u[len(p):]
                break
    if measure == "growth_pct" and unit == "倍":
        v, u = v * 100, "%"
    return v, u


def nth_find(text, s, n):
    pos = -1
    for _ in range(n):
        pos = text.find(s, pos + 1)
        if pos < 0:
            return -1
    return pos


def value_in_clause(value, clause):
    flat = clause.replace("\n", "")
    if not re.search(r"\d", flat) or "百分之" in flat:
        return any(c in flat for c in CN_DIGITS)
    digits = re.findall(r"\d+(?:\.\d+)?", flat)
    return any(Decimal(d) == Decimal(str(value)) for d in digits)


def check(kind, text, rows, errs, stem):
    fields = T_FIELDS if kind == "targets" else F_FIELDS
    seen = Counter()
    for i, r in enumerate(rows, 1):
        where = f"{stem} {kind} line {i}"
        if list(r.keys()) != fields:
            errs.append(f"{where}: fields {list(r.keys())}")
            continue
        if not isinstance(r["occurrence"], int) or r["occurrence"] < 1:
            errs.append(f"{where}: bad occurrence")
        elif nth_find(text, r["clause"], r["occurrence"]) < 0:
            errs.append(f"{where}: clause not found at occurrence {r['occurrence']}: {r['clause']!r}")
        if not is_num(r["value"]) or not is_num(r["value_normalized"]):
            errs.append(f"{where}: value not numeric")
            continue
        if not value_in_clause(r["value"], r["clause"]):
            errs.append(f"{where}: value {r['value']} not visible in clause {r['clause']!r}")
        m = r.get("measure")
        ev, eu = expected_norm(r["value"], r["unit"], m)
        if abs(Decimal(str(r["value_normalized"]))) != ev or r["unit_normalized"] != eu:
            errs.append(f"{where}: normalization {r['value_normalized']} {r['unit_normalized']} != {ev} {eu}")
        if kind == "targets":
            if r["comparator"] not in COMPARATORS: errs.append(f"{where}: comparator")
            if r["kind"] not in KINDS: errs.append(f"{where}: kind")
            if r["target_kind"] not in TARGET_KINDS: errs.append(f"{where}: target_kind")
            if r["part"] not in T_PARTS: errs.append(f"{where}: part")
            if not isinstance(r["year"], int): errs.append(f"{where}: year")
            if (r["comparator"] == "range") != (r["value_max"] is not None): errs.append(f"{where}: range/value_max")
            if r["value_max"] is not None and not is_num(r["value_max"]): errs.append(f"{where}: value_max")
        else:
            if m not in MEASURES: errs.append(f"{where}: measure")
            if r["part"] not in F_PARTS: errs.append(f"{where}: part")
            if not (isinstance(r["period"], str) and PERIOD.match(r["period"])): errs.append(f"{where}: period")
        key = (r["clause"], r["occurrence"], r["value"], r["indicator"])
        seen[key] += 1
        if seen[key] > 1:
            errs.append(f"{where}: duplicate record")


def main():
    errs, summary = [], []
    for tp in sorted((HERE / "texts").glob("*.txt")):
        stem = tp.stem
        text = tp.read_text(encoding="utf-8")
        lines = text.split("\n")
        if not lines[0].startswith("source: https://www.example.gov.cn/") or not lines[1].startswith("note: "):
            errs.append(f"{stem}: header lines")
        if not 3000 <= len(text) <= 8000:
            errs.append(f"{stem}: length {len(text)}")
        counts = {}
        for kind in ("targets", "facts"):
            lp = HERE / f"{kind}_labels" / f"{stem}.jsonl"
            if not lp.exists():
                errs.append(f"{stem}: missing {lp.name}")
                continue
            rows = [json.loads(l) for l in lp.read_text(encoding="utf-8").splitlines() if l.strip()]
            check(kind, text, rows, errs, stem)
            counts[kind] = (len(rows), Counter(r["part"] for r in rows))
        summary.append((stem, len(text), counts))
    for stem, n, counts in summary:
        t, f = counts.get("targets", (0, {})), counts.get("facts", (0, {}))
        print(f"{stem}: {n} chars; targets {t[0]} {dict(t[1])}; facts {f[0]} {dict(f[1])}")
    print(f"total targets {sum(c['targets'][0] for _, _, c in summary)}, "
          f"facts {sum(c['facts'][0] for _, _, c in summary)}")
    if errs:
        print("\n".join(errs))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
