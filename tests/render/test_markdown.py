"""map.md: every stage, pains with their evidence ids, corpus text escaped."""

from __future__ import annotations

from cjm_insights.render.markdown import md, to_markdown


def test_sections_and_citations(jm):
    text = to_markdown(jm)
    assert text.startswith("# Test &lt;map&gt;")
    for i, s in enumerate(jm.stages, 1):
        assert f"## {i}. {s.name} ({s.evidence_count} quotes)" in text
    pain = next(s for s in jm.stages if s.stage == "evaluation").pains[0]
    assert all(f"`{i}`" in text for i in pain.evidence_ids)
    assert "How might we" in text and "## Stage transitions" in text and "↩ loop back" in text
    assert "## Personas" in text and "### admin" in text


def test_corpus_markup_is_inert(jm):
    text = to_markdown(jm)
    assert "<script>" not in text and "<img" not in text and "<b>" not in text
    assert "&lt;script&gt;" in text


def test_md_escape():
    assert md("a | b *c* [x](javascript:y)\nnext") == r"a \| b \*c\* \[x\](javascript:y) next"
    assert md("<b>") == "&lt;b&gt;"
