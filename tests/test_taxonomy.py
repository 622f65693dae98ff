"""Taxonomy as data: the shipped default, a user's YAML validated with errors naming the key."""

from __future__ import annotations

import pytest
import yaml
from typer.testing import CliRunner

from cjm_insights import taxonomy
from cjm_insights.cli import app
from cjm_insights.errors import CjmError


def flat(output: str) -> str:
    return " ".join(output.split())


@pytest.fixture
def default_data():
    return yaml.safe_load((taxonomy.BUILTIN_DIR / "b2b-default.yaml").read_text())


def write(tmp_path, data):
    path = tmp_path / "tax.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def test_default_has_the_labels_md_ids_with_definitions_and_examples():
    tax = taxonomy.load()
    assert tax.stage_ids == ["awareness", "research", "consideration", "evaluation", "decision",
                             "onboarding", "usage", "support", "renewal", "advocacy"]  # fmt: skip
    assert {"security_review", "support_ticket", "other"} <= set(tax.ids("touchpoints"))
    assert {"frustrated", "delighted", "neutral"} <= set(tax.ids("emotions"))
    assert "technical_evaluator" in tax.ids("actors")
    for field in ("stages", "touchpoints", "emotions"):
        for label in getattr(tax, field):
            assert label.definition, (field, label.id)
            assert 1 <= len(label.examples) <= 2, (field, label.id)


def test_a_users_file_loads(tmp_path, default_data):
    default_data["name"] = "mine"
    default_data["stages"] = default_data["stages"][:3]
    tax = taxonomy.load(write(tmp_path, default_data))
    assert tax.name == "mine" and len(tax.stage_ids) == 3


def test_bad_label_id_error_names_the_key(tmp_path, default_data):
    default_data["stages"][2]["id"] = "bad id!"
    with pytest.raises(CjmError, match=r"stages\[2\]\.id: .*must be a non-empty slug"):
        taxonomy.load(write(tmp_path, default_data))


def test_unknown_key_is_named(tmp_path, default_data):
    default_data["touchpoints"][0]["defintion"] = "typo"
    with pytest.raises(
        CjmError, match=r"touchpoints\[0\]\.defintion: Extra inputs are not permitted"
    ):
        taxonomy.load(write(tmp_path, default_data))


def test_missing_section_and_duplicates_are_named(tmp_path, default_data):
    del default_data["actors"]
    with pytest.raises(CjmError, match=r"actors: Field required"):
        taxonomy.load(write(tmp_path, default_data))
    data = yaml.safe_load((taxonomy.BUILTIN_DIR / "b2b-default.yaml").read_text())
    data["emotions"].append(dict(data["emotions"][0]))
    with pytest.raises(CjmError, match=r"emotions: duplicate ids \['frustrated'\]"):
        taxonomy.load(write(tmp_path, data))


def test_not_yaml_and_missing_file(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text("stages: [unclosed\n")
    with pytest.raises(CjmError, match="not valid YAML"):
        taxonomy.load(path)
    with pytest.raises(CjmError, match="taxonomy file not found"):
        taxonomy.load(tmp_path / "missing.yaml")


def test_cli_show_prints_the_default():
    result = CliRunner().invoke(app, ["taxonomy", "show"])
    assert result.exit_code == 0
    assert "b2b-default" in result.output and "security_review" in result.output


def test_cli_show_reports_a_bad_file_in_one_message(tmp_path, default_data):
    default_data["stages"][0]["id"] = ""
    result = CliRunner().invoke(app, ["taxonomy", "show", str(write(tmp_path, default_data))])
    assert result.exit_code == 2
    assert "invalid taxonomy" in flat(result.output) and "stages[0].id" in flat(result.output)
    assert "Traceback" not in result.output
