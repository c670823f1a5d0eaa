"""Precision and recall of the extractors against hand-made gold labels.

A prediction matches a gold record when their normalized values are equal (both null for
commitments) and their clauses overlap in the text; each gold record matches at most one
prediction. Gold labels over the corpus are kept as character offsets into the corpus files
(`start`, `end`), so the repository holds no corpus sentences; labels written by hand with the
clause text (`clause`, `occurrence`) are accepted too and anchored the same way.

A gold folder may hold a `scope.json` saying what its labels cover. `{"numbers_only": true}`
means the labellers labelled numeric targets only (the whole reports: what an analyst compares
with a statistic); commitments without a number (开工建设X, 建成X) are then neither confirmed nor
refuted by the labels, so they are left out of the score and counted on a line of their own.

    python -m plangap.evaluate targets CORPUS_DIR GOLD_DIR [--verbose]
    python -m plangap.evaluate facts CORPUS_DIR GOLD_DIR [--verbose]
    python -m plangap.evaluate anchor CORPUS_DIR LABELS_DIR OUT_DIR
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plangap.transform.document import load_document


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)
    # matched pairs whose gold states a field (year, target_kind): how many, how many agree
    fields: dict[str, list[int]] = field(default_factory=dict)
    wrong: list[str] = field(default_factory=list)
    unscored: int = 0  # predictions outside the labels' scope (scope.json), not counted

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        for k, (n, ok) in other.fields.items():
            agg = self.fields.setdefault(k, [0, 0])
            agg[0] += n
            agg[1] += ok

    def agreement(self, name: str) -> float | None:
        """Share of matched pairs whose field `name` equals gold's (None when gold has none)."""
        n, ok = self.fields.get(name, (0, 0))
        return ok / n if n else None

    def compare(self, pred: dict, gold: dict) -> None:
        """Count agreement of the fields gold states on one matched pair."""
        for name in AGREEMENT_FIELDS:
            if name not in gold:
                continue
            agg = self.fields.setdefault(name, [0, 0])
            agg[0] += 1
            if pred.get(name) == gold[name]:
                agg[1] += 1
            else:
                self.wrong.append(f"{name} {pred.get(name)!r} != {gold[name]!r}: {pred.get('clause')!r}")


#: fields compared on matched pairs when gold states them
AGREEMENT_FIELDS = ("year", "target_kind", "period")


def values_equal(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        a, b = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def nth_occurrence(text: str, needle: str, n: int) -> int:
    pos = -1
    for _ in range(max(n, 1)):
        pos = text.find(needle, pos + 1)
        if pos < 0:
            return -1
    return pos


def all_occurrences(text: str, needle: str) -> list[int]:
    out, pos = [], text.find(needle)
    while needle and pos >= 0:
        out.append(pos)
        pos = text.find(needle, pos + 1)
    return out


def gold_span(text: str, rec: dict[str, Any]) -> tuple[int, int] | None:
    if "start" in rec and "end" in rec:
        return int(rec["start"]), int(rec["end"])
    clause = rec.get("clause") or ""
    pos = nth_occurrence(text, clause, int(rec.get("occurrence") or 1))
    return (pos, pos + len(clause)) if pos >= 0 else None


def score_file(text: str, gold: list[dict], pred: list[dict]) -> Score:
    """Match predictions to gold records inside one source text."""
    score = Score()
    gold_spans = [(g, gold_span(text, g)) for g in gold]
    used: set[int] = set()
    pred_spans = [(p, [(s, s + len(p["clause"])) for s in all_occurrences(text, p.get("clause") or "")]) for p in pred]
    for p, spans in pred_spans:
        hit = None
        for i, (g, gs) in enumerate(gold_spans):
            if i in used or gs is None or not values_equal(p.get("value_normalized"), g.get("value_normalized")):
                continue
            if any(s < gs[1] and gs[0] < e for s, e in spans):
                hit = i
                break
        if hit is None:
            score.fp += 1
            score.false.append(f"{p.get('clause')!r} -> {p.get('value_normalized')}")
        else:
            used.add(hit)
            score.tp += 1
            score.compare(p, gold_spans[hit][0])
    for i, (g, gs) in enumerate(gold_spans):
        if i not in used:
            score.fn += 1
            shown = text[gs[0]:gs[1]] if gs else g.get("clause")
            score.misses.append(f"{shown!r} -> {g.get('value_normalized')}")
    return score


def clauses_overlap(a: str, b: str) -> bool:
    """Without the source text: one clause holds the other, or they share at least half of the
    shorter one as a common run of characters."""
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    short, long_ = sorted((a, b), key=len)
    need = max(2, len(short) // 2)
    return any(short[i:i + need] in long_ for i in range(len(short) - need + 1))


def score_records(gold: list[dict], pred: list[dict]) -> Score:
    """Match predictions to gold records when no source text is at hand (clause text overlap)."""
    score = Score()
    used: set[int] = set()
    for p in pred:
        hit = next((i for i, g in enumerate(gold) if i not in used
                    and values_equal(p.get("value_normalized"), g.get("value_normalized"))
                    and clauses_overlap(p.get("clause") or "", g.get("clause") or "")), None)
        if hit is None:
            score.fp += 1
            score.false.append(f"{p.get('clause')!r} -> {p.get('value_normalized')}")
        else:
            used.add(hit)
            score.tp += 1
    for i, g in enumerate(gold):
        if i not in used:
            score.fn += 1
            score.misses.append(f"{g.get('clause')!r} -> {g.get('value_normalized')}")
    return score


def _read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if not r.get("header")]


def extractor(kind: str) -> Callable[[bytes, str], list[dict]]:
    if kind == "targets":
        from plangap.transform.targets import extract_targets

        return lambda content, name: [t.to_json() for t in extract_targets(load_document(content, name))]
    if kind == "facts":
        from plangap.transform.facts import extract_facts
        from plangap.transform.facts.review import is_plan_document, review_facts

        def facts(content: bytes, name: str) -> list[dict]:
            doc = load_document(content, name)  # a work report: the actuals of its review parts
            return [f.to_json() for f in (review_facts(doc) if is_plan_document(doc) else extract_facts(doc))]

        return facts
    raise ValueError(f"unknown kind {kind!r}: targets or facts")


def read_scope(gold_dir: Path) -> dict[str, Any]:
    """What the labels of `gold_dir` cover (its scope.json), empty when it has none."""
    path = gold_dir / "scope.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def evaluate_corpus(kind: str, corpus_dir: Path, gold_dir: Path) -> tuple[Score, dict[str, Score]]:
    run = extractor(kind)
    total, per_file = Score(), {}
    numbers_only = bool(read_scope(gold_dir).get("numbers_only"))
    for path in sorted(corpus_dir.glob("*.txt")):
        gold_path = gold_dir / f"{path.stem}.jsonl"
        if not gold_path.exists():
            continue
        content = path.read_bytes()
        text = content.decode("utf-8")
        try:
            pred = run(content, str(path))
        except Exception as err:  # an extractor failure counts as predicting nothing
            pred = []
            per_file_err = f"{type(err).__name__}: {err}"
        else:
            per_file_err = ""
        unscored = [p for p in pred if numbers_only and p.get("kind") == "commitment"]
        if unscored:
            pred = [p for p in pred if p.get("kind") != "commitment"]
        s = score_file(text, _read_jsonl(gold_path), pred)
        if per_file_err:
            s.false.insert(0, f"ERROR {per_file_err}")
        s.unscored = len(unscored)
        per_file[path.stem] = s
        total.add(s)
    return total, per_file


def anchor(corpus_dir: Path, labels_dir: Path, out_dir: Path) -> int:
    """Turn clause-text labels into offset labels (no corpus text) under `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    n = 0
    for label_path in sorted(labels_dir.glob("*.jsonl")):
        src = corpus_dir / f"{label_path.stem}.txt"
        text = src.read_bytes().decode("utf-8")
        rows = []
        for rec in _read_jsonl(label_path):
            span = gold_span(text, rec)
            if span is None:
                raise ValueError(f"{label_path}: clause not found in {src.name}: {rec.get('clause')!r}")
            row = {k: v for k, v in rec.items() if k not in ("clause", "occurrence", "indicator")}
            row.update(start=span[0], end=span[1])
            rows.append(row)
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        with (out_dir / label_path.name).open("w", encoding="utf-8") as fh:
            fh.write(json.dumps({"file": src.name, "sha256": sha, "header": True}, ensure_ascii=False) + "\n")
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += len(rows)
    return n


def _agreements(s: Score) -> str:
    parts = [f"{name}={s.agreement(name):.3f}" for name in AGREEMENT_FIELDS if s.agreement(name) is not None]
    return ("  " + " ".join(parts)) if parts else ""


def _format(total: Score, per_file: dict[str, Score], verbose: bool) -> Iterable[str]:
    for name, s in per_file.items():
        yield f"{name:40s} tp={s.tp:3d} fp={s.fp:3d} fn={s.fn:3d}  P={s.precision:.3f} R={s.recall:.3f}{_agreements(s)}"
        if verbose:
            for m in s.misses:
                yield f"    MISS  {m}"
            for f in s.false:
                yield f"    FALSE {f}"
            for w in s.wrong:
                yield f"    FIELD {w}"
    unscored = sum(s.unscored for s in per_file.values())
    if unscored:
        yield f"{'(not scored: commitments, see scope.json)':40s} {unscored}"
    yield (f"{'TOTAL':40s} tp={total.tp:3d} fp={total.fp:3d} fn={total.fn:3d}  P={total.precision:.3f} "
           f"R={total.recall:.3f}{_agreements(total)}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m plangap.evaluate", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("kind", choices=["targets", "facts", "anchor"])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("gold", type=Path)
    ap.add_argument("out", type=Path, nargs="?")
    ap.add_argument("--verbose", "-v", action="store_true")
    args = ap.parse_args(argv)
    if args.kind == "anchor":
        if args.out is None:
            ap.error("anchor needs OUT_DIR")
        print(f"anchored {anchor(args.corpus, args.gold, args.out)} labels into {args.out}")
        return 0
    total, per_file = evaluate_corpus(args.kind, args.corpus, args.gold)
    for line in _format(total, per_file, args.verbose):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
