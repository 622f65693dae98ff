"""The pipeline: ingest -> embed -> themes -> extract -> assemble -> render, as plain functions.

The CLI and the Python API are thin layers over these.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cjm_insights.dupes import DupePair, near_duplicates
from cjm_insights.embed import make_embedder
from cjm_insights.errors import CjmError
from cjm_insights.themes import ThemeResult, ThemeUnit, find_themes
from cjm_insights.types import Document, Evidence, QuoteRef
from cjm_insights.workspace import Workspace

MIN_THEME_WORDS = 4  # "Yeah." and "Right, okay." are not what themes are made of


def _ingest_or_fail(corpus: str | Path, **kwargs: Any) -> list[Document]:
    from cjm_insights.ingest import ingest

    result = ingest(corpus, **kwargs)
    if not result.documents:
        raise CjmError(f"{corpus}: no documents could be ingested")
    return result.documents


def sentence_units(docs: list[Document]) -> list[ThemeUnit]:
    """Customer-side sentences long enough to carry a topic."""
    units = []
    for doc in docs:
        for s in doc.sentences:
            text = doc.text[s.start : s.end]
            if s.is_customer and len(text.split()) >= MIN_THEME_WORDS:
                units.append(
                    ThemeUnit(
                        QuoteRef(doc_id=doc.id, start=s.start, end=s.end, text=text),
                        doc.source_type,
                    )
                )
    return units


def evidence_units(evidence: list[Evidence]) -> list[ThemeUnit]:
    return [
        ThemeUnit(
            QuoteRef(doc_id=e.doc_id, start=e.start, end=e.end, text=e.quote),
            e.source_type or "notes",
            e.id,
        )
        for e in evidence
    ]


def themes_for(
    units: list[ThemeUnit],
    workspace: Workspace,
    *,
    model: str = "all-MiniLM-L6-v2",
    embedder: str = "sentence-transformers",
    **theme_kwargs: Any,
) -> tuple[ThemeResult, dict[str, int]]:
    emb = make_embedder(embedder, workspace, model=model)
    vectors = emb.embed([u.ref.text for u in units])
    result = find_themes(units, vectors, **theme_kwargs)
    return result, {"units": len(units), "embedded": emb.misses, "cached": emb.hits}


def corpus_themes(
    corpus: str | Path,
    *,
    workspace: str | Path = ".cjm",
    model: str = "all-MiniLM-L6-v2",
    min_size: int | None = None,
    reduce_outliers: bool = False,
) -> tuple[ThemeResult, dict[str, int]]:
    docs = _ingest_or_fail(corpus)
    return themes_for(
        sentence_units(docs),
        Workspace(workspace),
        model=model,
        min_size=min_size,
        reduce_outliers=reduce_outliers,
    )


def corpus_dupes(
    corpus: str | Path, *, workspace: str | Path = ".cjm", threshold: float = 0.9
) -> list[DupePair]:
    docs = [d for d in _ingest_or_fail(corpus) if d.source_type in ("ticket", "review")]
    vectors = make_embedder(workspace=Workspace(workspace)).embed([d.text for d in docs])
    return near_duplicates(docs, vectors, threshold)
