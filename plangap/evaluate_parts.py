"""How well the document model (transform/parts.py) puts labelled records in the right part.

    python -m plangap.evaluate_parts CORPUS_DIR GOLD_DIR [--verbose]

GOLD_DIR holds `targets/<stem>.jsonl` and/or `facts/<stem>.jsonl` (or the .jsonl files
directly): records with `start`/`end` offsets into CORPUS_DIR/<stem>.txt (the raw file, with its
header lines) and `part` (the role of the part they stand in); target records also carry `year`.
Each report is loaded as the pipeline loads it, split into parts, and every record's offset is
mapped into Document.text and looked up. Printed per file and in total: records in a part of the
right role, and targets whose year equals the part's horizon.
"""
from __future__ import annotations

import argparse
import bisect
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from plangap.transform.document import load_document
from plangap.transform.parts import part_at, split_parts


@dataclass
class PartScore:
    records: int = 0
    right_role: int = 0
    targets: int = 0
    right_year: int = 0
    unmapped: int = 0
    confusion: Counter = field(default_factory=Counter)
    wrong: list[str] = field(default_factory=list)

    def add(self, other: PartScore) -> None:
        self.records += other.records
        self.right_role += other.right_role
        self.targets += other.targets
        self.right_year += other.right_year
        self.unmapped += other.unmapped
        self.confusion.update(other.confusion)

    @property
    def role_share(self) -> float:
        return self.right_role / self.records if self.records else 1.0

    @property
    def year_share(self) -> float:
        return self.right_year / self.targets if self.targets else 1.0


class OffsetMap:
    """Offsets of a raw text file -> offsets of Document.text (header and chrome lines dropped,
    line ends stripped): each raw line is found in order in the body."""

    def __init__(self, raw: str, body: str) -> None:
        self.anchors: list[tuple[int, int, int]] = []  # (raw start, body start, length)
        cursor, pos = 0, 0
        for line in raw.split("\n"):
            t = line.rstrip()
            if t.strip():
                j = body.find(t, cursor)
                if j >= 0:
                    self.anchors.append((pos, j, len(t)))
                    cursor = j + len(t)
            pos += len(line) + 1
        self._starts = [a[0] for a in self.anchors]

    def __call__(self, offset: int) -> int | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0:
            return None
        rs, bs, n = self.anchors[i]
        return bs + (offset - rs) if offset - rs < n else None


def _gold_files(gold_dir: Path, stem: str) -> list[Path]:
    found = [gold_dir / sub / f"{stem}.jsonl" for sub in ("targets", "facts")]
    found.append(gold_dir / f"{stem}.jsonl")
    return [p for p in found if p.exists()]


def _records(path: Path) -> list[dict]:
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    return [r for r in rows if not r.get("header") and "part" in r and "start" in r]


def score_report(path: Path, gold: list[dict], plan_year: int | None = None) -> PartScore:
    content = path.read_bytes()
    raw = content.decode("utf-8").replace("\r\n", "\n")
    doc = load_document(content, str(path))
    parts = split_parts(doc, plan_year=plan_year, kind="plan")
    to_body = OffsetMap(raw, doc.text)
    score = PartScore()
    for rec in gold:
        score.records += 1
        offset = to_body(int(rec["start"]))
        part = part_at(parts, offset) if offset is not None else None
        if part is None:
            score.unmapped += 1
            continue
        is_target = "target_kind" in rec or "year" in rec
        score.confusion[(rec["part"], part.role)] += 1
        ok = part.role == rec["part"]
        score.right_role += ok
        year_ok = True
        if is_target:
            score.targets += 1
            year_ok = rec.get("year") == part.horizon
            score.right_year += year_ok
        if not ok or not year_ok:
            clause = raw[int(rec["start"]):int(rec["end"])]
            score.wrong.append(f"{rec['part']}->{part.role} year {rec.get('year')}/{part.horizon} "
                               f"@{offset} [{part.heading}] {clause[:40]!r}")
    return score


def evaluate(corpus_dir: Path, gold_dir: Path) -> tuple[PartScore, dict[str, PartScore]]:
    total, per_file = PartScore(), {}
    for path in sorted(corpus_dir.glob("*.txt")):
        files = _gold_files(gold_dir, path.stem)
        if not files:
            continue
        gold = [r for f in files for r in _records(f)]
        s = score_report(path, gold)
        per_file[path.stem] = s
        total.add(s)
    return total, per_file


def _line(name: str, s: PartScore) -> str:
    return (f"{name:24s} records={s.records:4d} right_role={s.right_role:4d} ({s.role_share:.3f})"
            f"  targets={s.targets:3d} right_year={s.right_year:3d} ({s.year_share:.3f})"
            + (f"  unmapped={s.unmapped}" if s.unmapped else ""))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m plangap.evaluate_parts", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("gold", type=Path)
    ap.add_argument("--verbose", "-v", action="store_true")
    args = ap.parse_args(argv)
    total, per_file = evaluate(args.corpus, args.gold)
    for name, s in per_file.items():
        print(_line(name, s))
        if args.verbose:
            for w in s.wrong:
                print(f"    WRONG {w}")
    print(_line("TOTAL", total))
    off = {k: v for k, v in total.confusion.items() if k[0] != k[1]}
    if off:
        print("misplaced (gold -> part): " + ", ".join(f"{a}->{b}: {n}" for (a, b), n in sorted(off.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
