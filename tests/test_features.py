import numpy as np
import pytest
from local_docs import HashEmbedder, make_doc

from cjm_insights.features import (
    EMBED_BLOCKS,
    SCALAR_NAMES,
    build_features,
    candidate_units,
    role_actor,
    unit_targets,
)

TEXT = """Interviewer: How did the evaluation go?
Priya (VP Finance): The demo was slick. But the security questionnaire took six weeks.
Interviewer: Okay.
Priya (VP Finance): Yes. Support answered our ticket in an hour."""


@pytest.mark.parametrize(
    ("role", "actor"),
    [
        ("CFO", "economic_buyer"),
        ("VP Finance", "economic_buyer"),
        ("IT Security Lead", "technical_evaluator"),
        ("Solutions Architect", "technical_evaluator"),
        ("Procurement Manager", "procurement_legal"),
        ("Legal Counsel", "procurement_legal"),
        ("Salesforce admin", "admin"),
        ("Account Executive", "vendor"),
        ("Founder", "executive_sponsor"),
        (None, None),
        ("Dog walker", None),
    ],
)
def test_role_maps_to_actor(role, actor):
    assert role_actor(role) == actor


def test_units_are_customer_sentences_with_content():
    doc = make_doc("i.txt", TEXT)
    texts = [doc.text[u.start : u.end] for u in candidate_units(doc)]
    # interviewer questions are context, "Yes." has too few words to be evidence
    assert texts == [
        "The demo was slick.",
        "But the security questionnaire took six weeks.",
        "Support answered our ticket in an hour.",
    ]
    assert {u.role_actor for u in candidate_units(doc)} == {"economic_buyer"}


def test_feature_blocks_carry_the_context():
    doc = make_doc("i.txt", TEXT)
    emb = HashEmbedder()
    (f,) = build_features([doc], emb)
    dim = emb.dim
    assert f.X.shape == (3, dim * len(EMBED_BLOCKS) + len(SCALAR_NAMES))
    sents = [doc.text[s.start : s.end] for s in doc.sentences]
    vec = dict(zip(sents, emb.embed(sents), strict=True))
    block = {name: slice(i * dim, (i + 1) * dim) for i, name in enumerate(EMBED_BLOCKS)}
    second = f.X[1]  # "But the security questionnaire took six weeks."
    np.testing.assert_allclose(
        second[block["sentence"]], vec["But the security questionnaire took six weeks."], atol=1e-6
    )
    np.testing.assert_allclose(
        second[block["question"]], vec["How did the evaluation go?"], atol=1e-6
    )
    np.testing.assert_allclose(second[block["after"]], vec["Okay."], atol=1e-6)
    # the 400 characters before: the question and "The demo was slick." averaged
    before = vec["How did the evaluation go?"] + vec["The demo was slick."]
    np.testing.assert_allclose(second[block["before"]], before / np.linalg.norm(before), atol=1e-6)
    # one encoder call for the whole batch, openings included
    assert emb.calls == 2
    # the unit that is the first sentence of its turn is flagged, the one after is not
    first_col = dim * len(EMBED_BLOCKS) + SCALAR_NAMES.index("turn_first")
    assert f.X[:, first_col].tolist() == [1.0, 0.0, 0.0]  # "Yes." (dropped) opens the last turn


def test_vader_feature_has_the_sign_of_the_sentence():
    doc = make_doc("i.txt", "Sam (User): This is terrible and broken. This is wonderful and great.")
    (f,) = build_features([doc], HashEmbedder())
    col = len(EMBED_BLOCKS) * HashEmbedder.dim + SCALAR_NAMES.index("vader_compound")
    assert f.X[0, col] < 0 < f.X[1, col]
    assert f.vader == pytest.approx(f.X[:, col].tolist(), abs=1e-6)


def test_targets_follow_the_scorers_half_overlap_rule():
    doc = make_doc("i.txt", TEXT)
    units = candidate_units(doc)
    s = doc.text.index("security questionnaire took six weeks")
    short = {
        "start": s,
        "end": s + len("security questionnaire took six weeks"),
        "stage": "evaluation",
    }
    t = unit_targets(units, [short])
    assert t[0] is None and t[1] is short and t[2] is None
    # a gold quote touching a sentence by a few characters does not make it salient
    edge = {"start": units[2].start - 20, "end": units[2].start + 3}
    assert unit_targets(units, [edge])[2] is None
