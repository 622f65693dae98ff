"""quotes.csv: BOM, one row per evidence, formula injection neutralised, numbers untouched."""

from __future__ import annotations

import csv
import io

import pytest

from cjm_insights.render.csv import COLUMNS, neutralise, unneutralise, write_csv


def test_rows_columns_and_bom(jm, tmp_path):
    raw = write_csv(jm, tmp_path / "quotes.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with a BOM
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert (
        tuple(rows[0]) == COLUMNS and COLUMNS[0] == "quote"
    )  # whiteboards make stickies of column 1
    assert len(rows) == len(jm.evidence)
    assert {r["evidence_id"] for r in rows} == {e.id for e in jm.evidence}
    order = [s.stage for s in jm.stages]
    assert [order.index(r["stage"]) for r in rows] == sorted(order.index(r["stage"]) for r in rows)
    dana = next(r for r in rows if r["quote"] == "the CFO signed off quickly")
    e = next(e for e in jm.evidence if e.quote == "the CFO signed off quickly")
    assert (dana["doc_id"], dana["start"], dana["end"], dana["speaker"]) == (
        e.doc_id,
        str(e.start),
        str(e.end),
        "Dana",
    )
    assert dana["reviewed"] == "" and dana["pain_point"] == "no"
    sso = next(r for r in rows if r["stage"] == "support")
    assert sso["valence"] == "-2"  # a plain number is not a formula: left alone


def test_formula_cells_neutralised(jm, tmp_path):
    rows = list(
        csv.DictReader(
            io.StringIO(write_csv(jm, tmp_path / "q.csv").read_text(encoding="utf-8-sig"))
        )
    )
    hostile = next(r for r in rows if r["source_type"] == "review")
    assert hostile["pain"].startswith("'=HYPERLINK")
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "@", "\t", "\r")), value
            assert not value.startswith("-") or value.lstrip("-").isdigit(), value


@pytest.mark.parametrize("value", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", "'=x"])
def test_neutralise_round_trip(value):
    safe = neutralise(value)
    assert safe.startswith("'")
    assert unneutralise(safe) == value


@pytest.mark.parametrize("value", ["-2", "+1", "3.5", "plain", "", "it's"])
def test_harmless_cells_unchanged(value):
    assert neutralise(value) == value and unneutralise(value) == value
