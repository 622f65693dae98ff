"""Correction round-trip: quotes.csv edited by a researcher -> corrections -> map, remembered."""

from __future__ import annotations

import csv
import io

import pytest

from cjm_insights.assemble import assemble
from cjm_insights.corrections import apply_corrections, apply_saved, read_corrections, remember
from cjm_insights.errors import CjmError
from cjm_insights.render.csv import write_csv
from cjm_insights.workspace import Workspace
from tests.map_docs import documents, evidence


def _edit(path, change):
    text = path.read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    rows = change(rows)
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(rows[0].keys()) if rows else [], lineterminator="\r\n")
    w.writeheader()
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8-sig")


@pytest.fixture
def setup(tmp_path, taxonomy):
    evs = evidence()
    jm = assemble(evs, documents(), taxonomy)
    path = write_csv(jm, tmp_path / "quotes.csv")
    return evs, path


def test_round_trip(setup, taxonomy, tmp_path):
    evs, path = setup
    pricing = next(e for e in evs if e.quote == "Pricing was fine")
    cfo = next(e for e in evs if e.quote == "the CFO signed off quickly")
    research = next(e for e in evs if e.stage == "research")

    def change(rows):
        for r in rows:
            if r["evidence_id"] == pricing.id:
                r["stage"] = "renewal"
            if r["evidence_id"] == cfo.id:
                r["reviewed"] = "yes"
        return [r for r in rows if r["evidence_id"] != research.id]

    _edit(path, change)
    found = read_corrections(path, evs, taxonomy)
    assert found == {
        pricing.id: ("edit", {"stage": "renewal"}),
        cfo.id: ("edit", {"reviewed": True}),
        research.id: ("delete", {}),
    }
    ws = Workspace(tmp_path / "ws")
    remember(ws, found)
    ws.close()
    # a later run (new process, fresh extraction) finds and applies them again
    again = apply_saved(evidence(), Workspace(tmp_path / "ws"))
    by_id = {e.id: e for e in again}
    assert research.id not in by_id and len(again) == len(evs) - 1
    assert (
        by_id[pricing.id].stage == "renewal" and by_id[pricing.id].provenance.extractor == "human"
    )
    assert by_id[cfo.id].reviewed and by_id[cfo.id].provenance.extractor == "gold"
    jm = assemble(again, documents(), taxonomy)
    stages = {s.stage: s.evidence_count for s in jm.stages}
    assert stages["research"] == 0 and stages["renewal"] == 1


def test_unchanged_file_means_no_corrections(setup, taxonomy):
    evs, path = setup
    assert read_corrections(path, evs, taxonomy) == {}  # includes the neutralised =HYPERLINK pain


def test_formula_prefix_is_undone(setup, taxonomy):
    evs, path = setup
    raw = path.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in raw
    hostile = next(e for e in evs if e.pain and e.pain.startswith("="))
    assert apply_corrections(evs, read_corrections(path, evs, taxonomy)) == evs
    assert hostile.pain.startswith("=HYPERLINK")


def test_bad_rows_name_their_line(setup, taxonomy):
    evs, path = setup

    def change(rows):
        rows[1]["stage"] = "nirvana"
        rows[3]["valence"] = "very"
        rows[4]["pain_point"] = "yes"
        rows[4]["pain"] = ""
        return rows

    _edit(path, change)
    with pytest.raises(CjmError) as err:
        read_corrections(path, evs, taxonomy)
    msg = str(err.value)
    assert f"{path}:3: stage 'nirvana' is not in taxonomy" in msg
    assert f"{path}:5: valence 'very' is not a number" in msg
    assert f"{path}:6:" in msg and "pain_point is true" in msg


def test_multiline_quote_keeps_line_numbers(taxonomy, tmp_path):
    from tests.map_docs import ev

    docs = documents()
    multi = docs[0].model_copy(update={"text": docs[0].text + "line one\nline two"})
    evs = [ev(multi, "line one\nline two", stage="awareness"), *evidence(docs)[1:3]]
    path = write_csv(assemble(evs, [multi, *docs[1:]], taxonomy), tmp_path / "q.csv")

    def change(rows):
        rows[-1]["emotion"] = "ecstatic"
        return rows

    _edit(path, change)
    with pytest.raises(
        CjmError, match=r"q\.csv:5: emotion"
    ):  # header, the 2-line row (2-3), then 4 and 5
        read_corrections(path, evs, taxonomy)


def test_unknown_id_and_missing_columns(setup, taxonomy, tmp_path):
    evs, path = setup
    _edit(path, lambda rows: [{**rows[0], "evidence_id": "ev-nothere"}, *rows[1:]])
    with pytest.raises(CjmError, match=r":2: evidence ev-nothere is not in this map"):
        read_corrections(path, evs, taxonomy)
    bad = tmp_path / "bad.csv"
    bad.write_text("quote,stage\nhello,usage\n", encoding="utf-8")
    with pytest.raises(CjmError, match=r"bad\.csv:1: missing column\(s\) evidence_id"):
        read_corrections(bad, evs, taxonomy)


def test_semicolon_csv_from_excel(setup, taxonomy):
    evs, path = setup
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    buf = io.StringIO()
    csv.writer(buf, delimiter=";").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8-sig")
    assert read_corrections(path, evs, taxonomy) == {}
