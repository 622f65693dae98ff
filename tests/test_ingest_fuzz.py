"""Hostile and broken input, generated: ingestion ends in documents or per-file problems, never a crash.

About 1,100 generated files per run (counts in each test's settings): random bytes
under every supported extension, transcripts and tables made of awkward text
(zero-width and right-to-left characters, embedded quotes and newlines, odd
encodings), and deeply nested JSON. Every document that comes out must still be
addressable: turns and sentences inside the text, offsets that slice cleanly.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cjm_insights import readers
from cjm_insights.ingest import ingest, ingest_one

EXTS = (".txt", ".md", ".vtt", ".srt", ".csv", ".jsonl", ".json", ".docx")
AWKWARD = "\u200b\u200c\u200d\u2060\ufeff\u202e\u202d\u200f\u061c\u0627\u05d0\u00e9\u4e2d\U0001f600"


def fuzz(n: int) -> settings:
    return settings(
        max_examples=n,
        deadline=timedelta(seconds=10),  # a hang or catastrophic backtracking fails the test
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        derandomize=True,  # the same inputs every run: CI cannot go red by luck
    )


awkward_text = st.text(
    alphabet=st.one_of(st.characters(codec="utf-8"), st.sampled_from(list(AWKWARD + ':\n"[],.?!'))),
    max_size=400,
)


def ingest_bytes(name: str, data: bytes):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        return ingest_one(path, tmp)


def assert_well_formed(docs, problems, name):
    for p in problems:
        assert p.path == name and p.message  # names the file, says what is wrong
    for d in docs:
        assert d.text.strip()
        assert d.id == name or d.id.startswith(f"{name}#")
        for t in d.turns:
            assert 0 <= t.start <= t.end <= len(d.text)
        for s in d.sentences:
            assert 0 <= s.start < s.end <= len(d.text)
            assert d.text[s.start : s.end].strip()


@pytest.fixture(scope="module", autouse=True)
def _warm():
    ingest_bytes("warm.txt", b"Ana: spaCy loads once, before the deadline counts.")


@fuzz(400)
@given(ext=st.sampled_from(EXTS), data=st.binary(max_size=3000))
def test_random_bytes_under_any_extension(ext, data):
    docs, problems = ingest_bytes(f"f{ext}", data)
    assert_well_formed(docs, problems, f"f{ext}")
    assert docs or problems  # never silently nothing


@fuzz(250)
@given(
    turns=st.lists(
        st.tuples(
            st.sampled_from(["Ana", "[00:01:02] Bo", "Cy (CFO)", "<v Di>", ""]), awkward_text
        ),
        max_size=12,
    ),
    ext=st.sampled_from([".txt", ".md", ".vtt", ".srt"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"]),
)
def test_transcripts_with_awkward_text_and_encodings(turns, ext, encoding):
    text = "\n".join(f"{who}: {said}" if who else said for who, said in turns)
    data = text.encode(encoding, errors="replace")
    docs, problems = ingest_bytes(f"t{ext}", data)
    assert_well_formed(docs, problems, f"t{ext}")


@fuzz(250)
@given(
    header=st.lists(
        st.sampled_from(["id", "body", "text", "review", "customer", "", "Id", "notes"]),
        min_size=1,
        max_size=5,
    ),
    rows=st.lists(st.lists(awkward_text, max_size=6), max_size=8),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_csv_with_embedded_newlines_quotes_and_ragged_rows(header, rows, delimiter):
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    docs, problems = ingest_bytes("t.csv", buf.getvalue().encode("utf-8"))
    assert_well_formed(docs, problems, "t.csv")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | awkward_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(awkward_text, inner, max_size=4),
    max_leaves=20,
)


@fuzz(150)
@given(
    items=st.lists(
        st.one_of(
            json_values,
            st.fixed_dictionaries({"id": json_values, "text": json_values}),
            st.fixed_dictionaries({"body": awkward_text}),
        ),
        max_size=6,
    ),
    as_lines=st.booleans(),
)
def test_json_and_jsonl_of_any_shape(items, as_lines):
    name = "t.jsonl" if as_lines else "t.json"
    data = "\n".join(json.dumps(i) for i in items) if as_lines else json.dumps(items)
    docs, problems = ingest_bytes(name, data.encode())
    assert_well_formed(docs, problems, name)


@fuzz(50)
@given(
    depth=st.integers(min_value=100, max_value=200_000), ext=st.sampled_from([".json", ".jsonl"])
)
def test_deeply_nested_json_is_a_problem_not_a_crash(depth, ext):
    data = ("[" * depth + "]" * depth).encode()
    docs, problems = ingest_bytes(f"deep{ext}", data)
    assert_well_formed(docs, problems, f"deep{ext}")
    assert not docs and problems


def test_a_ten_megabyte_single_line_file_is_ingested(tmp_path):
    line = ("The renewal quote doubled and nobody warned us " * 220_000)[: 10 * 2**20]
    (tmp_path / "huge.txt").write_text(line)
    (tmp_path / "fine.txt").write_text("Ana: The onboarding call was great.")
    result = ingest(tmp_path)
    assert sorted(d.id for d in result.documents) == ["fine.txt", "huge.txt"]
    assert len(result.documents[1].text) == len(line)


def test_files_over_the_size_limit_are_skipped_with_a_message(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_BYTES", 1000)
    (tmp_path / "big.csv").write_text("id,body\n" + "1,x\n" * 500)
    (tmp_path / "fine.txt").write_text("Ana: The onboarding call was great.")
    result = ingest(tmp_path)
    assert [d.id for d in result.documents] == ["fine.txt"]
    (p,) = result.problems
    assert p.path == "big.csv" and "limit" in p.message
