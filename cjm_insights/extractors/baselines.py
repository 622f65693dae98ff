"""Two baselines that give the eval numbers a floor: `trivial` and `prototype`.

Both are offline, deterministic and fast; neither is trained on anything.

trivial: every customer-side sentence is evidence, labelled with fixed defaults
  (stage `usage`, touchpoint `product`, emotion `neutral`, valence 0, no pain).
  A "majority stage" needs training labels this baseline must not see, so the
  stage is a documented constant: `usage`, the stage post-sale material (tickets,
  reviews, most interview time) talks about most. Labels missing from a custom
  taxonomy fall back to its first id.

prototype: each customer-side sentence of >= MIN_WORDS words is embedded with the
  configured embedder (MiniLM by default, through the workspace cache); each
  stage, touchpoint and emotion is a prototype vector = the mean of the embedded
  definition and example quotes from the taxonomy YAML. Labels are the nearest
  prototypes (cosine); valence is the nearest emotion's typical valence. A
  sentence is predicted when it resembles some stage (max cosine >= STAGE_SIM) or
  carries sentiment (|VADER compound| >= SENTIMENT). Pain: the nearest emotion is
  negative and VADER compound < PAIN_VADER; `pain` is the sentence's first
  PAIN_WORDS words (extractive, never invented), severity 1.
"""

from __future__ import annotations

import re
import time

import numpy as np

from cjm_insights.config import Config
from cjm_insights.embed import Embedder, make_embedder
from cjm_insights.features import role_actor, vader
from cjm_insights.registry import extractors
from cjm_insights.types import (
    Cost,
    Document,
    Evidence,
    ExtractionResult,
    LabelDef,
    Provenance,
    Segment,
    Taxonomy,
)
from cjm_insights.workspace import Workspace

TRIVIAL_LABELS = {
    "stage": "usage",
    "touchpoint": "product",
    "emotion": "neutral",
    "actor": "unknown",
}
MIN_WORDS = 4  # "Yeah, sure." is never a quote a researcher cites
STAGE_SIM = 0.35  # cosine to the nearest stage prototype that makes a sentence "about the journey"
SENTIMENT = 0.3  # |VADER compound| that makes a sentence worth quoting for its feeling
PAIN_VADER = -0.3
PAIN_WORDS = 12


def _fixed(tax: Taxonomy, field: str, kind: str) -> str:
    ids = tax.ids(kind)
    return TRIVIAL_LABELS[field] if TRIVIAL_LABELS[field] in ids else ids[0]


def _customer_sentences(doc: Document) -> list[Segment]:
    return [s for s in doc.sentences if s.is_customer and s.kind == "sentence" and s.end > s.start]


class TrivialExtractor:
    name = "trivial"

    def extract(self, documents: list[Document], taxonomy: Taxonomy) -> ExtractionResult:
        t0 = time.perf_counter()
        labels = {f: _fixed(taxonomy, f, k) for f, k in _KINDS.items()}
        valence = _valences(taxonomy).get(labels["emotion"], 0)
        prov = Provenance(extractor="trivial", taxonomy_hash=taxonomy.content_hash())
        evidence = [
            _evidence(doc, s, labels, valence, None, prov, taxonomy)
            for doc in documents
            for s in _customer_sentences(doc)
        ]
        cost = Cost(wall_s=time.perf_counter() - t0, words=sum(d.words for d in documents))
        return ExtractionResult(evidence=evidence, cost=cost)


_KINDS = {"stage": "stages", "touchpoint": "touchpoints", "emotion": "emotions", "actor": "actors"}


def _valences(tax: Taxonomy) -> dict[str, int]:
    return {e.id: e.valence or 0 for e in tax.emotions}


def _evidence(
    doc: Document,
    s: Segment,
    labels: dict[str, str],
    valence: int,
    pain: str | None,
    prov: Provenance,
    tax: Taxonomy,
) -> Evidence:
    actor = labels["actor"]
    from_role = role_actor(s.role)
    if from_role and from_role in tax.ids("actors"):
        actor = from_role
    return Evidence.model_validate(
        {
            "doc_id": doc.id,
            "start": s.start,
            "end": s.end,
            "quote": doc.text[s.start : s.end],
            "source_type": doc.source_type,
            "speaker": s.speaker,
            **labels,
            "actor": actor,
            "valence": valence,
            "pain_point": pain is not None,
            "pain": pain,
            "severity": 1 if pain is not None else None,
            "provenance": prov,
        },
        context={"taxonomy": tax},
    )


class PrototypeExtractor:
    name = "prototype"

    def __init__(self, embedder: Embedder):
        self.embedder = embedder

    def prototypes(self, defs: list[LabelDef]) -> np.ndarray:
        """One unit vector per label: the mean of its embedded definition and examples."""
        texts = [[t for t in (d.definition, *d.examples) if t.strip()] or [d.id] for d in defs]
        flat = [t for group in texts for t in group]
        vecs = self.embedder.embed(flat)
        out, i = [], 0
        for group in texts:
            out.append(vecs[i : i + len(group)].mean(axis=0))
            i += len(group)
        protos = np.stack(out)
        return protos / np.maximum(np.linalg.norm(protos, axis=1, keepdims=True), 1e-12)

    def extract(self, documents: list[Document], taxonomy: Taxonomy) -> ExtractionResult:
        t0 = time.perf_counter()
        protos = {
            k: self.prototypes(getattr(taxonomy, kind))
            for k, kind in _KINDS.items()
            if k != "actor"
        }
        ids = {k: taxonomy.ids(kind) for k, kind in _KINDS.items()}
        valences = _valences(taxonomy)
        actor = _fixed(taxonomy, "actor", "actors")
        prov = Provenance(
            extractor="prototype",
            model=self.embedder.model_id,
            taxonomy_hash=taxonomy.content_hash(),
        )
        units = [
            (doc, s)
            for doc in documents
            for s in _customer_sentences(doc)
            if len(re.findall(r"\w+", doc.text[s.start : s.end])) >= MIN_WORDS
        ]
        vecs = (
            self.embedder.embed([doc.text[s.start : s.end] for doc, s in units]) if units else None
        )
        evidence = []
        for n, (doc, s) in enumerate(units):
            text = doc.text[s.start : s.end]
            sims = {k: protos[k] @ vecs[n] for k in protos}
            compound = vader(text)["compound"]
            if sims["stage"].max() < STAGE_SIM and abs(compound) < SENTIMENT:
                continue
            labels = {k: ids[k][int(np.argmax(sims[k]))] for k in protos} | {"actor": actor}
            valence = valences.get(labels["emotion"], 0)
            pain = (
                " ".join(text.split()[:PAIN_WORDS])
                if valence < 0 and compound < PAIN_VADER
                else None
            )
            evidence.append(_evidence(doc, s, labels, valence, pain, prov, taxonomy))
        cost = Cost(wall_s=time.perf_counter() - t0, words=sum(d.words for d in documents))
        return ExtractionResult(evidence=evidence, cost=cost)


@extractors.register("trivial")
def _trivial(config: Config, workspace: Workspace) -> TrivialExtractor:
    return TrivialExtractor()


@extractors.register("prototype")
def _prototype(config: Config, workspace: Workspace) -> PrototypeExtractor:
    return PrototypeExtractor(make_embedder(config.embedder, workspace, model=config.embed_model))
