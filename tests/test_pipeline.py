"""`cjm draft` end to end on the sample corpus with the keyless default.

pytest-socket blocks every non-loopback connection for the whole suite, so this
also proves the default path needs no network.
"""

import json

import pytest
from typer.testing import CliRunner

from cjm_insights.cli import app


@pytest.mark.slow
def test_draft_sample_offline_writes_a_grounded_map(repo, tmp_path):
    out = tmp_path / "out"
    res = CliRunner().invoke(
        app,
        [
            "draft",
            str(repo / "corpora/sample"),
            "--out",
            str(out),
            "--workspace",
            str(tmp_path / "ws"),
        ],
    )
    assert res.exit_code == 0, res.output
    for name in ("map.json", "map.html", "map.md", "quotes.csv", "predictions.jsonl"):
        assert (out / name).stat().st_size > 0
    jm = json.loads((out / "map.json").read_text())
    texts = {d["id"]: d["text"] for d in jm["documents"]}
    assert len(jm["evidence"]) > 50
    for ev in jm["evidence"]:  # grounding: every quote is verbatim at its offsets
        assert texts[ev["doc_id"]][ev["start"] : ev["end"]] == ev["quote"]
    assert [c["stage"] for c in jm["stages"]][:2] == ["awareness", "research"]


def test_draft_on_a_missing_folder_is_one_clear_error(tmp_path):
    res = CliRunner().invoke(
        app, ["draft", str(tmp_path / "nope"), "--workspace", str(tmp_path / "ws")]
    )
    assert res.exit_code == 2
    assert "nope" in res.output and "Traceback" not in res.output
