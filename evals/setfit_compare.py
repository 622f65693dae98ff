"""SetFit vs logistic regression on frozen MiniLM, for the local extractor's label heads.

Issue 9 asks to compare SetFit (contrastive fine-tuning of the sentence-transformer
body) with scikit-learn heads on frozen embeddings, and keep the better. Both are
trained on the same subsample of training/ salient sentences (SetFit on 2 CPU cores
cannot take thousands in a sensible time) and scored on the dev set's gold-labelled
sentences (model selection only; nothing is tuned on them):

  frozen-LR   LogisticRegression on the frozen sentence embedding
  setfit      SetFit (1 epoch of contrastive pairs, then its logistic head)
  shipped     the shipped heads' full features (sentence + context + scalars), all training data

Usage: .venv/bin/python evals/setfit_compare.py [--n 600] [--budget-s 900]
Prints one JSON line per variant and head (stage, valence sign) with accuracy and time.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def salient_sentences(set_dirs: list[Path]):
    """(texts, stages, valence signs, file groups) of every sentence a gold quote covers."""
    from cjm_insights.features import candidate_units, unit_targets
    from cjm_insights.heads import labelled_docs, read_labels
    from cjm_insights.ingest import ingest

    texts, stages, signs, groups = [], [], [], []
    for d in set_dirs:
        gold = read_labels(d / "labels.jsonl")
        for doc in labelled_docs(ingest(d / "corpus").documents, gold):
            units = candidate_units(doc)
            for u, t in zip(units, unit_targets(units, gold.get(doc.id, [])), strict=True):
                if t is not None:
                    texts.append(doc.text[u.start : u.end])
                    stages.append(t["stage"])
                    signs.append(int(np.sign(t["valence"])))
                    groups.append(f"{d}:{doc.path}")
    return texts, stages, signs, groups


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", nargs="*", default=["training/part1", "training/part2"])
    ap.add_argument("--dev", default="evals/b2b-dev")
    ap.add_argument("--n", type=int, default=600)
    ap.add_argument("--budget-s", type=float, default=900)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    import torch
    from sklearn.linear_model import LogisticRegression

    from cjm_insights.embed import bundled_model_path, make_embedder
    from cjm_insights.workspace import Workspace

    torch.set_num_threads(2)
    train_dirs = [ROOT / p for p in args.train if (ROOT / p / "labels.jsonl").is_file()]
    tr_texts, tr_stage, tr_sign, _ = salient_sentences(train_dirs)
    dv_texts, dv_stage, dv_sign, _ = salient_sentences([ROOT / args.dev])
    rng = np.random.default_rng(args.seed)
    pick = np.sort(rng.choice(len(tr_texts), size=min(args.n, len(tr_texts)), replace=False))
    sub = [tr_texts[i] for i in pick]
    targets = {
        "stage": ([tr_stage[i] for i in pick], dv_stage),
        "valence_sign": ([tr_sign[i] for i in pick], dv_sign),
    }
    emb = make_embedder(workspace=Workspace(ROOT / ".cjm"))
    X_sub, X_dev = emb.embed(sub), emb.embed(dv_texts)

    def report(variant: str, head: str, pred, gold, seconds: float) -> None:
        acc = float(np.mean([p == g for p, g in zip(pred, gold, strict=True)]))
        print(
            json.dumps(
                {
                    "variant": variant,
                    "head": head,
                    "train_n": len(sub),
                    "dev_n": len(gold),
                    "accuracy": round(acc, 4),
                    "train_s": round(seconds, 1),
                }
            ),
            flush=True,
        )

    for head, (y, gold) in targets.items():
        t0 = time.perf_counter()
        lr = LogisticRegression(C=3.0, class_weight="balanced", max_iter=3000).fit(
            X_sub, [str(v) for v in y]
        )
        report(
            "frozen-LR",
            head,
            [type(gold[0])(p) for p in lr.predict(X_dev)],
            gold,
            time.perf_counter() - t0,
        )

    from datasets import Dataset
    from setfit import SetFitModel, Trainer, TrainingArguments

    for head, (y, gold) in targets.items():
        t0 = time.perf_counter()
        model = SetFitModel.from_pretrained(bundled_model_path("all-MiniLM-L6-v2"))
        iters = 5
        trainer = Trainer(
            model=model,
            args=TrainingArguments(
                batch_size=32, num_epochs=1, num_iterations=iters, seed=args.seed
            ),
            train_dataset=Dataset.from_dict({"text": sub, "label": [str(v) for v in y]}),
        )
        trainer.train()
        pred = [type(gold[0])(p) for p in model.predict(dv_texts)]
        report("setfit", head, pred, gold, time.perf_counter() - t0)
        if time.perf_counter() - t0 > args.budget_s:
            print(json.dumps({"note": f"setfit over budget on {head}; stopping"}))
            break


if __name__ == "__main__":
    main()
