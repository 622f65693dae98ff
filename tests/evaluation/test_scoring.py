"""Matching and metrics against values computed by hand (labels.md section 4)."""

from __future__ import annotations

import random

import pytest

from cjm_insights.evaluation import scoring
from cjm_insights.evaluation.scoring import Scored
from cjm_insights.types import ScoredQuote

TEXT = "x" * 200


def q(start, end, doc="d.txt", stage="usage", **kw) -> ScoredQuote:
    labels = {"touchpoint": "product", "emotion": "neutral", "valence": 0} | kw
    return ScoredQuote(
        doc_id=doc, start=start, end=end, quote=TEXT[start:end], stage=stage, **labels
    )


def pairs(gold, preds):
    return {(m.gold, m.pred) for m in scoring.match(gold, preds)}


def test_overlap_of_exactly_half_the_shorter_span_matches():
    assert pairs([q(0, 10)], [q(5, 15)]) == {(0, 0)}  # overlap 5 = 10 / 2
    assert pairs([q(0, 10)], [q(6, 16)]) == set()  # overlap 4 < 5


def test_half_is_of_the_shorter_span():
    # overlap 2 is half the 4-character gold, though a tiny part of the long prediction
    assert pairs([q(0, 4)], [q(2, 100)]) == {(0, 0)}
    assert pairs([q(0, 5)], [q(3, 100)]) == set()  # 2 < 2.5


def test_touching_spans_do_not_match():
    assert pairs([q(0, 1)], [q(1, 2)]) == set()


def test_two_predictions_on_one_gold_match_one_to_one_by_larger_overlap():
    gold = [q(0, 20)]
    preds = [q(0, 10), q(5, 20)]  # overlaps 10 and 15
    assert pairs(gold, preds) == {(0, 1)}
    m = scoring.metrics(gold, preds, scoring.match(gold, preds), lambda d: TEXT)
    assert m["evidence_recall"] == 1.0
    assert m["evidence_precision"] == 0.5
    assert m["evidence_f1"] == pytest.approx(2 / 3)
    assert m["counts"] == {"gold": 1, "predicted": 2, "matched": 1}


def test_greedy_takes_the_largest_overlap_first_and_frees_the_rest():
    gold = [q(0, 10), q(8, 30)]
    preds = [q(5, 20), q(0, 6)]  # p0 overlaps g0 by 5 and g1 by 12; p1 overlaps g0 by 6
    assert pairs(gold, preds) == {(1, 0), (0, 1)}


def test_ties_are_broken_by_position_not_input_order():
    gold = [q(0, 10), q(10, 20)]
    pred = [q(4, 16)]  # overlaps both by 6
    assert pairs(gold, pred) == {(0, 0)}
    assert pairs(list(reversed(gold)), pred) == {(1, 0)}  # still the earlier gold span


def test_matching_does_not_depend_on_input_order():
    rng = random.Random(0)
    gold = [q(s, s + rng.randint(5, 30), doc=f"d{s % 3}") for s in range(0, 150, 7)]
    preds = [q(s, s + rng.randint(5, 30), doc=f"d{s % 3}") for s in range(2, 150, 5)]
    want = {
        (gold[m.gold].doc_id, gold[m.gold].start, preds[m.pred].start)
        for m in scoring.match(gold, preds)
    }
    rng.shuffle(gold)
    rng.shuffle(preds)
    got = {
        (gold[m.gold].doc_id, gold[m.gold].start, preds[m.pred].start)
        for m in scoring.match(gold, preds)
    }
    assert got == want and want


def test_different_documents_never_match():
    assert pairs([q(0, 10, doc="a.txt")], [q(0, 10, doc="b.txt")]) == set()


def test_kappa_and_macro_f1_by_hand():
    # gold:  A A B B C      pred: A B B B C
    gold = [
        q(i * 10, i * 10 + 5, stage=s)
        for i, s in enumerate(["awareness", "awareness", "research", "research", "usage"])
    ]
    pred = [
        q(i * 10, i * 10 + 5, stage=s)
        for i, s in enumerate(["awareness", "research", "research", "research", "usage"])
    ]
    m = scoring.pair_metrics(gold, pred)
    assert m["stage_accuracy"] == pytest.approx(4 / 5)
    # per-class F1: awareness P1 R.5 -> 2/3; research P2/3 R1 -> 4/5; usage 1
    assert m["stage_macro_f1"] == pytest.approx((2 / 3 + 4 / 5 + 1) / 3)
    # po = .8; pe = (2*1 + 2*3 + 1*1) / 25 = 9/25; kappa = (.8 - .36) / (1 - .36)
    assert m["stage_kappa"] == pytest.approx((0.8 - 0.36) / 0.64)


def test_macro_f1_counts_stages_present_on_either_side_only():
    gold = [q(0, 5, stage="usage"), q(10, 15, stage="support")]
    pred = [q(0, 5, stage="usage"), q(10, 15, stage="renewal")]
    # usage 1, support 0 (missed), renewal 0 (wrong); the other seven stages are absent
    assert scoring.pair_metrics(gold, pred)["stage_macro_f1"] == pytest.approx(1 / 3)


def test_valence_and_pain_on_pairs():
    pain = {"pain_point": True, "pain": "slow", "severity": 2}
    gold = [q(0, 5, valence=-2, **pain), q(10, 15, valence=1), q(20, 25, valence=0, **pain)]
    pred = [q(0, 5, valence=-1, **pain), q(10, 15, valence=0, **pain), q(20, 25, valence=0)]
    m = scoring.pair_metrics(gold, pred)
    assert m["valence_sign_accuracy"] == pytest.approx(2 / 3)  # -2/-1 ok, 1/0 no, 0/0 ok
    assert m["valence_mae"] == pytest.approx((1 + 1 + 0) / 3)
    assert m["pain_precision"] == pytest.approx(1 / 2)  # TP 1, FP 1
    assert m["pain_recall"] == pytest.approx(1 / 2)  # FN 1
    assert m["pain_f1"] == pytest.approx(1 / 2)


def test_undefined_metrics_are_none_not_zero():
    m = scoring.metrics([q(0, 5)], [q(50, 60)], [], lambda d: TEXT)
    assert m["evidence_recall"] == 0.0 and m["evidence_precision"] == 0.0
    for key in ("stage_accuracy", "stage_kappa", "valence_mae", "pain_f1", "touchpoint_accuracy"):
        assert m[key] is None
    empty = scoring.metrics([], [], [], lambda d: TEXT)
    assert empty["evidence_recall"] is None and empty["grounding_rate"] is None
    # no pain anywhere among the pairs: pain metrics are undefined, not perfect or zero
    assert scoring.pair_metrics([q(0, 5)], [q(0, 5)])["pain_precision"] is None
    # one stage on both sides: kappa is 0/0
    assert scoring.pair_metrics([q(0, 5)], [q(0, 5)])["stage_kappa"] is None


def test_grounding_rate_below_one_for_a_fabricated_quote():
    text = "We  waited\nsix weeks for the review. Then it was fine."
    real = ScoredQuote(doc_id="d", start=0, end=36, quote="We waited six weeks for the review.", stage="usage",
                       touchpoint="product", emotion="neutral", valence=0)  # fmt: skip
    fake = real.model_copy(update={"quote": "We loved every minute of it."})
    m = scoring.metrics([], [real, fake], [], {"d": text}.get)
    assert m["grounding_rate"] == 0.5  # whitespace runs collapse, the fabricated one is not there
    assert m["offsets_exact_rate"] == 0.0  # neither equals text[0:36] exactly


def test_by_stage_recall_by_gold_stage_precision_by_predicted_stage():
    gold = [q(0, 5, stage="evaluation"), q(10, 15, stage="evaluation"), q(20, 25, stage="support")]
    preds = [q(0, 5, stage="evaluation"), q(10, 15, stage="decision"), q(40, 45, stage="decision")]
    s = Scored(gold, preds, scoring.match(gold, preds))
    rows = scoring.by_stage(s, ["evaluation", "decision", "support", "usage"], lambda d: TEXT)
    ev, de, su, us = rows["evaluation"], rows["decision"], rows["support"], rows["usage"]
    assert ev["evidence_recall"] == 1.0 and ev["stage_accuracy"] == 0.5
    assert ev["evidence_precision"] == 1.0  # its one prediction matched
    assert de["evidence_recall"] is None  # no gold decision quote
    assert de["evidence_precision"] == 0.5  # one of two decision predictions matched
    assert su["evidence_recall"] == 0.0 and su["stage_accuracy"] is None
    assert us["counts"] == {"gold": 0, "predicted": 0, "matched": 0}
    # one-vs-rest over the pairs (eval->eval, eval->decision): evaluation P1 R.5
    assert ev["stage_f1"] == pytest.approx(2 / 3)
    assert de["stage_f1"] == 0.0
    assert ev["stage_kappa"] is None and ev["stage_macro_f1"] is None


def test_by_source_type_slices_gold_and_predictions():
    gold = [q(0, 5, doc="i", source_type="interview"), q(0, 5, doc="t", source_type="ticket")]
    preds = [q(0, 5, doc="i", source_type="interview"), q(20, 25, doc="t", source_type="ticket")]
    s = Scored(gold, preds, scoring.match(gold, preds))
    rows = scoring.by_source_type(s, lambda d: TEXT)
    assert rows["interview"]["evidence_recall"] == 1.0
    assert rows["ticket"]["evidence_recall"] == 0.0
    assert rows["ticket"]["counts"] == {"gold": 1, "predicted": 1, "matched": 0}


def test_confusion_and_worst_misses():
    gold = [
        q(0, 5, stage="evaluation"),
        q(10, 15, stage="support", pain_point=True, pain="p", severity=3),
    ]
    preds = [q(0, 5, stage="decision")]
    s = Scored(gold, preds, scoring.match(gold, preds))
    c = scoring.confusion(s, ["evaluation", "decision", "support"])
    assert c["matrix"] == [[0, 1, 0], [0, 0, 0], [0, 0, 0]]
    w = scoring.worst_misses(s)
    assert [m["start"] for m in w["not_found"]] == [10]
    assert w["wrong_stage"][0]["gold_stage"] == "evaluation"
    assert w["wrong_stage"][0]["predicted_stage"] == "decision"
    assert w["wrong_stage"][0]["predicted_quote"] == TEXT[0:5]
