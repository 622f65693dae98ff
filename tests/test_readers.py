"""Readers: each format's text rules (labels.md section 2) and each kind of bad input."""

from __future__ import annotations

import docx
import pytest

from cjm_insights import readers
from cjm_insights.types import TableOptions


def read(tmp_path, name, content, **options):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return readers.read(path, name, TableOptions(**options))


def only_text(result):
    assert not result.problems
    [record] = result.records
    assert record.key is None
    return record.text


# ------------------------------------------------------------------ text files


def test_text_file_is_kept_whole_with_newlines_normalised(tmp_path):
    raw = "  Header line\r\n\r\nInterviewer: Hi?\rDana: Hello.  \n"
    assert (
        only_text(read(tmp_path, "a.txt", raw))
        == "  Header line\n\nInterviewer: Hi?\nDana: Hello.  \n"
    )


def test_utf8_bom_is_stripped(tmp_path):
    text = only_text(read(tmp_path, "a.md", "\ufeffOnboarding was quick.".encode()))
    assert text == "Onboarding was quick."


def test_cp1252_file_is_decoded(tmp_path):
    raw = "We\u2019d pay \u20ac40 \u2013 caf\u00e9 prices.\r\n".encode("cp1252")
    assert (
        only_text(read(tmp_path, "a.txt", raw))
        == "We\u2019d pay \u20ac40 \u2013 caf\u00e9 prices.\n"
    )


def test_vtt_keeps_cue_timings_in_its_text(tmp_path):
    raw = "WEBVTT\r\n\r\n1\r\n00:00:01.000 --> 00:00:02.000\r\n<v Ann>Hello.</v>\r\n"
    assert (
        only_text(read(tmp_path, "a.vtt", raw))
        == "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\n<v Ann>Hello.</v>\n"
    )


def test_docx_paragraphs_joined_by_newlines(tmp_path):
    document = docx.Document()
    for para in ("Interviewer: Why did you churn?", "Sam: The price went up 28%.", ""):
        document.add_paragraph(para)
    document.save(tmp_path / "call.docx")
    result = readers.read(tmp_path / "call.docx", "call.docx")
    assert only_text(result) == "Interviewer: Why did you churn?\nSam: The price went up 28%.\n"


# ------------------------------------------------------------------ tables


def test_csv_record_text_and_id_with_embedded_newlines(tmp_path):
    raw = 'ID,Subject,Priority,Body\r\nT-7,Export,high,"Line one.\r\nLine two, with a comma."\r\nT-8,SSO,low,Loops.\r\n'
    result = read(tmp_path, "t.csv", raw)
    assert not result.problems
    first, second = result.records
    assert (first.key, first.text) == ("T-7", "Line one.\nLine two, with a comma.")
    assert first.metadata == {"ID": "T-7", "Subject": "Export", "Priority": "high"}
    assert (second.key, second.text) == ("T-8", "Loops.")


def test_csv_without_id_column_uses_row_numbers(tmp_path):
    result = read(tmp_path, "nps.csv", "score,comment\n9,Great.\n3,Too pricey.\n")
    assert [(r.key, r.text) for r in result.records] == [("1", "Great."), ("2", "Too pricey.")]


def test_csv_id_like_column_and_semicolon_delimiter(tmp_path):
    result = read(tmp_path, "t.csv", "ticket_id;description\nZ-1;Broken export.\nZ-2;Slow.\n")
    assert [r.key for r in result.records] == ["Z-1", "Z-2"]
    assert result.records[0].text == "Broken export."


def test_explicit_columns_win_over_detection(tmp_path):
    raw = "key,text,verbatim\nk1,ignored,The quote we want.\n"
    result = read(tmp_path, "t.csv", raw, text_column="Verbatim", id_column="KEY")
    assert [(r.key, r.text) for r in result.records] == [("k1", "The quote we want.")]


def test_missing_explicit_column_is_a_problem_naming_the_columns(tmp_path):
    result = read(tmp_path, "t.csv", "id,body\n1,x\n", text_column="notes_text")
    assert not result.records
    assert "no text column 'notes_text' (columns: id, body)" in result.problems[0].message


def test_malformed_csv_row_is_skipped_with_its_line(tmp_path):
    raw = 'id,body\n1,"two\nlines"\n2,a,b\n3,fine\n'
    result = read(tmp_path, "t.csv", raw)
    assert [r.key for r in result.records] == ["1", "3"]
    [problem] = result.problems
    assert problem.where == "line 4" and "expected 2 fields, found 3" in problem.message


def test_duplicate_and_empty_records_are_reported(tmp_path):
    result = read(tmp_path, "t.csv", "id,text\nA,one\nA,two\nB,\n")
    assert [(r.key, r.text) for r in result.records] == [("A", "one")]
    messages = [str(p) for p in result.problems]
    assert "t.csv:line 3: duplicate id 'A'; record skipped" in messages
    assert any("1 record(s) with empty 'text' skipped (line 4)" in m for m in messages)


def test_jsonl_records_and_broken_lines(tmp_path):
    raw = '{"id": 7, "review": "Loved it.", "rating": 5}\n\n{"id": 8, "review": "Bro\n[1, 2]\n{"review": "No id."}\n'
    result = read(tmp_path, "r.jsonl", raw)
    assert [(r.key, r.text) for r in result.records] == [("7", "Loved it."), ("4", "No id.")]
    assert result.records[0].metadata == {"id": 7, "rating": 5}
    assert [(p.where, p.message.split(" (")[0]) for p in result.problems] == [
        ("line 3", "not valid JSON"),
        ("line 4", "not a JSON object; line skipped"),
    ]


def test_json_array_and_single_object(tmp_path):
    arr = read(tmp_path, "a.json", '[{"id": "x", "text": "One."}, 5, {"id": "y", "text": "Two."}]')
    assert [r.key for r in arr.records] == ["x", "y"]
    assert arr.problems[0].where == "record 2"
    one = read(tmp_path, "b.json", '{"id": "z", "body": "Only one."}')
    assert [(r.key, r.text) for r in one.records] == [("z", "Only one.")]


def test_broken_json_names_the_line(tmp_path):
    result = read(tmp_path, "a.json", '[\n {"id": 1}\n {"id": 2}\n]')
    assert not result.records
    assert result.problems[0].where == "line 3" and "not valid JSON" in result.problems[0].message


def test_text_column_falls_back_to_the_longest_column(tmp_path):
    result = read(tmp_path, "a.csv", "id,score,verbatim\n1,9,A much longer free-text answer.\n")
    assert result.records[0].text == "A much longer free-text answer."


# ------------------------------------------------------------------ bad input


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.md", b" \r\n\t\n", "empty file"),
        ("audio.txt", b"ID3\x04\x00\x00binary", "binary file (contains NUL bytes), not text"),
        (
            "bad.txt",
            b"price \x81\x8d went up",
            "cannot decode text (tried UTF-8, UTF-8 with BOM, cp1252)",
        ),
        ("fake.docx", b"plain text, not a zip", "not a valid .docx (not a zip archive)"),
        ("deck.pdf", b"%PDF-1.4", "unsupported file type '.pdf'"),
        ("Makefile", b"all:", "unsupported file type (no extension)"),
        ("header.csv", b"id,text\n", "no records"),
    ],
)
def test_bad_file_gives_one_problem_naming_it(tmp_path, name, content, message):
    result = read(tmp_path, name, content)
    assert not result.records
    [problem] = result.problems
    assert problem.path == name
    assert problem.message.startswith(message)


def test_files_over_the_size_limit_are_skipped(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_BYTES", 2**20)
    result = read(tmp_path, "long.txt", "x" * (2**20 + 1))
    assert not result.records
    assert result.problems[0].message == "file is 1.0 MB, over the 1 MB limit"


def test_the_size_limit_is_20_mb():
    assert readers.MAX_BYTES == 20 * 1024 * 1024
