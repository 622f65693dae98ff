from cjm_insights.spans import clauses, merge_runs, pain_phrase
from cjm_insights.types import Unit, UnitPrediction


def pred(index, start, end, stage="onboarding", valence=-1, pain=True, turn=0, doc="d", sal=0.9):
    unit = Unit(doc_id=doc, index=index, start=start, end=end, source_type="interview", turn=turn)
    return UnitPrediction(
        unit=unit, salience=sal, labels={"stage": stage, "valence": valence, "pain_point": pain}
    )


def spans(runs):
    return [(r[0].unit.start, r[-1].unit.end) for r in runs]


def test_adjacent_compatible_sentences_merge_into_one_quote():
    runs = merge_runs([pred(1, 0, 30), pred(2, 31, 60)], max_units=2)
    assert spans(runs) == [(0, 60)]


def test_merging_is_bounded_in_sentences_and_characters():
    three = [pred(1, 0, 30), pred(2, 31, 60), pred(3, 61, 90)]
    assert spans(merge_runs(three, max_units=2)) == [(0, 60), (61, 90)]
    assert spans(merge_runs(three, max_units=1)) == [(0, 30), (31, 60), (61, 90)]
    long = [pred(1, 0, 300), pred(2, 301, 600)]
    assert spans(merge_runs(long, max_units=3, max_chars=450)) == [(0, 300), (301, 600)]


def test_incompatible_or_separated_sentences_stay_apart():
    cases = [
        [pred(1, 0, 30), pred(2, 31, 60, stage="usage")],  # another stage
        [pred(1, 0, 30), pred(2, 31, 60, valence=1, pain=False)],  # praise after a complaint
        [pred(1, 0, 30), pred(3, 61, 90)],  # a sentence between them was not salient
        [pred(1, 0, 30), pred(2, 31, 60, turn=1)],  # next speaker turn
        [pred(1, 0, 30), pred(2, 31, 60, doc="e")],  # another document
    ]
    for case in cases:
        assert len(merge_runs(case, max_units=3)) == 2, case


def test_valence_sign_not_level_decides_compatibility():
    runs = merge_runs([pred(1, 0, 30, valence=-1), pred(2, 31, 60, valence=-2)], max_units=2)
    assert len(runs) == 1


def test_runs_come_back_in_document_order_whatever_the_input_order():
    runs = merge_runs([pred(2, 31, 60), pred(1, 0, 30), pred(5, 100, 130)], max_units=2)
    assert spans(runs) == [(0, 60), (100, 130)]


def test_pain_is_the_clause_that_carries_the_friction():
    quote = "The demo was great, but the security questionnaire took six weeks and nearly killed the deal."
    pain = pain_phrase(quote)
    assert pain in quote
    assert pain == "the security questionnaire took six weeks and nearly killed the deal"


def test_pain_drops_filler_and_stays_short_and_verbatim():
    quote = (
        "Um, honestly, you know, the integration with NetSuite kept failing every single night for weeks "
        "and nobody on their side could tell us why it was failing or when it would be fixed at all."
    )
    pain = pain_phrase(quote)
    assert pain in quote
    assert not pain.lower().startswith(("um", "honestly", "you know"))
    assert len(pain.split()) <= 14
    assert "fail" in pain


def test_pain_uses_the_sentiment_scorer_when_given():
    quote = "We liked the reporting a lot; the invoices were a mess"
    scores = {"We liked the reporting a lot": 0.8, "the invoices were a mess": -0.6}
    assert pain_phrase(quote, lambda t: scores.get(t.strip(), 0.0)) == "the invoices were a mess"


def test_clauses_cover_the_quote_in_order():
    quote = "First part; second part, but third part."
    parts = [quote[s:e].strip() for s, e in clauses(quote)]
    assert parts == ["First part", "second part", "third part"]
