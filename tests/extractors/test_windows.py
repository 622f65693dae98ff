from llm_docs import INTERVIEW, make_doc

from cjm_insights.extractors.windows import estimate_tokens, pack, sentences_of
from cjm_insights.types import Document


def test_one_window_holds_all_turns_and_numbers_only_customer_sentences():
    doc = make_doc("i.txt", INTERVIEW)
    (w,) = pack(doc, budget=900)
    customer = [s for s in doc.sentences if s.is_customer]
    assert [s.sid for s in w.sentences if s.sid is not None] == list(range(1, len(customer) + 1))
    # interviewer questions are shown as context and never get an id
    for s in w.sentences:
        if not s.is_customer:
            assert s.sid is None
    assert "(context) How did you first hear about Ledgerly?" in w.text
    assert "[1] We kept missing renewals because everything lived in spreadsheets." in w.text
    assert "--- Maya (customer, CFO) ---" in w.text


def test_small_budget_packs_whole_turns_and_every_customer_sentence_once():
    doc = make_doc("i.txt", INTERVIEW)
    windows = pack(doc, budget=40)
    assert len(windows) > 1
    cited = [(s.start, s.end) for w in windows for s in w.sentences if s.sid is not None]
    assert sorted(cited) == sorted((s.start, s.end) for s in doc.sentences if s.is_customer)
    assert len(cited) == len(set(cited))
    for w in windows:
        core = [s for s in w.sentences if s.sid is not None]
        assert sum(estimate_tokens(doc.text[s.start : s.end]) for s in core) <= 40
        assert [w.index for w in windows] == list(range(len(windows)))


def test_long_turn_splits_at_sentence_boundaries_with_context_around():
    text = "Ana (Admin): " + " ".join(
        f"Sentence number {i} is about the rollout." for i in range(30)
    )
    doc = make_doc("long.txt", text)
    windows = pack(doc, budget=50)
    assert len(windows) >= 5
    second = windows[1]
    # the window starts with context from the end of the previous one
    assert second.sentences[0].sid is None
    assert second.sentences[-1].sid is None  # and one sentence of context after
    for s in second.sentences:
        assert doc.text[s.start : s.end].startswith("Sentence number")


def test_document_without_sentences_falls_back_to_a_rough_split():
    doc = Document(
        id="t.csv#1", source_type="ticket", path="t.csv", text="SSO is broken. Please help!\nThanks"
    )
    spans = [doc.text[s.start : s.end] for s in sentences_of(doc)]
    assert spans == ["SSO is broken.", "Please help!", "Thanks"]
    (w,) = pack(doc)
    assert w.text.splitlines() == ["[1] SSO is broken.", "[2] Please help!", "[3] Thanks"]


def test_window_of_only_interviewer_text_is_dropped():
    doc = make_doc("q.txt", "Interviewer: Hello? Is anyone there?")
    assert pack(doc) == []
