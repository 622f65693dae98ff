"""A faiss vector index over unit-normalised vectors (inner product = cosine).

Flat (exact) below IVF_THRESHOLD vectors; an IVF index past it, where exact
search starts to cost more than the small recall loss of probing a few lists.
Used for near-duplicate detection, "more quotes like this" and few-shot lookup.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

IVF_THRESHOLD = 20_000


@dataclass
class VectorIndex:
    index: object  # faiss.Index
    ids: list[str]

    @classmethod
    def build(cls, vectors: np.ndarray, ids: list[str], *, seed: int = 0) -> VectorIndex:
        import faiss

        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if len(vectors) != len(ids):
            raise ValueError("one id per vector")
        dim = vectors.shape[1]
        if len(vectors) < IVF_THRESHOLD:
            index = faiss.IndexFlatIP(dim)
        else:
            nlist = int(np.sqrt(len(vectors)))
            index = faiss.IndexIVFFlat(
                faiss.IndexFlatIP(dim), dim, nlist, faiss.METRIC_INNER_PRODUCT
            )
            index.cp.seed = seed  # k-means training is then reproducible
            index.train(vectors)
            index.nprobe = max(1, nlist // 8)
        index.add(vectors)
        return cls(index, list(ids))

    def search(self, queries: np.ndarray, k: int = 5) -> list[list[tuple[str, float]]]:
        """For each query, up to k (id, cosine) pairs, best first."""
        k = min(k, len(self.ids))
        if k == 0:
            return [[] for _ in range(len(queries))]
        scores, idx = self.index.search(np.ascontiguousarray(queries, dtype=np.float32), k)
        return [
            [(self.ids[i], float(s)) for s, i in zip(row_s, row_i, strict=True) if i >= 0]
            for row_s, row_i in zip(scores, idx, strict=True)
        ]

    def save(self, path: str | Path) -> None:
        import faiss

        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        faiss.write_index(self.index, str(path))
        path.with_suffix(".ids.json").write_text(json.dumps(self.ids))

    @classmethod
    def load(cls, path: str | Path) -> VectorIndex:
        import faiss

        path = Path(path)
        return cls(
            faiss.read_index(str(path)), json.loads(path.with_suffix(".ids.json").read_text())
        )
