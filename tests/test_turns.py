"""Speaker turns: each transcript style, continuation lines, roles and the interviewer side."""

from __future__ import annotations

from cjm_insights.turns import cue_turns, parse_turns


def spans(text, turns):
    return [(t.speaker, t.role, t.is_customer, text[t.start : t.end]) for t in turns]


def test_name_colon_turns_with_continuation_lines():
    text = (
        "Customer interview, 2024-09-18\n"
        "Participants: Maya Lindqvist (Acme, customer research), Renata Alvarez (Procurement Manager)\n\n"
        "Maya: Thanks for joining. What came before us?\n\n"
        "Renata: Email, honestly.\nAnd a spreadsheet called FINAL v3.\n\n"
        "Maya: How did that go?\n"
        "Renata: Badly.\n"
    )
    assert spans(text, parse_turns(text)) == [
        ("Maya", "Acme, customer research", False, "Thanks for joining. What came before us?"),
        (
            "Renata",
            "Procurement Manager",
            True,
            "Email, honestly.\nAnd a spreadsheet called FINAL v3.",
        ),
        ("Maya", "Acme, customer research", False, "How did that go?"),
        ("Renata", "Procurement Manager", True, "Badly."),
    ]


def test_name_with_role_in_parentheses():
    text = "Tom (Interviewer): Your role?\nGraham (VP Finance): I own FP&A.\nTom (Interviewer): And?\nGraham (VP Finance): Procurement too.\n"
    turns = parse_turns(text)
    assert spans(text, turns)[:2] == [
        ("Tom", "Interviewer", False, "Your role?"),
        ("Graham", "VP Finance", True, "I own FP&A."),
    ]


def test_bracketed_and_bare_timestamps():
    text = "[00:00:04] Sam: Hi Tasha?\n[00:00:15] Tasha: Hi.\n00:01:02 Sam: Why did you leave?\n00:01:09 Tasha: Price.\n"
    assert [(s, t) for s, _, _, t in spans(text, parse_turns(text))] == [
        ("Sam", "Hi Tasha?"), ("Tasha", "Hi."), ("Sam", "Why did you leave?"), ("Tasha", "Price."),
    ]  # fmt: skip


def test_q_and_a_turns():
    text = "Q: First tool?\nA: Spreadsheets.\nQ: Then?\nA: Pathwise.\n"
    turns = parse_turns(text)
    assert [(t.speaker, t.is_customer) for t in turns] == [
        ("Q", False),
        ("A", True),
        ("Q", False),
        ("A", True),
    ]
    assert text[turns[1].start : turns[1].end] == "Spreadsheets."


def test_interviewer_participant_labels_and_chat_names():
    text = "Interviewer: ok rolling\nParticipant: two locations\nInterviewer: before that?\nParticipant: square\n"
    assert [(t.speaker, t.role, t.is_customer) for t in parse_turns(text)][:2] == [
        ("Interviewer", "interviewer", False),
        ("Participant", None, True),
    ]
    chat = "[Mon 09:02] beth.k: coffee machine broken\n[Mon 09:03] sven.l: tragedy\n[Mon 09:10] beth.k: renewal?\n[Mon 09:11] sven.l: wed\n"
    assert [t.speaker for t in parse_turns(chat)] == ["beth.k", "sven.l", "beth.k", "sven.l"]


def test_one_off_and_header_labels_are_not_speakers():
    text = "Date: 2024-01-01\nSummary: lost on price.\nThe thing is: nobody read the proposal.\nFrom: a@b.example\nFrom: c@d.example\n"
    assert parse_turns(text) == []


def test_header_names_the_interviewer_and_customer_role():
    text = (
        "Date: 2024-11-07 | Interviewer: Sam Okonkwo | Customer: Tasha Kowalczyk, Head of Operations\n\n"
        "Sam: Hi Tasha.\nTasha: Hi.\nSam: Thanks.\nTasha: Sure.\n"
    )
    assert {(t.speaker, t.role, t.is_customer) for t in parse_turns(text)} == {
        ("Sam", "interviewer", False),
        ("Tasha", "Head of Operations", True),
    }


def test_first_speaker_asking_most_questions_is_the_interviewer():
    text = "Ana: How did you hear of us?\nBo: A peer.\nAna: And then?\nBo: A demo.\nAna: Was it good?\nBo: Yes.\n"
    assert {(t.speaker, t.is_customer) for t in parse_turns(text)} == {("Ana", False), ("Bo", True)}


def test_vtt_voice_tags_give_speaker_and_cue_text_span():
    text = (
        "WEBVTT\n\nNOTE recorded 2024-08-27\n\n"
        "1\n00:00:03.200 --> 00:00:08.385\n<v Maya Lindqvist>Could you introduce yourself?</v>\n\n"
        "2\n00:00:09.685 --> 00:00:19.685\n<v.loud Kenji Brandt>Yeah. I do security reviews,\nmostly for payments.\n\n"
        "3\n00:00:20.000 --> 00:00:21.000\n<v Maya Lindqvist>How did it start?\n"
    )
    assert spans(text, cue_turns(text)) == [
        ("Maya Lindqvist", "interviewer", False, "Could you introduce yourself?"),
        ("Kenji Brandt", None, True, "Yeah. I do security reviews,\nmostly for payments."),
        ("Maya Lindqvist", "interviewer", False, "How did it start?"),
    ]


def test_srt_cues_with_name_labels_and_without_speakers():
    text = (
        "1\n00:00:01,000 --> 00:00:02,000\nInterviewer: Why switch?\n\n"
        "2\n00:00:02,500 --> 00:00:04,000\nKeisha: Our ATS was slow.\n\n"
        "3\n00:00:04,500 --> 00:00:05,000\nInterviewer: And now?\n\n"
        "4\n00:00:05,500 --> 00:00:07,000\nKeisha: Faster.\n\n"
        "5\n00:00:07,500 --> 00:00:08,000\n(laughs)\n"
    )
    assert [(s, c, t) for s, _, c, t in spans(text, cue_turns(text))] == [
        ("Interviewer", False, "Why switch?"),
        ("Keisha", True, "Our ATS was slow."),
        ("Interviewer", False, "And now?"),
        ("Keisha", True, "Faster."),
        (None, True, "(laughs)"),
    ]
