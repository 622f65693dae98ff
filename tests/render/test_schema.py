"""map.json and its published schema; the render / schema / assemble commands."""

from __future__ import annotations

import csv
import io
import json

import jsonschema
from typer.testing import CliRunner

from cjm_insights.cli import app
from cjm_insights.render import write_outputs
from cjm_insights.render.schema import map_schema, schema_text

runner = CliRunner()


def test_published_schema_is_current(repo):
    published = (repo / "schemas" / "map.schema.json").read_text(encoding="utf-8")
    assert published == schema_text(), "regenerate: cjm schema > schemas/map.schema.json"


def test_map_json_validates_and_round_trips(jm, tmp_path):
    from cjm_insights.render.json import read_map

    paths = write_outputs(jm, tmp_path)
    assert set(paths) == {"json", "html", "md", "csv"}
    data = json.loads(paths["json"].read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(map_schema()).validate(data)
    assert read_map(paths["json"]) == jm
    broken = dict(data, stages=[{"stage": 1}])
    assert not jsonschema.Draft202012Validator(map_schema()).is_valid(broken)


def test_cli_schema_and_render(jm, tmp_path):
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0 and json.loads(result.output) == map_schema()
    write_outputs(jm, tmp_path, ["json"])
    out = tmp_path / "re"
    result = runner.invoke(
        app,
        [
            "render",
            str(tmp_path / "map.json"),
            "--format",
            "md",
            "--format",
            "csv",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["map.md", "quotes.csv"]
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    result = runner.invoke(app, ["render", str(bad)])
    assert result.exit_code == 2 and "not a cjm map.json" in " ".join(result.output.split())


def test_cli_assemble_with_corrections_remembered(tmp_path):
    from cjm_insights.ingest import ingest

    corpus = tmp_path / "corpus"
    (corpus / "interviews").mkdir(parents=True)
    (corpus / "interviews" / "a.txt").write_text(
        "Interviewer: Tell me.\nSam (Buyer): The demo was great. The contract took months. Support is slow.\n",
        encoding="utf-8",
    )
    text = ingest(corpus).documents[0].text

    def line(quote, stage, **kw):
        start = text.index(quote)
        base = {
            "doc": "interviews/a.txt",
            "start": start,
            "end": start + len(quote),
            "quote": quote,
            "stage": stage,
            "touchpoint": "other",
            "emotion": "neutral",
            "valence": 0,
            "pain_point": False,
        }
        return json.dumps(base | kw)

    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        "\n".join(
            [
                line(
                    "The demo was great",
                    "evaluation",
                    touchpoint="demo",
                    emotion="delighted",
                    valence=2,
                ),
                line(
                    "The contract took months",
                    "decision",
                    touchpoint="procurement_legal",
                    emotion="frustrated",
                    valence=-2,
                    pain_point=True,
                    pain="contract took months",
                    severity=2,
                ),
                line("Support is slow", "support", emotion="frustrated", valence=-1),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    ws, out = tmp_path / "ws", tmp_path / "out"
    args = [
        "assemble",
        "--evidence",
        str(gold),
        "--corpus",
        str(corpus),
        "--workspace",
        str(ws),
        "--no-themes",
    ]
    result = runner.invoke(app, [*args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert {p.name for p in out.iterdir()} == {"map.json", "map.html", "map.md", "quotes.csv"}

    # the researcher moves "Support is slow" to usage and deletes the demo quote
    rows = list(csv.DictReader(io.StringIO((out / "quotes.csv").read_text(encoding="utf-8-sig"))))
    for r in rows:
        if r["quote"] == "Support is slow":
            r["stage"] = "usage"
    rows = [r for r in rows if r["quote"] != "The demo was great"]
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(rows[0]))
    w.writeheader()
    w.writerows(rows)
    edited = tmp_path / "edited.csv"
    edited.write_text(buf.getvalue(), encoding="utf-8-sig")
    result = runner.invoke(
        app, [*args, "--out", str(tmp_path / "out2"), "--corrections", str(edited)]
    )
    assert result.exit_code == 0, result.output
    assert "1 relabelled, 1 deleted" in " ".join(result.output.split())

    def stages(folder):
        jm = json.loads((folder / "map.json").read_text(encoding="utf-8"))
        return {s["stage"]: s["evidence_count"] for s in jm["stages"] if s["evidence_count"]}

    assert stages(tmp_path / "out2") == {"decision": 1, "usage": 1}
    # a later run without --corrections keeps them (remembered in the workspace)
    result = runner.invoke(app, [*args, "--out", str(tmp_path / "out3")])
    assert result.exit_code == 0, result.output
    assert stages(tmp_path / "out3") == {"decision": 1, "usage": 1}
