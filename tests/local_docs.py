"""Hand-made material for the local extractor's tests: a bag-of-words embedder and labelled docs."""

from __future__ import annotations

import hashlib
import re

import numpy as np
from llm_docs import make_doc

from cjm_insights.features import candidate_units


class HashEmbedder:
    """Deterministic stand-in for MiniLM: hashed bag of words, unit-normalised.

    The heads are linear, so words carrying the label are enough for them to learn from.
    """

    model_id = "test:hash-bow"
    dim = 64

    def __init__(self) -> None:
        self.calls = 0

    def embed(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        out = np.zeros((len(texts), self.dim), np.float32)
        for i, t in enumerate(texts):
            for w in re.findall(r"[a-z]+", t.lower()):
                out[i, int(hashlib.md5(w.encode()).hexdigest(), 16) % self.dim] += 1.0
            out[i, 0] += 0.01  # never the zero vector
        return out / np.linalg.norm(out, axis=1, keepdims=True)


PAINS = [
    ("The security questionnaire took six weeks and blocked the deal.", "evaluation", -2),
    ("Support never answered our ticket about the broken export.", "support", -2),
    ("The migration was slow and we lost two weeks of data.", "onboarding", -1),
    ("Pricing doubled at renewal without any warning.", "renewal", -2),
]
PRAISE = [
    ("The demo showed exactly our approval workflow, great.", "evaluation", 2),
    ("Our team loves the dashboards every single day.", "usage", 1),
    ("Support fixed it within an hour, really impressive.", "support", 2),
    ("I recommended it to three peers at the conference.", "advocacy", 1),
]
FILLER = [
    "Let me check my calendar for a second here.",
    "Sorry, can you repeat the question please?",
    "My dog is barking in the other room again.",
    "We can continue after the coffee break then.",
]


def labelled_corpus(n_docs: int = 8, seed: int = 0):
    """(documents, gold by doc id): interviews mixing pains, praise and filler, labelled."""
    rng = np.random.default_rng(seed)
    docs, gold = [], {}
    for k in range(n_docs):
        lines = []
        picks = [PAINS[(k + j) % 4] for j in range(2)] + [PRAISE[(k + j) % 4] for j in range(2)]
        fill = [FILLER[(k + j) % 4] for j in range(3)]
        order = rng.permutation(len(picks) + len(fill))
        pool = picks + [(f, None, None) for f in fill]
        for j in order:
            lines.append("Interviewer: What happened next?")
            lines.append(f"Dana (Head of Ops): {pool[j][0]}")
        doc = make_doc(f"interviews/d{k}.txt", "\n".join(lines))
        docs.append(doc)
        gold[doc.id] = []
        for text, stage, valence in picks:
            start = doc.text.index(text)
            pain = valence < 0
            gold[doc.id].append(
                {
                    "doc": doc.id,
                    "start": start,
                    "end": start + len(text),
                    "stage": stage,
                    "touchpoint": "product",
                    "emotion": "frustrated" if pain else "satisfied",
                    "valence": valence,
                    "actor": "champion",
                    "pain_point": pain,
                    "severity": 2 if pain else None,
                }
            )
    return docs, gold


__all__ = ["HashEmbedder", "candidate_units", "labelled_corpus", "make_doc"]
