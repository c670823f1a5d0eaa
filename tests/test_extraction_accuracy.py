"""Extraction accuracy on the held-out sets (eval/holdout/*): a change that costs precision or
recall anywhere fails here. Thresholds sit just under what each set scores today."""
from __future__ import annotations

from pathlib import Path

import pytest

from plangap.evaluate import evaluate_corpus

HOLDOUT = Path(__file__).resolve().parent.parent / "eval" / "holdout"
FLOOR = 0.97


@pytest.mark.parametrize("kind, folder", [("targets", "plans"), ("facts", "stats")])
@pytest.mark.parametrize("name", ["a", "b", "c", "d", "e", "f", "g"])
def test_precision_and_recall_hold_on_every_held_out_set(kind, folder, name):
    total, per_file = evaluate_corpus(kind, HOLDOUT / name / folder, HOLDOUT / name / f"{folder}_labels")
    assert per_file, f"no labelled texts in {HOLDOUT / name / folder}"
    errors = [line for s in per_file.values() for line in s.false if line.startswith("ERROR")]
    assert not errors, errors
    assert total.precision >= FLOOR and total.recall >= FLOOR, (
        f"{kind} on set {name}: P={total.precision:.3f} R={total.recall:.3f} "
        f"misses {[m for s in per_file.values() for m in s.misses][:5]} "
        f"false {[f for s in per_file.values() for f in s.false][:5]}")
