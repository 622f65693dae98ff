"""Themes: BERTopic over precomputed embeddings, made reproducible and honest about outliers.

Units are sentences (for `cjm themes`, every customer-side sentence; on the map,
the evidence quotes): a speaker turn mixes several topics, and a quote is what a
theme must point to. BERTopic runs its standard pipeline (reduce -> HDBSCAN ->
c-TF-IDF keywords) on our cached MiniLM vectors. What we add, and why:
- seeds pinned in UMAP so a re-run gives the same themes (BERTopic #47, #461, #1763);
- PCA instead of UMAP for tiny inputs, where UMAP's neighbour graph is degenerate;
- outliers (topic -1) kept as an explicit "unclustered" theme instead of hidden
  (#329, #1020); BERTopic's own `reduce_outliers` behind a flag;
- min_cluster_size chosen from the number of units;
- conversational filler ("And that was kind of it.", "I mean that, sort of.") forms a
  tight cluster of its own in MiniLM space, and c-TF-IDF names it "thats, know,
  just, like". It is no theme: a cluster whose sentences hold far fewer content
  words than the corpus does is folded into "unclustered" (still visible there),
  and fillers are stop words for the keywords.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from cjm_insights.types import QuoteRef, Theme

UNCLUSTERED = "unclustered"
SMALL_INPUT = 40  # below this many units UMAP's k-NN graph is too thin to trust
# A cluster below this share of the corpus's content-word ratio is talk, not a topic:
# on the sample the filler cluster had 0.24 content words a word, topics 0.43-0.49.
LOW_CONTENT = 0.65
# fmt: off
FILLERS = frozenset({
    "yeah", "yep", "yup", "ok", "okay", "um", "uh", "umm", "uhh", "hmm", "erm", "like",
    "know", "kind", "sort", "just", "really", "actually", "basically", "honestly",
    "literally", "mean", "guess", "think", "thing", "things", "stuff", "lot", "pretty",
    "right", "sure", "oh", "well", "alright", "totally", "definitely", "maybe", "probably",
    "gonna", "wanna", "got", "bit", "little", "said", "say", "thats", "dont", "didnt",
    "doesnt", "isnt", "wasnt", "cant", "wont", "im", "ive", "id", "ill", "youre", "theyre",
    "weve",
})
# fmt: on
_WORD = re.compile(r"[a-z][a-z'\u2019]+")


@dataclass
class ThemeUnit:
    ref: QuoteRef
    source_type: str
    evidence_id: str | None = None


@dataclass
class ThemeResult:
    themes: list[Theme]
    assignment: list[str] = field(default_factory=list)  # theme id per unit


def auto_min_size(n: int) -> int:
    """~sqrt(n)/2, within [3, 50]: 3 for 40 quotes, 8 for 250 sentences, 25 for 2,500."""
    return max(3, min(50, round(0.5 * math.sqrt(max(n, 1)))))


def find_themes(
    units: list[ThemeUnit],
    vectors: np.ndarray,
    *,
    min_size: int | None = None,
    reduce_outliers: bool = False,
    seed: int = 0,
) -> ThemeResult:
    if len(units) != len(vectors):
        raise ValueError("one vector per unit")
    size = min_size or auto_min_size(len(units))
    if len(units) < max(2 * size, 6):
        return _all_unclustered(units)
    texts = [u.ref.text for u in units]
    model = _bertopic(len(units), size, seed)
    topics, _ = model.fit_transform(texts, embeddings=vectors)
    if reduce_outliers and -1 in topics:
        topics = model.reduce_outliers(texts, topics, strategy="embeddings", embeddings=vectors)
    topics = _fold_low_content(texts, list(topics))
    return _themes_from_topics(model, units, vectors, topics)


def stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | FILLERS


def content_ratio(texts: list[str]) -> float:
    """Content words per word: what is left after stop words and conversational fillers."""
    stops = stop_words()
    words = [
        w.replace("'", "").replace("\u2019", "") for t in texts for w in _WORD.findall(t.lower())
    ]
    if not words:
        return 0.0
    return sum(1 for w in words if w not in stops and len(w) > 2) / len(words)


def _fold_low_content(texts: list[str], topics: list[int]) -> list[int]:
    """Topics whose sentences are mostly filler become outliers (-1)."""
    corpus = content_ratio(texts)
    members: dict[int, list[str]] = {}
    for text, t in zip(texts, topics, strict=True):
        members.setdefault(int(t), []).append(text)
    low = {t for t, ts in members.items() if t != -1 and content_ratio(ts) < LOW_CONTENT * corpus}
    return [-1 if int(t) in low else int(t) for t in topics]


def _bertopic(n: int, min_size: int, seed: int):
    from bertopic import BERTopic
    from hdbscan import HDBSCAN
    from sklearn.decomposition import PCA
    from sklearn.feature_extraction.text import CountVectorizer

    if n < SMALL_INPUT:
        reducer = PCA(n_components=min(5, n - 1), random_state=seed)
    else:
        from umap import UMAP

        reducer = UMAP(
            n_neighbors=min(15, n - 1),
            n_components=5,
            min_dist=0.0,
            metric="cosine",
            random_state=seed,  # also makes UMAP single-threaded: reproducible
        )
    return BERTopic(
        umap_model=reducer,
        hdbscan_model=HDBSCAN(min_cluster_size=min_size, metric="euclidean", prediction_data=True),
        vectorizer_model=CountVectorizer(
            stop_words=sorted(stop_words()), ngram_range=(1, 2), min_df=1
        ),
        top_n_words=8,
    )


def _themes_from_topics(model, units, vectors, topics: list[int]) -> ThemeResult:
    by_topic: dict[int, list[int]] = {}
    for i, t in enumerate(topics):
        by_topic.setdefault(int(t), []).append(i)
    # Order themes by size so ids are stable and meaningful (theme-0 is the biggest).
    ordered = sorted((t for t in by_topic if t != -1), key=lambda t: (-len(by_topic[t]), t))
    theme_ids = {t: f"theme-{rank}" for rank, t in enumerate(ordered)}
    theme_ids[-1] = UNCLUSTERED
    themes = []
    for t in [*ordered, *([-1] if -1 in by_topic else [])]:
        words = [] if t == -1 else [w for w, _ in (model.get_topic(t) or []) if w][:8]
        themes.append(
            _theme(theme_ids[t], words, [units[i] for i in by_topic[t]], vectors[by_topic[t]])
        )
    return ThemeResult(themes, [theme_ids[int(t)] for t in topics])


def _theme(theme_id: str, keywords: list[str], members: list[ThemeUnit], vecs: np.ndarray) -> Theme:
    centroid = vecs.mean(axis=0)
    order = np.argsort(-(vecs @ centroid), kind="stable")
    label = UNCLUSTERED if theme_id == UNCLUSTERED else ", ".join(keywords[:4])
    return Theme(
        id=theme_id,
        label=label,
        keywords=keywords,
        size=len(members),
        representative=[members[i].ref for i in order[:3]],
        members=[m.ref for m in members],
        doc_count=len({m.ref.doc_id for m in members}),
        source_type_counts=dict(Counter(m.source_type for m in members)),
        evidence_ids=[m.evidence_id for m in members if m.evidence_id],
    )


def _all_unclustered(units: list[ThemeUnit]) -> ThemeResult:
    if not units:
        return ThemeResult([], [])
    vecs = np.ones((len(units), 1), dtype=np.float32)
    return ThemeResult([_theme(UNCLUSTERED, [], units, vecs)], [UNCLUSTERED] * len(units))
