"""Near-duplicate documents: tickets and reviews repeat (one outage, twenty tickets).

The map uses `customer_of` to count a repeated complaint once per distinct customer.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cjm_insights.index import VectorIndex
from cjm_insights.types import Document

DEFAULT_THRESHOLD = 0.9
CUSTOMER_FIELDS = ("customer", "company", "account", "organization", "organisation", "customer_id")


@dataclass(frozen=True)
class DupePair:
    a: str
    b: str
    score: float
    same_customer: bool | None  # None when either record has no customer field


def customer_of(doc: Document) -> str | None:
    for key, value in doc.metadata.items():
        if key.lower() in CUSTOMER_FIELDS and str(value).strip():
            return str(value).strip().lower()
    return None


def near_duplicates(
    docs: list[Document], vectors: np.ndarray, threshold: float = DEFAULT_THRESHOLD
) -> list[DupePair]:
    """Pairs of documents whose embeddings' cosine is >= threshold, most similar first."""
    if len(docs) < 2:
        return []
    index = VectorIndex.build(vectors, [d.id for d in docs])
    by_id = {d.id: d for d in docs}
    pairs: dict[tuple[str, str], float] = {}
    for doc, hits in zip(docs, index.search(vectors, k=min(10, len(docs))), strict=True):
        for other, score in hits:
            if other != doc.id and score >= threshold:
                key = tuple(sorted((doc.id, other)))
                pairs[key] = max(score, pairs.get(key, 0.0))
    out = []
    for (a, b), score in pairs.items():
        ca, cb = customer_of(by_id[a]), customer_of(by_id[b])
        out.append(DupePair(a, b, round(score, 4), None if ca is None or cb is None else ca == cb))
    return sorted(out, key=lambda p: (-p.score, p.a, p.b))
