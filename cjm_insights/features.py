"""Candidate units and their features for the local extractor.

A unit is one customer-side sentence (interviewer and vendor-moderator turns are
context, never evidence). Its feature vector is what a careful reader looks at
before citing a sentence (docs/local-extractor.md justifies each block):

  sentence   MiniLM embedding of the sentence itself: what it is about
  before     mean embedding of the sentences in the 400 characters before it (any
             speaker): the question or story it answers ("how was onboarding?")
  question   embedding of the last non-customer sentence before it: the
             interviewer's prompt sets the stage in interviews
  after      embedding of the next sentence: a claim is often explained right after
  opening    embedding of the document's opening: what kind of document this is
             (a churn interview, a renewal email, a ticket)
  scalars    source type, the actor the speaker's role implies, position in the
             document and turn, length, digits, question mark, VADER sentiment
             (sentence and clause extremes), a contrast word

Every embedding is of a sentence that is embedded anyway (or the opening, once
per document), so context costs no extra encoder passes beyond one per document.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from cjm_insights.embed import Embedder
from cjm_insights.lexicon import B2B_LEXICON, friction_cues
from cjm_insights.spans import clauses
from cjm_insights.types import SOURCE_TYPES, Document, Unit

MIN_WORDS = 3  # "Yeah, sure." carries no evidence; quotes a researcher cites have content
CONTEXT_CHARS = 400  # measurements.md: the 400 characters before a quote help stage accuracy
OPENING_CHARS = 600
SALIENT_OVERLAP = 0.5  # as the scorer: spans match when they overlap by half the shorter one

ACTORS = (
    "end_user",
    "champion",
    "economic_buyer",
    "technical_evaluator",
    "procurement_legal",
    "executive_sponsor",
    "admin",
    "vendor",
    "unknown",
)

# Speaker role -> actor. Ordered: the first match wins ("IT procurement" is procurement).
_ROLE_RULES: tuple[tuple[str, str], ...] = (
    (r"procure|purchas|legal|counsel|contract|sourcing|vendor manage", "procurement_legal"),
    (
        r"\bcfo\b|financ|controller|budget|treasur|\bvp\b.*financ|account(?:ant|ing)",
        "economic_buyer",
    ),
    (
        r"\bceo\b|\bcoo\b|founder|owner|president|managing director|\bgm\b|general manager|chief",
        "executive_sponsor",
    ),
    (
        r"\bcto\b|\bciso\b|\bit\b|secur|architect|engineer|developer|devops|\bsre\b|infra|technical|\bcio\b",
        "technical_evaluator",
    ),
    (r"admin|system owner|ops manager|operations manager", "admin"),
    (
        r"sales|account exec|\bae\b|\bsdr\b|\bcsm\b|customer success|support agent|support engineer|vendor|onboarding specialist|solutions",
        "vendor",
    ),
    (r"champion|project lead|project manager|team lead|head of|manager|director", "champion"),
    (
        r"user|analyst|agent|recruiter|coordinator|associate|specialist|nurse|clerk|rep\b",
        "end_user",
    ),
)


def role_actor(role: str | None) -> str | None:
    """The actor a speaker's role implies (CFO -> economic_buyer), or None when it says nothing."""
    if not role:
        return None
    low = role.lower()
    for pattern, actor in _ROLE_RULES:
        if re.search(pattern, low):
            return actor
    return None


def candidate_units(doc: Document) -> list[Unit]:
    """Customer-side sentences with at least MIN_WORDS words, in document order."""
    units = []
    for i, s in enumerate(doc.sentences):
        if not s.is_customer or s.kind != "sentence":
            continue
        if len(re.findall(r"[A-Za-z0-9]+", doc.text[s.start : s.end])) < MIN_WORDS:
            continue
        units.append(
            Unit(
                doc_id=doc.id,
                index=i,
                start=s.start,
                end=s.end,
                source_type=doc.source_type,
                turn=s.turn,
                speaker=s.speaker,
                role=s.role,
                role_actor=role_actor(s.role),
            )
        )
    return units


# ------------------------------------------------------------------ features

_CONTRAST = re.compile(r"\b(?:but|however|although|though|except|only|yet)\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    analyzer.lexicon.update(B2B_LEXICON)
    return analyzer


def vader(text: str) -> dict[str, float]:
    return _vader().polarity_scores(text)


SCALAR_NAMES: tuple[str, ...] = (
    *(f"source={t}" for t in SOURCE_TYPES),
    *(f"role_actor={a}" for a in ACTORS),
    "role_actor=none",
    "position",
    "turn_first",
    "turn_sentences_log",
    "words_log",
    "has_digit",
    "is_question",
    "vader_compound",
    "vader_pos",
    "vader_neg",
    "vader_neu",
    "vader_clause_min",
    "vader_clause_max",
    "contrast",
    "friction_cues",
)
EMBED_BLOCKS = ("sentence", "before", "question", "after", "opening")


@dataclass
class DocFeatures:
    units: list[Unit]
    X: np.ndarray  # (len(units), n_features) float32
    vader: list[float]  # compound score per unit (the valence decision uses it too)


def _opening(doc: Document) -> str:
    text = doc.text[:OPENING_CHARS]
    return text if len(doc.text) <= OPENING_CHARS else text.rsplit(" ", 1)[0]


def build_features(docs: list[Document], embedder: Embedder) -> list[DocFeatures]:
    """Units and feature rows for each document; one embedding call for the whole batch."""
    texts: list[str] = []
    for doc in docs:
        texts.extend(doc.text[s.start : s.end] for s in doc.sentences)
        texts.append(_opening(doc))
    vectors = embedder.embed(texts) if texts else np.zeros((0, 0), np.float32)
    out, pos = [], 0
    for doc in docs:
        n = len(doc.sentences)
        sent_vecs, opening = vectors[pos : pos + n], vectors[pos + n]
        pos += n + 1
        out.append(_doc_features(doc, sent_vecs, opening))
    return out


def _doc_features(doc: Document, sent_vecs: np.ndarray, opening: np.ndarray) -> DocFeatures:
    units = candidate_units(doc)
    dim = opening.shape[0]
    rows, compounds = [], []
    turn_sizes: dict[int | None, int] = {}
    for s in doc.sentences:
        turn_sizes[s.turn] = turn_sizes.get(s.turn, 0) + 1
    for u in units:
        i = u.index
        before = [j for j in range(i - 1, -1, -1) if doc.sentences[j].end > u.start - CONTEXT_CHARS]
        question = next((j for j in range(i - 1, -1, -1) if not doc.sentences[j].is_customer), None)
        text = doc.text[u.start : u.end]
        v = vader(text)
        compounds.append(v["compound"])
        blocks = [
            sent_vecs[i],
            _unit(sent_vecs[before].mean(axis=0)) if before else np.zeros(dim, np.float32),
            sent_vecs[question] if question is not None else np.zeros(dim, np.float32),
            sent_vecs[i + 1] if i + 1 < len(doc.sentences) else np.zeros(dim, np.float32),
            opening,
        ]
        rows.append(np.concatenate([*blocks, _scalars(doc, u, text, v, turn_sizes)]))
    X = np.vstack(rows).astype(np.float32) if rows else np.zeros((0, n_features(dim)), np.float32)
    return DocFeatures(units, X, compounds)


def n_features(dim: int) -> int:
    return dim * len(EMBED_BLOCKS) + len(SCALAR_NAMES)


def _unit(v: np.ndarray) -> np.ndarray:
    return v / max(float(np.linalg.norm(v)), 1e-12)


def _scalars(
    doc: Document, u: Unit, text: str, v: dict[str, float], turn_sizes: dict
) -> np.ndarray:
    first_in_turn = u.index == 0 or doc.sentences[u.index - 1].turn != u.turn
    words = len(text.split())
    clause_scores = [vader(text[a:b])["compound"] for a, b in clauses(text)] or [v["compound"]]
    vals: list[float] = [float(doc.source_type == t) for t in SOURCE_TYPES]
    vals += [float(u.role_actor == a) for a in ACTORS]
    vals.append(float(u.role_actor is None))
    vals += [
        u.start / max(len(doc.text), 1),
        float(first_in_turn),
        math.log1p(turn_sizes.get(u.turn, 1)),
        math.log1p(words),
        float(bool(re.search(r"\d", text))),
        float(text.rstrip().endswith("?")),
        v["compound"],
        v["pos"],
        v["neg"],
        v["neu"],
        # "The demo was great, but SSO took six weeks": the sentence's overall score hides
        # the negative clause; the clause extremes and a contrast word keep it (CV: +0.03
        # valence sign accuracy on training/part2)
        min(clause_scores),
        max(clause_scores),
        float(bool(_CONTRAST.search(text))),
        math.log1p(friction_cues(text)),
    ]
    return np.asarray(vals, dtype=np.float32)


# ------------------------------------------------------------------ targets


def unit_targets(units: list[Unit], gold: list[dict[str, Any]]) -> list[dict[str, Any] | None]:
    """For each unit, the gold quote it would be matched with (the most-overlapping), or None.

    The rule is the scorer's (labels.md section 4): overlap >= half the shorter span,
    so a long sentence holding a short gold quote is a positive, as predicting it scores.
    """
    out: list[dict[str, Any] | None] = []
    for u in units:
        best, best_ov = None, 0
        for g in gold:
            ov = min(u.end, g["end"]) - max(u.start, g["start"])
            if ov > best_ov:
                best, best_ov = g, ov
        shorter = min(u.end - u.start, best["end"] - best["start"]) if best is not None else 0
        out.append(best if best is not None and best_ov >= SALIENT_OVERLAP * shorter else None)
    return out
