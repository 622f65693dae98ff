import pytest

from cjm_insights import prompts
from cjm_insights.errors import CjmError


def test_extract_prompt_renders_taxonomy_and_window(taxonomy):
    p = prompts.load("extract")
    assert (
        p.version == "extract-v3"
        and p.meta["answer"] == "by_reference"
        and p.meta["restate"] is True
    )
    system, user = p.messages(
        taxonomy=taxonomy,
        restate=True,
        doc_id="d.txt",
        source_type="review",
        window_text="[1] Great tool.",
    )
    for d in taxonomy.stages:
        assert f"- {d.id}: {d.definition}" in system["content"]
    assert ", ".join(taxonomy.ids("touchpoints")) in system["content"]
    assert '"opening"' in system["content"]
    assert (
        user["content"]
        == '<document id="d.txt" type="review">\n[1] Great tool.\n</document>\nAnswer with the JSON object for this document.'
    )
    plain = p.block("system", taxonomy=taxonomy, restate=False)
    assert '"opening"' not in plain


def test_copyout_prompt_has_its_own_version():
    p = prompts.load("extract_copyout")
    assert p.version == "extract-copyout-v3" and p.meta["answer"] == "copy_out"


def test_prompt_files_are_found_in_wheel_then_repo(repo):
    dirs = prompts.prompt_dirs()
    assert dirs[0].name == "_prompts" and dirs[1] == repo / "prompts"
    assert prompts.find("extract") == repo / "prompts" / "extract.j2"


def test_bad_prompt_files_name_the_file(tmp_path):
    bad = tmp_path / "nofront.j2"
    bad.write_text("{% block system %}x{% endblock %}")
    with pytest.raises(CjmError, match=r"nofront.j2:1: prompt needs YAML front matter"):
        prompts.load(str(bad))
    noversion = tmp_path / "nov.j2"
    noversion.write_text("---\nanswer: x\n---\nhi")
    with pytest.raises(CjmError, match="must set `version`"):
        prompts.load(str(noversion))
    syntax = tmp_path / "syn.j2"
    syntax.write_text("---\nversion: 1\n---\n{% block system %}\n{% if %}\n{% endblock %}")
    with pytest.raises(CjmError, match=r"syn.j2:5: template error"):
        prompts.load(str(syntax))
    with pytest.raises(CjmError, match="prompt 'missing' not found"):
        prompts.load("missing")


@pytest.mark.parametrize("name", ["extract", "extract_copyout"])
def test_worked_answer_is_one_valid_line_as_constrained_decoding_writes_it(name, taxonomy):
    """A newline inside the example answer is a token the JSON grammar forbids; small models
    then fall back to their next choice (closing the list) and answer nothing at all."""
    from cjm_insights.extractors.llm import answer_model

    p = prompts.load(name)
    system = p.block("system", taxonomy=taxonomy, restate=p.meta.get("restate", False))
    answer = system.split("Answer:\n", 1)[1].strip()
    assert "\n" not in answer
    model = answer_model(taxonomy, p.meta["answer"], p.meta.get("restate", False), 3)
    assert len(model.model_validate_json(answer).items) == 3
