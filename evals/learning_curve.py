"""Dev-set metrics of the local extractor trained on 10/25/50/100% of the training data.

Subsets are whole files (seeded), so a smaller share means fewer documents and
fewer writing styles, as more data would add. Each point trains heads with the
same procedure as `cjm train` and scores them with the harness on the dev set
(reporting only; nothing is chosen from these numbers).

Usage: .venv/bin/python evals/learning_curve.py [--out evals/results/local-learning-curve-DATE.json]
       .venv/bin/python evals/learning_curve.py --holdout 0.25
  --holdout F: no dev set; a seeded share F of the training files is held out and
  scored (evidence P/R by the labels.md rule, label accuracies on gold sentences).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

KEYS = (
    "evidence_recall",
    "evidence_precision",
    "stage_accuracy",
    "stage_macro_f1",
    "touchpoint_accuracy",
    "valence_sign_accuracy",
    "valence_mae",
    "pain_f1",
    "grounding_rate",
)


def subset(ts, fraction: float, seed: int):
    """The TrainingSet restricted to a seeded share of its files."""
    from cjm_insights.heads import TrainingSet

    files = sorted(set(ts.groups))
    rng = np.random.default_rng(seed)
    keep = set(rng.permutation(files)[: max(2, round(fraction * len(files)))])
    idx = [i for i, g in enumerate(ts.groups) if g in keep]
    docs = {ts.units[i].doc_id for i in idx}
    return TrainingSet(
        [ts.units[i] for i in idx],
        ts.X[idx],
        [ts.targets[i] for i in idx],
        {d: s for d, s in ts.gold_spans.items() if d in docs},
        [ts.groups[i] for i in idx],
    )


def holdout_point(ts, test, seed: int, emotion_valence: dict[str, int]) -> dict:
    """Train on ts, score on the held-out TrainingSet `test`."""
    from cjm_insights import heads
    from cjm_insights.spans import merge_runs

    h = heads.train(ts, seed=seed, log=lambda *a: None)
    preds = h.predict(test.units, test.X, emotion_valence, {})
    runs = merge_runs(preds, max_units=h.max_merge)
    prf = heads.span_prf(
        [(r[0].unit.doc_id, r[0].unit.start, r[-1].unit.end) for r in runs], test.gold_spans
    )
    # label accuracy given the gold sentences (every held-out salient unit, threshold ignored)
    gold_idx = [i for i, t in enumerate(test.targets) if t is not None]
    h.threshold = 0.0
    allp = h.predict([test.units[i] for i in gold_idx], test.X[gold_idx], emotion_valence, {})
    acc = {}
    for name in ("stage", "touchpoint", "emotion", "actor", "pain_point"):
        acc[f"{name}_accuracy"] = float(
            np.mean(
                [
                    p.labels[name] == test.targets[i][name]
                    for p, i in zip(allp, gold_idx, strict=True)
                ]
            )
        )
    acc["valence_sign_accuracy"] = float(
        np.mean(
            [
                np.sign(p.labels["valence"]) == np.sign(test.targets[i]["valence"])
                for p, i in zip(allp, gold_idx, strict=True)
            ]
        )
    )
    return {
        "evidence_precision": prf["precision"],
        "evidence_recall": prf["recall"],
        "evidence_f1": prf["f1"],
        **acc,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", nargs="*", default=["training/part1", "training/part2"])
    ap.add_argument("--dev", default="evals/b2b-dev")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default=None)
    ap.add_argument("--holdout", type=float, default=None)
    args = ap.parse_args()
    if args.holdout:
        return main_holdout(args)

    from cjm_insights import heads
    from cjm_insights.config import Config
    from cjm_insights.embed import make_embedder
    from cjm_insights.evaluation import evaluate
    from cjm_insights.ingest import ingest
    from cjm_insights.workspace import Workspace

    ws = ROOT / ".cjm"
    emb = make_embedder(workspace=Workspace(ws))
    dirs = [ROOT / p for p in args.train if (ROOT / p / "labels.jsonl").is_file()]
    pairs = [(heads.read_labels(d / "labels.jsonl"), ingest(d / "corpus").documents) for d in dirs]
    full = heads.training_set(pairs, emb, log=lambda *a: None)
    points = []
    for fraction in (0.1, 0.25, 0.5, 1.0):
        ts = full if fraction == 1.0 else subset(full, fraction, args.seed)
        h = heads.train(ts, seed=args.seed, log=lambda *a: None)
        with tempfile.TemporaryDirectory() as tmp:
            heads.save(h, tmp, {"embedder": emb.model_id})
            report = evaluate(
                ROOT / args.dev,
                Config(extractor="local", local_model=tmp, workspace=str(ws)),
                out=Path(tmp) / "eval",
            )
        overall = report["overall"] if isinstance(report, dict) else report.overall
        points.append(_point(fraction, ts, {k: overall.get(k) for k in KEYS}))
    _write(args.out, "local-learning-curve", {"train": args.train, "dev": args.dev,
           "seed": args.seed, "points": points})  # fmt: skip


def main_holdout(args) -> None:
    from cjm_insights import heads, taxonomy
    from cjm_insights.embed import make_embedder
    from cjm_insights.ingest import ingest
    from cjm_insights.workspace import Workspace

    emb = make_embedder(workspace=Workspace(ROOT / ".cjm"))
    dirs = [ROOT / p for p in args.train if (ROOT / p / "labels.jsonl").is_file()]
    pairs = [(heads.read_labels(d / "labels.jsonl"), ingest(d / "corpus").documents) for d in dirs]
    full = heads.training_set(pairs, emb, log=lambda *a: None)
    files = sorted(set(full.groups))
    rng = np.random.default_rng(args.seed + 1)
    test_files = set(rng.permutation(files)[: round(args.holdout * len(files))])
    pick = lambda keep: _restrict(full, lambda g: g in keep)  # noqa: E731
    test = pick(test_files)
    rest = pick(set(files) - test_files)
    ev = {e.id: e.valence for e in taxonomy.load().emotions if e.valence is not None}
    points = []
    for fraction in (0.1, 0.25, 0.5, 1.0):
        ts = rest if fraction == 1.0 else subset(rest, fraction, args.seed)
        scores = {k: round(v, 4) for k, v in holdout_point(ts, test, args.seed, ev).items()}
        points.append(_point(fraction, ts, scores))
    _write(args.out, "local-learning-curve-holdout", {"train": args.train,
           "holdout_files": sorted(test_files), "test_units": len(test.units),
           "seed": args.seed, "points": points})  # fmt: skip


def _point(fraction: float, ts, scores: dict) -> dict:
    """One point of a curve: how much training data, and what it scored (printed as it comes)."""
    point = {
        "fraction": fraction,
        "files": len(set(ts.groups)),
        "units": len(ts.units),
        "salient": int(sum(t is not None for t in ts.targets)),
        **scores,
    }
    print(json.dumps(point), flush=True)
    return point


def _write(out: str | None, stem: str, result: dict) -> None:
    path = Path(out or ROOT / "evals" / "results" / f"{stem}-{datetime.date.today()}.json")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=1))
    print(f"wrote {path}")


def _restrict(ts, keep):
    from cjm_insights.heads import TrainingSet

    idx = [i for i, g in enumerate(ts.groups) if keep(g)]
    docs = {ts.units[i].doc_id for i in idx}
    return TrainingSet(
        [ts.units[i] for i in idx],
        ts.X[idx],
        [ts.targets[i] for i in idx],
        {d: s for d, s in ts.gold_spans.items() if d in docs},
        [ts.groups[i] for i in idx],
    )


if __name__ == "__main__":
    main()
