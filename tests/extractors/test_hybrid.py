from llm_docs import INTERVIEW, item, make_doc

from cjm_insights.backends.scripted import ScriptedBackend
from cjm_insights.config import Config
from cjm_insights.extractors.hybrid import HybridExtractor
from cjm_insights.extractors.llm import LLMExtractor
from cjm_insights.types import Cost, Evidence, ExtractionResult, Provenance


class FakeLocal:
    """Stands in for the trained local extractor: fixed evidence with fixed confidences."""

    def __init__(self, picks):
        self.picks = picks

    def extract(self, documents, taxonomy):
        out = []
        for doc, sentence, conf in self.picks:
            s = next(s for s in doc.sentences if doc.text[s.start : s.end].startswith(sentence))
            out.append(
                Evidence(
                    doc_id=doc.id,
                    start=s.start,
                    end=s.end,
                    quote=doc.text[s.start : s.end],
                    stage="usage",
                    touchpoint="product",
                    emotion="neutral",
                    valence=0,
                    confidence=conf,
                    provenance=Provenance(extractor="local"),
                )
            )
        return ExtractionResult(evidence=out, cost=Cost(words=sum(d.words for d in documents)))


def test_only_windows_with_unsure_local_evidence_go_to_the_llm(workspace, taxonomy):
    sure = make_doc("sure.txt", INTERVIEW)
    unsure = make_doc("unsure.txt", INTERVIEW.replace("Maya", "Lee"))
    local = FakeLocal([(sure, "The demo was slick", 0.9), (unsure, "The demo was slick", 0.2)])
    backend = ScriptedBackend(
        [{"items": [item(4, stage="evaluation", touchpoint="security_review")]}]
    )
    llm = LLMExtractor(Config(extractor="hybrid"), workspace, backend=backend)
    hyb = HybridExtractor(local, llm, threshold=0.55)
    res = hyb.extract([sure, unsure], taxonomy)
    assert len(backend.calls) == 1 and "Lee" in backend.calls[0][1]["content"]
    assert hyb.hard_windows == 1
    by_doc = {e.doc_id: e for e in res.evidence}
    assert by_doc["sure.txt"].provenance.extractor == "local"
    assert by_doc["unsure.txt"].provenance.extractor == "llm"
    assert by_doc["unsure.txt"].quote.startswith("But the security questionnaire")
    assert len(res.evidence) == 2 and res.cost.llm_calls == 1
