"""The keyless default: shipped heads + real MiniLM, offline (pytest-socket blocks the network)."""

import re

import pytest
from llm_docs import INTERVIEW, make_doc
from local_docs import HashEmbedder

from cjm_insights.config import Config
from cjm_insights.errors import CjmError
from cjm_insights.extractors import make_extractor
from cjm_insights.extractors.local import SHIPPED, LocalExtractor, load_heads
from cjm_insights.heads import load
from cjm_insights.types import Document, Segment

TICKET = "The CSV export has failed every night since the update and our finance team is stuck doing it by hand. Please fix this urgently."


@pytest.fixture(scope="module")
def result(tmp_path_factory, taxonomy):
    config = Config(workspace=str(tmp_path_factory.mktemp("ws")))
    from cjm_insights.workspace import Workspace

    ex = make_extractor(config, Workspace(config.workspace))
    docs = [make_doc("i.txt", INTERVIEW), _ticket("t.csv#7", TICKET)]
    return ex, docs, ex.extract(docs, taxonomy)


def _ticket(doc_id, text):
    """A table record as ingestion gives it: no turns, sentences of the text field."""
    sents = [
        Segment(doc_id=doc_id, start=m.start(), end=m.end()) for m in re.finditer(r"[^.]+\.", text)
    ]
    sents = [
        s.model_copy(update={"start": s.start + (1 if text[s.start] == " " else 0)}) for s in sents
    ]
    return Document(id=doc_id, source_type="ticket", path="t.csv", text=text, sentences=sents)


def test_default_extractor_is_local_with_shipped_heads(result):
    ex, _, _ = result
    assert isinstance(ex, LocalExtractor)
    assert ex.heads.hash == (SHIPPED / "SHA256").read_text().strip()
    assert ex.heads.meta["embedder"] == ex.embedder.model_id


def test_evidence_is_verbatim_labelled_and_attributed(result, taxonomy):
    ex, docs, res = result
    assert res.evidence, "the shipped heads found nothing in an interview full of evidence"
    text = {d.id: d.text for d in docs}
    for e in res.evidence:
        assert text[e.doc_id][e.start : e.end] == e.quote
        assert e.provenance.extractor == "local"
        assert e.provenance.artifact_hash == ex.heads.hash
        assert e.provenance.model == "st:all-MiniLM-L6-v2"
        assert 0.0 <= e.confidence <= 1.0
        assert e.stage in taxonomy.stage_ids
        if e.pain_point:
            assert e.pain and e.pain in e.quote and e.severity in (1, 2, 3)
    # interviewer questions are never evidence
    assert not any(
        e.quote.startswith(("How did", "And the evaluation", "How is it")) for e in res.evidence
    )
    assert res.cost.words == sum(d.words for d in docs)


def test_the_security_pain_is_found(result):
    _, _, res = result
    hits = [e for e in res.evidence if "security questionnaire" in e.quote]
    assert hits and hits[0].valence < 0 and hits[0].pain_point


def test_extraction_is_deterministic(result, taxonomy):
    ex, docs, res = result
    again = ex.extract(docs, taxonomy)
    assert [e.model_dump() for e in again.evidence] == [e.model_dump() for e in res.evidence]


def test_heads_for_another_embedder_are_refused():
    with pytest.raises(CjmError, match="trained on embeddings from"):
        LocalExtractor(load(SHIPPED), HashEmbedder())


def test_missing_local_model_is_a_clear_error(tmp_path):
    with pytest.raises(CjmError, match="cjm train"):
        load_heads(Config(local_model=str(tmp_path)))


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("\n- They dropped the SSO add-on. \n", "They dropped the SSO add-on."),
        ("  > quoted reply line", "quoted reply line"),
        ("-5% at renewal", "-5% at renewal"),  # a minus sign is not a bullet
    ],
)
def test_quotes_are_trimmed_of_bullets_and_whitespace(text, quote):
    from cjm_insights.extractors.local import _trim

    s, e = _trim(text, 0, len(text))
    assert text[s:e] == quote


def test_heads_from_another_feature_set_are_refused(tmp_path):
    import json

    from cjm_insights.heads import save

    heads = load(SHIPPED)
    heads.meta = {**heads.meta, "scalars": ["something", "else"]}
    save(heads, tmp_path)
    meta = json.loads((tmp_path / "heads.json").read_text())
    meta["scalars"] = ["something", "else"]
    (tmp_path / "heads.json").write_text(json.dumps(meta))
    (tmp_path / "SHA256").unlink()
    with pytest.raises(CjmError, match="feature set"):
        LocalExtractor(load(tmp_path), HashEmbedder())
