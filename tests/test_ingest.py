"""Ingestion end to end: ids, offsets, source types, bad input, the manifest and `cjm ingest`."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
import yaml
from typer.testing import CliRunner

from cjm_insights.cli import app
from cjm_insights.errors import CjmError
from cjm_insights.ingest import document_text, ingest, ingest_one
from cjm_insights.sourcetype import detect

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parents[1]


def write(root: Path, rel: str, content: str | bytes) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")


def by_id(result):
    return {d.id: d for d in result.documents}


def sentence_texts(doc):
    return [doc.text[s.start : s.end] for s in doc.sentences]


@pytest.fixture
def corpus(tmp_path):
    root = tmp_path / "corpus"
    write(root, "interviews/dana-cfo.txt",
          "Interviewer: How did you hear about us?\r\nDana (CFO): A peer told me. The security review took six weeks.\r\n"
          "Interviewer: And now?\r\nDana (CFO): We use it daily.\r\n")  # fmt: skip
    write(root, "interviews/kenji.vtt",
          "WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.000\n<v Maya>How did it start?</v>\n\n"
          "2\n00:00:03.500 --> 00:00:06.000\n<v Kenji>Through a ticket. Then a questionnaire.</v>\n")  # fmt: skip
    write(
        root,
        "tickets.csv",
        'id,subject,priority,body\nT-7,Export,high,"The export fails.\r\nEvery night."\n',
    )
    write(
        root,
        "reviews.jsonl",
        '{"id": "R-1", "rating": 2, "text": "Support was slow. Product is fine."}\n',
    )
    write(root, "deals/acme.md", "# Closed lost\n\n- Lost to Coupa on price\n")
    write(root, "README.md", "About this corpus: Interviewer: not a document.\n")
    write(root, ".hidden/secret.txt", "not ingested")
    write(root, ".cjm/cache.txt", "not ingested")
    document = docx.Document()
    document.add_paragraph("Onboarding took two weeks.")
    document.add_paragraph("SSO was the slow part.")
    (root / "notes").mkdir()
    document.save(root / "notes/kickoff.docx")
    return root


def test_every_format_with_exact_offsets(corpus):
    result = ingest(corpus)
    assert result.problems == []
    docs = by_id(result)
    assert sorted(docs) == [
        "deals/acme.md", "interviews/dana-cfo.txt", "interviews/kenji.vtt",
        "notes/kickoff.docx", "reviews.jsonl#R-1", "tickets.csv#T-7",
    ]  # fmt: skip
    dana = docs["interviews/dana-cfo.txt"]
    assert dana.text.startswith("Interviewer: How did you hear about us?\nDana (CFO): A peer")
    assert sentence_texts(dana) == [
        "How did you hear about us?", "A peer told me.", "The security review took six weeks.",
        "And now?", "We use it daily.",
    ]  # fmt: skip
    start = dana.text.index("The security review")
    assert dana.sentences[2].start == start and dana.sentences[2].role == "CFO"
    kenji = docs["interviews/kenji.vtt"]
    assert sentence_texts(kenji) == [
        "How did it start?",
        "Through a ticket.",
        "Then a questionnaire.",
    ]
    assert [s.speaker for s in kenji.sentences] == ["Maya", "Kenji", "Kenji"]
    ticket = docs["tickets.csv#T-7"]
    assert ticket.text == "The export fails.\nEvery night."
    assert sentence_texts(ticket) == ["The export fails.", "Every night."]
    assert ticket.metadata == {"id": "T-7", "subject": "Export", "priority": "high"}
    assert sentence_texts(docs["reviews.jsonl#R-1"]) == ["Support was slow.", "Product is fine."]
    assert docs["notes/kickoff.docx"].text == "Onboarding took two weeks.\nSSO was the slow part."
    assert sentence_texts(docs["deals/acme.md"]) == ["Closed lost", "Lost to Coupa on price"]


def test_source_types_are_detected(corpus):
    types = {d.id: d.source_type for d in ingest(corpus).documents}
    assert types == {
        "interviews/dana-cfo.txt": "interview", "interviews/kenji.vtt": "interview",
        "tickets.csv#T-7": "ticket", "reviews.jsonl#R-1": "review",
        "deals/acme.md": "lost_deal", "notes/kickoff.docx": "notes",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("rel", "columns", "expected"),
    [
        ("win-loss/q3.md", None, "lost_deal"),
        ("support/export.txt", None, "ticket"),
        ("g2/export.json", None, "review"),
        ("calls/acme.txt", None, "interview"),
        ("qbr/acme.md", None, "notes"),
        ("export.csv", ["id", "Rating", "text"], "review"),
        ("export.csv", ["id", "Status", "body"], "ticket"),
        ("misc/file.txt", None, "notes"),
    ],
)
def test_detection_by_names_and_columns(rel, columns, expected):
    assert detect(rel, columns) == expected


def test_turns_in_the_content_mean_an_interview(tmp_path):
    write(tmp_path, "misc/x.txt", "Ann: Hi?\nBo: Hi.\nAnn: Why?\nBo: Price.\n")
    assert ingest(tmp_path).documents[0].source_type == "interview"


def test_manifest_beats_flag_beats_detection(tmp_path):
    write(tmp_path, "cjm.yaml", yaml.safe_dump({"source_types": {"interviews": "lost_deal"}}))
    write(tmp_path, "interviews/a.txt", "Lost on price.")
    write(tmp_path, "support/b.txt", "Export broken.")
    types = {d.id: d.source_type for d in ingest(tmp_path, source_type="review").documents}
    assert types == {"interviews/a.txt": "lost_deal", "support/b.txt": "review"}


def test_manifest_sets_table_columns(tmp_path):
    manifest = {"tables": {"nps.csv": {"text_column": "why", "id_column": "resp"}}}
    write(tmp_path, "cjm.yaml", yaml.safe_dump(manifest))
    write(tmp_path, "nps.csv", "resp,score,why,text\nr1,3,Too expensive.,ignored\n")
    [doc] = ingest(tmp_path).documents
    assert (doc.id, doc.text) == ("nps.csv#r1", "Too expensive.")
    assert document_text(tmp_path, "nps.csv#r1") == "Too expensive."


def test_bad_manifest_names_the_key(tmp_path):
    write(tmp_path, "cjm.yaml", "source_types:\n  'interviews/*': interviw\n")
    with pytest.raises(
        CjmError, match=r"cjm.yaml: invalid manifest:\n  source_types.interviews/\*"
    ):
        ingest(tmp_path)


def test_flags_choose_columns(tmp_path):
    write(tmp_path, "t.csv", "key,text,verbatim\nk1,short,The real quote.\n")
    [doc] = ingest(tmp_path, text_column="verbatim", id_column="key").documents
    assert (doc.id, doc.text) == ("t.csv#k1", "The real quote.")


def test_missing_corpus_is_an_error_not_a_traceback(tmp_path):
    with pytest.raises(CjmError, match="no such corpus folder"):
        ingest(tmp_path / "nope")
    write(tmp_path, "file.txt", "x")
    with pytest.raises(CjmError, match="not a folder"):
        ingest(tmp_path / "file.txt")
    with pytest.raises(CjmError, match="unknown source type 'interviews'"):
        ingest(tmp_path, source_type="interviews")


# ------------------------------------------------------------ broken fixtures


def test_broken_corpus_keeps_good_files_and_names_every_bad_one():
    result = ingest(FIXTURES / "broken")
    assert sorted(by_id(result)) == [
        "interviews/bom-notes.md", "interviews/cp1252-notes.txt", "interviews/good-interview.txt",
        "reviews.jsonl#R-1", "reviews.jsonl#R-4", "tickets.csv#T-1", "tickets.csv#T-3",
    ]  # fmt: skip
    assert sorted(str(p) for p in result.problems) == [
        "broken.json:line 2: not valid JSON: Expecting ',' delimiter",
        "interviews/call.docx: not a valid .docx (not a zip archive)",
        "interviews/deck.pdf: unsupported file type '.pdf'; supported: .txt, .md, .vtt, .srt, .docx, .csv, .jsonl, .json",
        "interviews/empty.txt: empty file",
        "interviews/recording.txt: binary file (contains NUL bytes), not text",
        "interviews/undecodable.txt: cannot decode text (tried UTF-8, UTF-8 with BOM, cp1252)",
        "interviews/whitespace-only.md: empty file",
        "reviews.jsonl:line 2: not valid JSON (Unterminated string starting at, column 36); line skipped",
        "reviews.jsonl:line 3: not a JSON object; line skipped",
        "tickets.csv: 1 record(s) with empty 'body' skipped (line 6)",
        "tickets.csv:line 4: expected 4 fields, found 3; record skipped",
    ]
    docs = by_id(result)
    assert (
        docs["interviews/bom-notes.md"].text == "The onboarding call was great.\nSSO took two days."
    )
    assert (
        docs["interviews/cp1252-notes.txt"].text
        == "Caf\u00e9 owner: we\u2019d pay \u20ac40 a month.\nMaybe more.\n"
    )
    assert docs["tickets.csv#T-1"].text == "The export fails every night.\nWe lose a day each time."


# ------------------------------------------------------------ document_text


def test_document_text_resolves_ids_as_ingest_does(corpus):
    for doc in ingest(corpus).documents:
        assert document_text(corpus, doc.id) == doc.text
    with pytest.raises(CjmError, match="tickets.csv#T-99"):
        document_text(corpus, "tickets.csv#T-99")
    with pytest.raises(CjmError, match="no file"):
        document_text(corpus, "../outside.txt")


def test_ingest_one_reads_a_single_file(corpus):
    docs, problems = ingest_one(corpus / "tickets.csv", corpus)
    assert problems == [] and [d.id for d in docs] == ["tickets.csv#T-7"]
    assert docs[0].sentences and docs[0].source_type == "ticket"


# ------------------------------------------------------------ the sample corpus


def test_sample_corpus_types_match_its_manifest_and_offsets_are_exact():
    """corpora/sample: every document has the type its cjm.yaml gives; every span is exact."""
    from cjm_insights.sourcetype import load_manifest, manifest_type

    sample = REPO / "corpora" / "sample"
    result = ingest(sample)
    manifest = load_manifest(sample)
    assert result.documents and not result.problems
    for doc in result.documents:
        assert doc.source_type == (manifest_type(manifest, doc.path) or doc.source_type)
        assert doc.sentences, doc.id
        for s in doc.sentences:
            piece = doc.text[s.start : s.end]
            assert piece and piece == piece.strip(), (doc.id, s)
        for t in doc.turns:
            assert doc.text[t.start : t.end].strip() == doc.text[t.start : t.end]
    if (sample / "interviews").is_dir():
        assert all(d.turns for d in result.documents if d.path.startswith("interviews/"))


# ------------------------------------------------------------ CLI


def flat(output: str) -> str:
    return " ".join(output.split())  # rich wraps long lines at the terminal width


def test_cli_prints_counts_and_skipped_files():
    result = CliRunner().invoke(app, ["ingest", str(FIXTURES / "broken")])
    assert result.exit_code == 0, result.output
    assert "interview" in result.output and "ticket" in result.output
    assert "11 skipped" in result.output
    assert "interviews/call.docx: not a valid .docx" in flat(result.output)


def test_cli_json_emits_documents(corpus):
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--json"])
    assert result.exit_code == 0
    docs = json.loads(result.stdout)
    assert {d["id"] for d in docs} >= {"tickets.csv#T-7", "interviews/kenji.vtt"}
    assert all(d["sentences"] for d in docs)


def test_cli_exit_codes(tmp_path):
    missing = CliRunner().invoke(app, ["ingest", str(tmp_path / "nope")])
    assert missing.exit_code == 2 and "no such corpus folder" in flat(missing.output)
    write(tmp_path, "c/empty.txt", b"")
    nothing = CliRunner().invoke(app, ["ingest", str(tmp_path / "c")])
    assert nothing.exit_code == 1 and "nothing could be ingested" in flat(nothing.output)
