"""The two baselines: trivial (every customer sentence, fixed labels) and prototype (nearest description)."""

from __future__ import annotations

import numpy as np
import pytest
from llm_docs import INTERVIEW, make_doc
from local_docs import HashEmbedder

from cjm_insights.config import Config
from cjm_insights.extractors import make_extractor
from cjm_insights.extractors.baselines import PAIN_WORDS, PrototypeExtractor, TrivialExtractor


@pytest.fixture
def doc():
    return make_doc("interviews/maya.txt", INTERVIEW)


def test_trivial_predicts_every_customer_sentence_with_fixed_labels(doc, taxonomy):
    result = TrivialExtractor().extract([doc], taxonomy)
    customer = [s for s in doc.sentences if s.is_customer]
    assert [(e.start, e.end) for e in result.evidence] == [(s.start, s.end) for s in customer]
    assert all(doc.text[e.start : e.end] == e.quote for e in result.evidence)
    e = result.evidence[0]
    assert (e.stage, e.touchpoint, e.emotion, e.valence, e.pain_point) == (
        "usage",
        "product",
        "neutral",
        0,
        False,
    )
    assert e.actor == "economic_buyer"  # the speaker is the CFO
    assert e.provenance.extractor == "trivial" and e.source_type == "interview"
    assert result.cost.words == doc.words


def test_baselines_are_registered(workspace):
    assert make_extractor(Config(extractor="trivial"), workspace).name == "trivial"
    assert make_extractor(Config(extractor="prototype"), workspace).name == "prototype"


class Scripted:
    """Embeds a text as the unit vector of the first matching keyword's axis."""

    model_id = "test:axes"

    def __init__(self, axes: dict[str, int], dim: int = 64):
        self.axes, self.dim = axes, dim

    def embed(self, texts):
        out = np.full((len(texts), self.dim), 1e-3, np.float32)
        for i, t in enumerate(texts):
            for word, axis in self.axes.items():
                if word in t.lower():
                    out[i, axis] += 1.0
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def test_prototype_labels_by_nearest_description_and_rules(taxonomy):
    # axis 1: the evaluation stage's examples mention "questionnaire"; axis 2: the
    # frustrated emotion's example says "three times"; axis 3: the security_review touchpoint
    emb = Scripted({"questionnaire": 1, "three times": 2, "security": 3})
    text = (
        "Sam: The questionnaire was asked three times and security was a disaster. Sure thing ok."
    )
    doc = make_doc("t.txt", text, "ticket")
    result = PrototypeExtractor(emb).extract([doc], taxonomy)
    (e,) = result.evidence  # "Sure thing ok." has too few words and no sentiment
    assert e.quote == "The questionnaire was asked three times and security was a disaster."
    assert (e.stage, e.emotion, e.valence) == ("evaluation", "frustrated", -2)
    assert e.touchpoint == "security_review"
    # negative emotion + VADER compound < -0.3 -> pain: the first words of the sentence
    assert e.pain_point and e.severity == 1
    assert e.pain == " ".join(e.quote.split()[:PAIN_WORDS]) and e.pain in e.quote


def test_prototype_is_grounded_and_deterministic(doc, taxonomy):
    emb = HashEmbedder()
    a = PrototypeExtractor(emb).extract([doc], taxonomy)
    b = PrototypeExtractor(emb).extract([doc], taxonomy)
    assert a.evidence and [e.model_dump() for e in a.evidence] == [
        e.model_dump() for e in b.evidence
    ]
    assert all(doc.text[e.start : e.end] == e.quote for e in a.evidence)
    customer = {(s.start, s.end) for s in doc.sentences if s.is_customer}
    assert all((e.start, e.end) in customer for e in a.evidence)  # interviewer turns are context


def test_prototype_with_minilm_labels_a_taxonomy_example(workspace, taxonomy):
    ex = make_extractor(Config(extractor="prototype"), workspace)
    doc = make_doc(
        "i.txt", "Maya (CFO): They hit us with a 28% increase at renewal with no warning."
    )
    (e,) = ex.extract([doc], taxonomy).evidence
    assert e.stage == "renewal"
    assert e.valence < 0
