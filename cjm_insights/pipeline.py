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


def _llm_texts(jm: Any, config: Any, ws: Workspace, tax: Any) -> tuple[list, Any]:
    """Theme names and stage summaries written by the configured LLM (cached like extraction)."""
    from cjm_insights.backends import make_backend
    from cjm_insights.summaries import write_texts

    redact = None
    if config.redact_enabled:
        from cjm_insights.redact import Redactor

        redact = Redactor().text
    _, problems, cost = write_texts(jm, make_backend(config), ws, tax, redact=redact)
    return problems, cost


class DraftResult:
    """What `draft` returns: the map, the files written, and what went wrong on the way."""

    def __init__(self, journey_map, paths, problems, cost):
        self.map = journey_map
        self.paths = paths
        self.problems = problems
        self.cost = cost


def draft(
    corpus: str | Path, config: Any = None, *, out: str | Path | None = None, on_step: Any = None
) -> DraftResult:
    """ingest -> extract -> corrections -> themes -> assemble -> render. The whole `cjm draft`."""
    import time

    from cjm_insights import taxonomy as tax_mod
    from cjm_insights.assemble import assemble
    from cjm_insights.config import Config
    from cjm_insights.corrections import apply_saved
    from cjm_insights.extractors import make_extractor
    from cjm_insights.ingest import ingest
    from cjm_insights.render import write_outputs

    step = on_step or (lambda name: None)
    config = config if isinstance(config, Config) else Config.load(config)
    tax = tax_mod.load(config.taxonomy)
    ws = Workspace(config.workspace)
    started = time.perf_counter()
    with ws.run_lock("draft"), tax_mod.active(tax):
        step("ingest")
        ingested = ingest(
            corpus,
            source_type=config.source_type,
            text_column=config.text_column,
            id_column=config.id_column,
        )
        if not ingested.documents:
            raise CjmError(f"{corpus}: no documents could be ingested")
        step("extract")
        result = make_extractor(config, ws).extract(ingested.documents, tax)
        evidence = apply_saved(result.evidence, ws)
        step("themes")
        themes, _ = themes_for(
            evidence_units(evidence),
            ws,
            model=config.embed_model,
            embedder=config.embedder,
            min_size=config.min_theme_size,
            reduce_outliers=config.reduce_outliers,
            seed=config.seed,
        )
        step("assemble")
        jm = assemble(
            evidence,
            ingested.documents,
            tax,
            themes.themes,
            title=f"Journey map: {Path(corpus).name}",
        )
        text_problems = []
        if config.extractor in ("llm", "hybrid"):
            step("name themes")
            text_problems, text_cost = _llm_texts(jm, config, ws, tax)
            result.cost.llm_calls += text_cost.llm_calls
            result.cost.failed_calls += text_cost.failed_calls
            result.cost.prompt_tokens += text_cost.prompt_tokens
            result.cost.completion_tokens += text_cost.completion_tokens
        cost = result.cost.model_copy(
            update={
                "wall_s": round(time.perf_counter() - started, 2),
                "words": sum(d.words for d in ingested.documents),
            }
        )
        problems = [*ingested.problems, *result.problems, *text_problems]
        jm.run.update(
            {
                "documents": len(ingested.documents),
                "evidence": len(evidence),
                "extractor": config.extractor,
                "cost": cost.model_dump(),
                "problems": [str(p) for p in problems],
            }
        )
        paths = {}
        if out is not None:
            step("render")
            paths = write_outputs(jm, out)
            from cjm_insights.evaluation.labels import write_labels

            # Same format as gold labels: feeds `cjm assemble`, `cjm eval -p` and `cjm train`.
            paths["predictions"] = write_labels(Path(out) / "predictions.jsonl", result.evidence)
    return DraftResult(jm, paths, problems, cost)
