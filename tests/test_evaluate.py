"""The evaluation: matching by normalized value and overlapping clauses, one gold record each."""
from __future__ import annotations

import json

from plangap.cli import main
from plangap.evaluate import score_file, score_records

TEXT = "全年新增就业9.1万人、再就业3.5万人,PM2.5浓度降至46微克/立方米。"


def test_a_prediction_matches_on_value_and_overlapping_clause():
    gold = [{"clause": "全年新增就业9.1万人", "value_normalized": 91000},
            {"clause": "再就业3.5万人", "value_normalized": 35000},
            {"clause": "PM2.5浓度降至46微克/立方米", "value_normalized": 46}]
    pred = [{"clause": "新增就业9.1万人", "value_normalized": 91000.0},   # shorter clause, same value: hit
            {"clause": "再就业3.5万人", "value_normalized": 3.5},           # wrong normalization: false
            {"clause": "PM2.5浓度降至46微克/立方米", "value_normalized": 2.5}]  # the name-number: false
    s = score_file(TEXT, gold, pred)
    assert (s.tp, s.fp, s.fn) == (1, 2, 2)
    assert (round(s.precision, 3), round(s.recall, 3)) == (0.333, 0.333)


def test_each_gold_record_matches_one_prediction_only():
    gold = [{"clause": "全年新增就业9.1万人", "value_normalized": 91000}]
    pred = [{"clause": "新增就业9.1万人", "value_normalized": 91000}, {"clause": "就业9.1万人", "value_normalized": 91000}]
    s = score_records(gold, pred)
    assert (s.tp, s.fp, s.fn) == (1, 1, 0)


def test_eval_command_scores_two_jsonl_files(tmp_path, capsys):
    gold, pred = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    gold.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"clause": "确保常宜高速建成通车", "value_normalized": None},
        {"clause": "新建学校44个", "value_normalized": 44}]), encoding="utf-8")
    pred.write_text(json.dumps({"clause": "常宜高速建成通车", "value_normalized": None}, ensure_ascii=False), encoding="utf-8")
    assert main(["eval", "targets", str(gold), str(pred)]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert "tp=  1 fp=  0 fn=  1  P=1.000 R=0.500" in last
