"""The label reader rejects every kind of bad line, naming its line; the writer round-trips."""

from __future__ import annotations

import json

import pytest
from label_docs import GOOD, START, TEXT

from cjm_insights.errors import CjmError
from cjm_insights.evaluation.labels import (
    check_labels,
    read_labels,
    texts_from_corpus,
    write_labels,
)


def line(**changes) -> str:
    row = {k: v for k, v in (GOOD | changes).items() if v is not ...}
    return json.dumps(row)


BAD = {
    "json": ('{"doc": "a.txt", "start": 3', "not valid JSON"),
    "not an object": ("[1, 2, 3]", "must be a JSON object"),
    "missing field": (line(stage=...), "missing field(s): stage"),
    "unknown stage": (line(stage="purchase"), "stage 'purchase' is not in taxonomy"),
    "unknown emotion": (line(emotion="meh"), "emotion 'meh'"),
    "start >= end": (line(end=START), "must be < end"),
    "outside document": (
        line(start=len(TEXT) - 2, end=len(TEXT) + 5, quote="t.xxxxx"),
        "outside document",
    ),
    "quote mismatch": (line(quote="The security review took six WEEKS."), "not the quote"),
    "pain without text": (line(pain=None), "pain (text) and severity"),
    "pain text without pain": (
        line(pain_point=False, severity=None),
        "pain and severity must be null",
    ),
    "unknown document": (line(doc="nope.txt"), "unknown document 'nope.txt'"),
    "valence out of range": (line(valence=3), "valence"),
}


@pytest.mark.parametrize("kind", list(BAD))
def test_each_kind_of_bad_line_is_rejected_with_its_line_number(tmp_path, taxonomy, kind):
    bad, message = BAD[kind]
    path = tmp_path / "labels.jsonl"
    path.write_text(line() + "\n\n" + bad + "\n" + line() + "\n")
    quotes, errors = check_labels(path, {"a.txt": TEXT}, taxonomy)
    assert len(quotes) == 2  # the good lines around it are kept
    assert len(errors) == 1
    assert errors[0].startswith(f"{path}:3: ")
    assert message in errors[0]


def test_all_errors_are_collected_before_raising(tmp_path, taxonomy):
    path = tmp_path / "labels.jsonl"
    path.write_text("\n".join([line(), BAD["json"][0], line(stage="x"), line(quote="nope")]) + "\n")
    with pytest.raises(CjmError) as exc:
        read_labels(path, {"a.txt": TEXT}, taxonomy)
    msg = str(exc.value)
    assert "3 bad label line(s)" in msg
    assert f"{path}:2:" in msg and f"{path}:3:" in msg and f"{path}:4:" in msg


def test_predictions_mode_scores_ungrounded_quotes_instead_of_rejecting(tmp_path, taxonomy):
    path = tmp_path / "predictions.jsonl"
    path.write_text(line(quote="Something the model made up.") + "\n" + line(stage="nope") + "\n")
    quotes, errors = check_labels(path, {"a.txt": TEXT}, taxonomy, strict=False)
    assert [q.quote for q in quotes] == ["Something the model made up."]
    assert len(errors) == 1 and ":2:" in errors[0]  # labels are still checked


def test_write_then_read_round_trips_with_provenance(tmp_path, taxonomy):
    src = tmp_path / "in.jsonl"
    src.write_text(
        line(provenance={"extractor": "llm", "model": "m"}, confidence=0.9, note="ignored") + "\n"
    )
    quotes = read_labels(src, {"a.txt": TEXT}, taxonomy, source_types={"a.txt": "interview"})
    assert quotes[0].source_type == "interview" and quotes[0].line == 1
    out = write_labels(tmp_path / "out.jsonl", quotes)
    row = json.loads(out.read_text())
    assert list(row)[:4] == ["doc", "start", "end", "quote"]
    assert row["provenance"]["extractor"] == "llm" and row["confidence"] == 0.9
    assert "line" not in row and "note" not in row
    again = read_labels(out, {"a.txt": TEXT}, taxonomy)
    assert again[0].model_dump(exclude={"line", "source_type"}) == quotes[0].model_dump(
        exclude={"line", "source_type"}
    )


def test_table_records_resolve_as_ingestion_makes_them(tmp_path, taxonomy):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "tickets.csv").write_text(
        "id,subject,body\nT-7,Export,The export to NetSuite fails every night.\n"
    )
    quote = "fails every night"
    text = "The export to NetSuite fails every night."
    start = text.index(quote)
    path = tmp_path / "labels.jsonl"
    row = GOOD | {"doc": "tickets.csv#T-7", "start": start, "end": start + len(quote), "quote": quote,
                  "stage": "support", "touchpoint": "support_ticket"}  # fmt: skip
    path.write_text(json.dumps(row) + "\n" + json.dumps(row | {"doc": "tickets.csv#T-8"}) + "\n")
    quotes, errors = check_labels(path, texts_from_corpus(corpus), taxonomy)
    assert [q.doc_id for q in quotes] == ["tickets.csv#T-7"]
    assert len(errors) == 1 and ":2:" in errors[0] and "tickets.csv#T-8" in errors[0]
