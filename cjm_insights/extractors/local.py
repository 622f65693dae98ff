"""The keyless default extractor: trained heads on local MiniLM embeddings.

Documents -> candidate units (customer sentences) -> features -> heads ->
merged quotes -> Evidence. No network, no key, deterministic; the heads come
from the package (`cjm_insights/models/local-heads`) or `config.local_model`
(built with `cjm train`), and their hash goes into every Evidence's provenance.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from threadpoolctl import threadpool_limits

from cjm_insights.config import Config
from cjm_insights.embed import Embedder, make_embedder
from cjm_insights.errors import CjmError
from cjm_insights.features import SCALAR_NAMES, DocFeatures, build_features, vader
from cjm_insights.heads import Heads, load
from cjm_insights.registry import extractors
from cjm_insights.spans import merge_runs, pain_phrase
from cjm_insights.taxonomy import active
from cjm_insights.types import (
    Cost,
    Document,
    Evidence,
    ExtractionResult,
    Problem,
    Provenance,
    Taxonomy,
    UnitPrediction,
)
from cjm_insights.workspace import Workspace

SHIPPED = Path(__file__).resolve().parents[1] / "models" / "local-heads"


class LocalExtractor:
    name = "local"

    def __init__(self, heads: Heads, embedder: Embedder):
        self.heads = heads
        self.embedder = embedder
        if heads.meta.get("scalars", list(SCALAR_NAMES)) != list(SCALAR_NAMES):
            raise CjmError(
                "the local heads were trained with another feature set than this version "
                "computes; retrain them with `cjm train`"
            )
        trained_on = heads.meta.get("embedder")
        if trained_on and trained_on != embedder.model_id:
            raise CjmError(
                f"the local heads were trained on embeddings from {trained_on}, but the configured "
                f"embedder is {embedder.model_id}; use that model or retrain with `cjm train`"
            )

    def extract(self, documents: list[Document], taxonomy: Taxonomy) -> ExtractionResult:
        t0 = time.perf_counter()
        feats = build_features(documents, self.embedder)
        result = self.label(documents, feats, taxonomy)
        result.cost = Cost(wall_s=time.perf_counter() - t0, words=sum(d.words for d in documents))
        return result

    def label(
        self, documents: list[Document], feats: list[DocFeatures], taxonomy: Taxonomy
    ) -> ExtractionResult:
        """Everything after embedding: heads, span merging, Evidence (what the speed target measures)."""
        allowed = {
            "stage": set(taxonomy.ids("stages")),
            "touchpoint": set(taxonomy.ids("touchpoints")),
            "emotion": set(taxonomy.ids("emotions")),
            "actor": set(taxonomy.ids("actors")),
        }
        emotion_valence = {e.id: e.valence for e in taxonomy.emotions if e.valence is not None}
        provenance = Provenance(
            extractor="local",
            model=self.embedder.model_id,
            taxonomy_hash=taxonomy.content_hash(),
            artifact_hash=self.heads.hash,
        )
        evidence: list[Evidence] = []
        problems: list[Problem] = []
        with threadpool_limits(limits=1):  # small products; a threaded BLAS only spins here
            for doc, f in zip(documents, feats, strict=True):
                try:
                    preds = self.heads.predict(f.units, f.X, emotion_valence, allowed)
                    runs = merge_runs(preds, max_units=self.heads.max_merge)
                    evidence.extend(_evidence(doc, run, provenance, taxonomy) for run in runs)
                except ValueError as exc:  # one bad document is reported and skipped
                    msg = f"local extractor: {exc}"
                    problems.append(Problem(path=doc.path, where=doc.id, message=msg))
        return ExtractionResult(evidence=evidence, problems=problems)


def _evidence(
    doc: Document, run: list[UnitPrediction], provenance: Provenance, taxonomy: Taxonomy
) -> Evidence:
    """One quote from a run of compatible salient units; labels from its most salient unit."""
    lead = max(run, key=lambda p: p.salience)
    start, end = _trim(doc.text, run[0].unit.start, run[-1].unit.end)
    quote = doc.text[start:end]
    labels = dict(lead.labels)
    if labels["pain_point"]:
        labels["pain"] = pain_phrase(quote, lambda t: vader(t)["compound"])
        labels["severity"] = max(p.labels.get("severity") or 1 for p in run)
    else:
        labels["pain"] = None
    salience = sum(p.salience for p in run) / len(run)
    with active(taxonomy):
        return Evidence(
            doc_id=doc.id,
            start=start,
            end=end,
            quote=quote,
            source_type=doc.source_type,
            speaker=lead.unit.speaker,
            confidence=round(salience * lead.probs.get("stage", 1.0), 4),
            reason=(
                f"local heads: salience {salience:.2f}, stage {lead.probs.get('stage', 0):.2f}, "
                f"valence {lead.probs.get('valence', 0):.2f}"
            ),
            provenance=provenance,
            **labels,
        )


_LEAD = re.compile(r"(?:\s|[-*\u2022>]\s)+")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading whitespace and list bullets ("- ", "* ", "> ") and trailing whitespace."""
    m = _LEAD.match(text, start, end)
    if m and m.end() < end:
        start = m.end()
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return start, end


def load_heads(config: Config) -> Heads:
    folder = Path(config.local_model) if config.local_model else SHIPPED
    if not (folder / "heads.json").is_file():
        raise CjmError(
            f"{folder}: no trained local heads here; build them with "
            "`cjm train LABELS.jsonl --corpus DIR --out MODEL` and set local_model"
        )
    return load(folder)


@extractors.register("local")
def _factory(config: Config, workspace: Workspace) -> LocalExtractor:
    embedder = make_embedder(config.embedder, workspace, model=config.embed_model)
    return LocalExtractor(load_heads(config), embedder)
