"""The `hybrid` extractor: the local extractor everywhere, the LLM where the local one is unsure.

Local evidence whose confidence is below `config.hybrid_threshold` marks its
window as a hard case. Those windows go to the LLM extractor (extract by
reference, cached like any LLM call); inside them the LLM's evidence replaces the
local evidence, elsewhere the local evidence stands. Each Evidence keeps the
provenance of whichever extractor produced it, so a reviewer can tell them apart.
"""

from __future__ import annotations

import time

from cjm_insights.config import Config
from cjm_insights.extractors.llm import LLMExtractor
from cjm_insights.registry import extractors
from cjm_insights.types import Document, Evidence, ExtractionResult, Taxonomy, Window
from cjm_insights.workspace import Workspace


class HybridExtractor:
    name = "hybrid"

    def __init__(self, local, llm: LLMExtractor, threshold: float):
        self.local = local
        self.llm = llm
        self.threshold = threshold
        self.hard_windows = 0

    def extract(self, documents: list[Document], taxonomy: Taxonomy) -> ExtractionResult:
        t0 = time.perf_counter()
        base = self.local.extract(documents, taxonomy)
        unsure = [e for e in base.evidence if e.confidence is None or e.confidence < self.threshold]

        def hard(doc: Document, w: Window) -> bool:
            lo, hi = _core(w)
            return any(e.doc_id == doc.id and lo <= e.start < hi for e in unsure)

        llm = self.llm.extract(documents, taxonomy, only=hard)
        covered = [(doc.id, *_core(w)) for doc, w in self.llm.plan(documents) if hard(doc, w)]
        self.hard_windows = len(covered)
        kept = [e for e in base.evidence if not _inside(e, covered)]
        evidence = sorted(kept + llm.evidence, key=lambda e: (e.doc_id, e.start))
        cost = base.cost + llm.cost
        cost.wall_s = time.perf_counter() - t0
        cost.words = base.cost.words or llm.cost.words
        return ExtractionResult(evidence=evidence, problems=base.problems + llm.problems, cost=cost)


def _core(w: Window) -> tuple[int, int]:
    cited = [s for s in w.sentences if s.sid is not None]
    return cited[0].start, cited[-1].end


def _inside(e: Evidence, spans: list[tuple[str, int, int]]) -> bool:
    return any(e.doc_id == doc and lo <= e.start < hi for doc, lo, hi in spans)


@extractors.register("hybrid")
def _factory(config: Config, workspace: Workspace) -> HybridExtractor:
    from cjm_insights.extractors.local import _factory as local_factory

    return HybridExtractor(
        local_factory(config, workspace), LLMExtractor(config, workspace), config.hybrid_threshold
    )
