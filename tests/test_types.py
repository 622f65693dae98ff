"""The data contract: every type round-trips through JSON; Evidence guards its span and labels."""

import pytest
from pydantic import ValidationError

from cjm_insights import taxonomy
from cjm_insights.types import (
    Document,
    Evidence,
    JourneyMap,
    Provenance,
    Segment,
    StageColumn,
    Theme,
    Turn,
    evidence_id,
)

PROV = Provenance(extractor="gold")


def make_evidence(**over):
    data = dict(doc_id="a.txt", start=4, end=9, quote="quote", stage="usage", touchpoint="product",
                emotion="neutral", valence=0, provenance=PROV)
    data.update(over)
    return Evidence(**data)


def test_document_round_trips_with_turns_and_sentences():
    doc = Document(id="i.txt", source_type="interview", path="i.txt", text="Ann: Hi there. Bye.",
                   turns=[Turn(start=5, end=19, speaker="Ann")],
                   sentences=[Segment(doc_id="i.txt", start=5, end=14, turn=0, speaker="Ann")])
    assert Document.model_validate_json(doc.model_dump_json()) == doc
    assert doc.span(5, 14) == "Hi there."


def test_evidence_round_trips_and_gets_a_stable_id():
    ev = make_evidence()
    assert ev.id == evidence_id("a.txt", 4, 9) == make_evidence().id
    assert Evidence.model_validate_json(ev.model_dump_json()) == ev


def test_evidence_rejects_empty_or_reversed_spans():
    with pytest.raises(ValidationError, match="start"):
        make_evidence(start=9, end=9, quote="")


def test_evidence_rejects_quote_that_does_not_fit_its_span():
    with pytest.raises(ValidationError, match="quote length"):
        make_evidence(quote="too long a quote")


def test_evidence_rejects_labels_outside_the_active_taxonomy():
    with pytest.raises(ValidationError, match="stage 'shopping' is not in taxonomy"):
        make_evidence(stage="shopping")


def test_evidence_accepts_labels_of_a_custom_taxonomy_when_it_is_active():
    tax = taxonomy.load().model_copy(deep=True)
    tax.stages[0].id = "discover"
    with taxonomy.active(tax):
        assert make_evidence(stage="discover").stage == "discover"
    assert Evidence.model_validate(make_evidence().model_dump() | {"stage": "discover"},
                                   context={"taxonomy": tax}).stage == "discover"


@pytest.mark.parametrize("over", [
    {"pain_point": True},  # pain text and severity missing
    {"pain_point": False, "pain": "slow", "severity": 1},
    {"valence": 3},
])
def test_pain_and_valence_rules(over):
    with pytest.raises(ValidationError):
        make_evidence(**over)


def test_theme_and_journey_map_round_trip():
    theme = Theme(id="t0", label="sso, saml", keywords=["sso", "saml"], size=2)
    jm = JourneyMap(title="t", taxonomy="b2b-default", stages=[StageColumn(stage="usage", name="Usage")],
                    themes=[theme], evidence=[make_evidence()])
    jm.personas["champion"] = jm.model_copy(deep=True)
    assert JourneyMap.model_validate_json(jm.model_dump_json()) == jm
