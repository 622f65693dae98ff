"""Span matching and the metrics of labels.md section 4.

Matching: a predicted and a gold quote in the same document match when their
character spans overlap by at least half of the shorter span; one-to-one, greedy
by overlap size (ties: earlier gold, then earlier prediction, in (doc, start, end)
order, so the result never depends on input order).

Label metrics are computed on matched pairs only. A metric with nothing to measure
(no matched pairs, no predicted pains...) is None, never 0: "no evidence" must not
read as "always wrong".
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.metrics import (
    cohen_kappa_score,
    confusion_matrix,
    f1_score,
    precision_score,
    recall_score,
)

from cjm_insights.types import ScoredQuote

METRICS = (
    "evidence_recall",
    "evidence_precision",
    "evidence_f1",
    "grounding_rate",
    "offsets_exact_rate",
    "stage_accuracy",
    "stage_macro_f1",
    "stage_kappa",
    "touchpoint_accuracy",
    "valence_sign_accuracy",
    "valence_mae",
    "pain_precision",
    "pain_recall",
    "pain_f1",
)


@dataclass(frozen=True)
class Match:
    gold: int  # index into the gold list
    pred: int  # index into the predictions list
    overlap: int


def _key(q: ScoredQuote) -> tuple[str, int, int]:
    return (q.doc_id, q.start, q.end)


def overlap(a: ScoredQuote, b: ScoredQuote) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def qualifies(a: ScoredQuote, b: ScoredQuote) -> bool:
    """Same document and overlap >= half the shorter span (exactly half counts)."""
    if a.doc_id != b.doc_id:
        return False
    ov = overlap(a, b)
    return ov > 0 and 2 * ov >= min(a.end - a.start, b.end - b.start)


def match(gold: Sequence[ScoredQuote], preds: Sequence[ScoredQuote]) -> list[Match]:
    """One-to-one greedy matching by overlap size, deterministic."""
    g_rank = {i: r for r, i in enumerate(sorted(range(len(gold)), key=lambda i: _key(gold[i])))}
    p_rank = {j: r for r, j in enumerate(sorted(range(len(preds)), key=lambda j: _key(preds[j])))}
    preds_by_doc: dict[str, list[int]] = {}
    for j, p in enumerate(preds):
        preds_by_doc.setdefault(p.doc_id, []).append(j)
    candidates = [
        Match(i, j, overlap(g, preds[j]))
        for i, g in enumerate(gold)
        for j in preds_by_doc.get(g.doc_id, ())
        if qualifies(g, preds[j])
    ]
    candidates.sort(key=lambda m: (-m.overlap, g_rank[m.gold], p_rank[m.pred]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for m in candidates:
        if m.gold not in used_g and m.pred not in used_p:
            used_g.add(m.gold)
            used_p.add(m.pred)
            out.append(m)
    return sorted(out, key=lambda m: g_rank[m.gold])


# --------------------------------------------------------------------- helpers


def _ratio(num: float, den: float) -> float | None:
    return None if den == 0 else num / den


def _harmonic(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        return None
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def _clean(x: float) -> float | None:
    x = float(x)
    return None if math.isnan(x) else x


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def grounded(q: ScoredQuote, text: str | None) -> bool:
    """The quote is verbatim in its document, whitespace runs collapsed."""
    return text is not None and bool(collapse(q.quote)) and collapse(q.quote) in collapse(text)


def offsets_exact(q: ScoredQuote, text: str | None) -> bool:
    return text is not None and text[q.start : q.end] == q.quote


# --------------------------------------------------------------------- metrics

TextOf = Callable[[str], str | None]  # doc id -> its text, None when unknown


def _grounding(preds: Sequence[ScoredQuote], text_of: TextOf) -> dict[str, float | None]:
    return {
        "grounding_rate": _ratio(sum(grounded(p, text_of(p.doc_id)) for p in preds), len(preds)),
        "offsets_exact_rate": _ratio(
            sum(offsets_exact(p, text_of(p.doc_id)) for p in preds), len(preds)
        ),
    }


def pair_metrics(
    gold: Sequence[ScoredQuote], pred: Sequence[ScoredQuote]
) -> dict[str, float | None]:
    """Label agreement on matched pairs: gold[i] is paired with pred[i]."""
    keys = (
        "stage_accuracy", "stage_macro_f1", "stage_kappa", "touchpoint_accuracy",
        "valence_sign_accuracy", "valence_mae", "pain_precision", "pain_recall", "pain_f1",
    )  # fmt: skip
    if not gold:
        return dict.fromkeys(keys)
    gs = [g.stage for g in gold]
    ps = [p.stage for p in pred]
    # Macro-F1 over the stages present among the pairs (gold or predicted): a stage
    # that neither side used says nothing about this extractor and would add a 0.
    present = sorted(set(gs) | set(ps))
    g_pain = np.array([g.pain_point for g in gold])
    p_pain = np.array([p.pain_point for p in pred])
    g_val = np.array([g.valence for g in gold])
    p_val = np.array([p.valence for p in pred])
    return {
        "stage_accuracy": float(np.mean([a == b for a, b in zip(gs, ps, strict=True)])),
        "stage_macro_f1": float(f1_score(gs, ps, labels=present, average="macro", zero_division=0)),
        # kappa is undefined when both sides use one and the same stage (0/0): None
        "stage_kappa": _kappa(gs, ps),
        "touchpoint_accuracy": float(
            np.mean([g.touchpoint == p.touchpoint for g, p in zip(gold, pred, strict=True)])
        ),
        "valence_sign_accuracy": float(np.mean(np.sign(g_val) == np.sign(p_val))),
        "valence_mae": float(np.mean(np.abs(g_val - p_val))),
        # pain is the positive class; precision with no predicted pain, recall with no
        # gold pain, F1 with neither are undefined: None
        "pain_precision": _clean(precision_score(g_pain, p_pain, zero_division=np.nan)),
        "pain_recall": _clean(recall_score(g_pain, p_pain, zero_division=np.nan)),
        "pain_f1": _clean(f1_score(g_pain, p_pain, zero_division=np.nan)),
    }


def _kappa(gs: list[str], ps: list[str]) -> float | None:
    if len(set(gs) | set(ps)) < 2:
        return None
    with np.errstate(divide="ignore", invalid="ignore"):
        return _clean(cohen_kappa_score(gs, ps))


def metrics(
    gold: Sequence[ScoredQuote],
    preds: Sequence[ScoredQuote],
    matches: Sequence[Match],
    text_of: TextOf,
) -> dict[str, Any]:
    """Every metric of one slice (all, one stage, one source type) plus its counts."""
    recall = _ratio(len(matches), len(gold))
    precision = _ratio(len(matches), len(preds))
    out: dict[str, Any] = {
        "evidence_recall": recall,
        "evidence_precision": precision,
        "evidence_f1": _harmonic(precision, recall),
        **_grounding(preds, text_of),
    }
    out |= pair_metrics([gold[m.gold] for m in matches], [preds[m.pred] for m in matches])
    out["counts"] = {"gold": len(gold), "predicted": len(preds), "matched": len(matches)}
    return out


@dataclass
class Scored:
    gold: list[ScoredQuote]
    preds: list[ScoredQuote]
    matches: list[Match]


def subset(
    s: Scored, keep_gold: Callable[[ScoredQuote], bool], keep_pred: Callable[[ScoredQuote], bool]
) -> tuple[list, list, list]:
    """Gold, predictions and matches of a slice; a match counts when its gold side is kept."""
    g_idx = [i for i, g in enumerate(s.gold) if keep_gold(g)]
    p_idx = [j for j, p in enumerate(s.preds) if keep_pred(p)]
    g_new = {i: k for k, i in enumerate(g_idx)}
    p_new = {j: k for k, j in enumerate(p_idx)}
    ms = [
        Match(g_new[m.gold], p_new[m.pred], m.overlap)
        for m in s.matches
        if m.gold in g_new and m.pred in p_new
    ]
    return [s.gold[i] for i in g_idx], [s.preds[j] for j in p_idx], ms


def by_stage(s: Scored, stages: Sequence[str], text_of: TextOf) -> dict[str, dict[str, Any]]:
    """Per stage. Recall and the pair metrics go by GOLD stage; precision and grounding
    by PREDICTED stage (a prediction labelled S that matches any gold counts for S).
    Within one gold stage macro-F1 and kappa are degenerate, so they are None; the
    stage's own one-vs-rest F1 over all matched pairs is `stage_f1` instead."""
    pairs_g = [s.gold[m.gold].stage for m in s.matches]
    pairs_p = [s.preds[m.pred].stage for m in s.matches]
    matched_preds = {m.pred for m in s.matches}
    out = {}
    for stage in stages:
        n_gold = sum(g.stage == stage for g in s.gold)
        pred_idx = [j for j, p in enumerate(s.preds) if p.stage == stage]
        pairs = [m for m in s.matches if s.gold[m.gold].stage == stage]
        recall = _ratio(len(pairs), n_gold)
        precision = _ratio(sum(j in matched_preds for j in pred_idx), len(pred_idx))
        row: dict[str, Any] = {
            "evidence_recall": recall,
            "evidence_precision": precision,
            "evidence_f1": _harmonic(precision, recall),
            **_grounding([s.preds[j] for j in pred_idx], text_of),
            **pair_metrics([s.gold[m.gold] for m in pairs], [s.preds[m.pred] for m in pairs]),
        }
        row["stage_macro_f1"] = row["stage_kappa"] = None
        used = stage in pairs_g or stage in pairs_p
        row["stage_f1"] = (
            float(f1_score(pairs_g, pairs_p, labels=[stage], average="macro", zero_division=0))
            if used
            else None
        )
        row["counts"] = {"gold": n_gold, "predicted": len(pred_idx), "matched": len(pairs)}
        out[stage] = row
    return out


def by_source_type(s: Scored, text_of: TextOf) -> dict[str, dict[str, Any]]:
    """Per source type of the quote's document: every metric on that slice."""
    types = sorted({q.source_type or "unknown" for q in (*s.gold, *s.preds)})
    out = {}
    for t in types:
        g, p, ms = subset(
            s,
            lambda q, t=t: (q.source_type or "unknown") == t,
            lambda q, t=t: (q.source_type or "unknown") == t,
        )
        out[t] = metrics(g, p, ms, text_of)
    return out


def confusion(s: Scored, stages: Sequence[str]) -> dict[str, Any]:
    """Stage confusion matrix over matched pairs: rows gold, columns predicted."""
    labels = list(stages) + sorted({s.preds[m.pred].stage for m in s.matches} - set(stages))
    gs = [s.gold[m.gold].stage for m in s.matches]
    ps = [s.preds[m.pred].stage for m in s.matches]
    matrix = (
        confusion_matrix(gs, ps, labels=labels).tolist()
        if s.matches
        else [[0] * len(labels) for _ in labels]
    )
    return {"labels": labels, "rows": "gold", "columns": "predicted", "matrix": matrix}


def worst_misses(s: Scored, limit: int = 50) -> dict[str, list[dict[str, Any]]]:
    """Gold quotes nobody found (pains and severe ones first) and matched predictions
    with the wrong stage, each with its text, so a developer can see why."""
    found = {m.gold for m in s.matches}
    missed = sorted(
        (g for i, g in enumerate(s.gold) if i not in found),
        key=lambda g: (-(g.severity or 0), -int(g.pain_point), g.doc_id, g.start),
    )
    wrong = [m for m in s.matches if s.gold[m.gold].stage != s.preds[m.pred].stage]
    return {
        "not_found": [
            {"doc": g.doc_id, "start": g.start, "end": g.end, "line": g.line, "stage": g.stage,
             "pain": g.pain, "severity": g.severity, "quote": g.quote}
            for g in missed[:limit]
        ],
        "wrong_stage": [
            {"doc": s.gold[m.gold].doc_id, "gold_stage": s.gold[m.gold].stage,
             "predicted_stage": s.preds[m.pred].stage, "gold_quote": s.gold[m.gold].quote,
             "predicted_quote": s.preds[m.pred].quote, "gold_line": s.gold[m.gold].line,
             "reason": s.preds[m.pred].reason}
            for m in wrong[:limit]
        ],
    }  # fmt: skip
