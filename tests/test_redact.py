"""PII redaction: Presidio finds it, offline; slices are redacted, the source never changes."""

import pytest

from cjm_insights.redact import Redactor, find_pii
from cjm_insights.types import Document

TEXT = (
    "Hi, I'm Dana Whitfield from Northwind. Reach me at dana.w@example.com or +1 415 555 0132.\n"
    "Our card 4111 1111 1111 1111 was charged twice. Reset link: https://x.io/reset?token=abc123def\n"
    "Office line 212.555.0199, IP 10.1.2.3."
)
DOC = Document(id="t.txt", source_type="ticket", path="t.txt", text=TEXT)


@pytest.fixture(scope="module")
def redactor():
    return Redactor()


def test_finds_each_kind_of_pii_offline():
    kinds = {s.entity for s in find_pii(TEXT)}
    assert {"EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "URL", "PERSON", "IP_ADDRESS"} <= kinds


def test_redacted_text_keeps_no_pii_and_names_what_was_removed(redactor):
    out = redactor.document(DOC)
    for secret in (
        "dana.w@example.com",
        "415 555 0132",
        "4111 1111",
        "token=abc123def",
        "212.555.0199",
        "Dana Whitfield",
        "10.1.2.3",
    ):
        assert secret not in out
    assert "<EMAIL_ADDRESS>" in out and "<PHONE_NUMBER>" in out and "<PERSON>" in out
    assert "charged twice" in out  # the evidence itself survives


def test_slices_are_redacted_in_document_offsets(redactor):
    start = TEXT.index("Reach")
    end = TEXT.index("\n")
    assert redactor.slice(DOC, start, end) == "Reach me at <EMAIL_ADDRESS> or <PHONE_NUMBER>."
    assert DOC.text == TEXT  # the document itself is untouched: quotes stay verbatim


def test_slice_cutting_through_a_pii_span_still_hides_the_part_inside(redactor):
    start = TEXT.index("example.com")
    out = redactor.slice(DOC, start, start + 20)
    assert "example.com" not in out
