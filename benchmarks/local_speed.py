"""Speed of the local extractor after embedding: words/s of features + heads + spans + Evidence.

The encoder's own speed is measured by the embeddings benchmark; here every vector
is computed first, then served from memory, so the figure is what the local
extractor itself adds. Target (issue 9): >= 2,000 words/s on 2 cores.

Usage: .venv/bin/python benchmarks/local_speed.py [CORPUS] [--repeat N]
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


class Precomputed:
    """Serves vectors computed beforehand, so timing excludes the encoder."""

    def __init__(self, inner, texts: list[str]):
        self.model_id = inner.model_id
        uniq = list(dict.fromkeys(texts))
        self.vectors = dict(zip(uniq, inner.embed(uniq), strict=True))

    def embed(self, texts: list[str]) -> np.ndarray:
        return np.stack([self.vectors[t] for t in texts])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=str(ROOT / "corpora" / "sample"))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    from cjm_insights import taxonomy
    from cjm_insights.config import Config
    from cjm_insights.embed import make_embedder
    from cjm_insights.extractors.local import LocalExtractor, load_heads
    from cjm_insights.features import _opening, build_features
    from cjm_insights.ingest import ingest
    from cjm_insights.workspace import Workspace

    docs = ingest(args.corpus).documents
    texts = [d.text[s.start : s.end] for d in docs for s in d.sentences] + [
        _opening(d) for d in docs
    ]
    emb = Precomputed(make_embedder(workspace=Workspace(ROOT / ".cjm")), texts)
    ex = LocalExtractor(load_heads(Config()), emb)
    tax = taxonomy.load()
    words = sum(d.words for d in docs)
    best = float("inf")
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        feats = build_features(docs, emb)
        result = ex.label(docs, feats, tax)
        best = min(best, time.perf_counter() - t0)
    print(
        json.dumps(
            {
                "corpus": args.corpus,
                "documents": len(docs),
                "words": words,
                "sentences": len(texts) - len(docs),
                "evidence": len(result.evidence),
                "seconds_after_embedding": round(best, 3),
                "words_per_s": round(words / best),
                "cpus": os.cpu_count(),
            }
        )
    )


if __name__ == "__main__":
    main()
