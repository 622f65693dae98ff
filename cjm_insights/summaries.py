"""Optional LLM-written theme names and stage summaries, each citing the evidence ids it rests on.

Assembly stays deterministic; this step only adds text to an assembled map. A
text whose cited ids are not among the quotes shown fails validation and is
retried with the error; one that still fails is a Problem and the map keeps
its offline label. Answers are cached in the workspace like extraction's.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable

from cjm_insights import prompts
from cjm_insights.backends.base import Backend
from cjm_insights.errors import ExtractionError
from cjm_insights.types import CitedText, Cost, Evidence, JourneyMap, Problem, Taxonomy
from cjm_insights.workspace import Workspace, content_key

NS = "llm-text"
MAX_QUOTES = 12  # enough to characterise a theme or stage; keeps prompts small


def write_texts(
    jmap: JourneyMap,
    backend: Backend,
    workspace: Workspace,
    taxonomy: Taxonomy,
    redact: Callable[[str], str] | None = None,
) -> tuple[JourneyMap, list[Problem], Cost]:
    """Fill Theme.name and StageColumn.summary (+ summary_evidence_ids) in place; return problems and cost.

    `redact` (a Redactor's `text`) is applied to every quote and keyword sent."""
    t0 = time.perf_counter()
    hide = redact or (lambda text: text)
    by_id = {e.id: e for e in jmap.evidence}
    cost, problems = Cost(), []
    theme_prompt, stage_prompt = prompts.load("name_theme"), prompts.load("stage_summary")
    for theme in jmap.themes:
        evs = [by_id[i] for i in theme.evidence_ids if i in by_id][:MAX_QUOTES]
        quotes = [_QuoteLike(e.id, hide(e.quote)) for e in evs]
        if not quotes:
            continue
        msgs = theme_prompt.messages(keywords=hide(", ".join(theme.keywords)), quotes=quotes)
        got = _ask(backend, workspace, theme_prompt.version, msgs, [q.id for q in quotes], cost)
        if isinstance(got, CitedText):
            theme.name = got.text
        else:
            problems.append(Problem(path=f"theme {theme.id}", message=got))
    definitions = {d.id: d.definition for d in taxonomy.stages}
    for col in jmap.stages:
        evs = sorted((e for e in jmap.evidence if e.stage == col.stage), key=_salience)[:MAX_QUOTES]
        if not evs:
            continue
        msgs = stage_prompt.messages(
            stage=col.stage,
            definition=definitions.get(col.stage, ""),
            quotes=[_quote(e, hide) for e in evs],
        )
        got = _ask(backend, workspace, stage_prompt.version, msgs, [e.id for e in evs], cost)
        if isinstance(got, CitedText):
            col.summary, col.summary_evidence_ids = got.text, got.evidence_ids
        else:
            problems.append(Problem(path=f"stage {col.stage}", message=got))
    cost.wall_s = time.perf_counter() - t0
    return jmap, problems, cost


class _QuoteLike:
    def __init__(self, id: str, text: str):
        self.id, self.text = id, text


def _quote(e: Evidence, hide: Callable[[str], str]) -> dict:
    pain = hide(e.pain) if e.pain else e.pain
    return {
        "id": e.id,
        "text": hide(e.quote),
        "emotion": e.emotion,
        "valence": e.valence,
        "pain": pain,
    }


def _salience(e: Evidence) -> tuple:
    # pains first, then the strongest feelings: what a reader of the map needs to see
    return (-(e.severity or 0), -abs(e.valence), e.id)


def _ask(backend, workspace, version, msgs, ids, cost: Cost) -> CitedText | str:
    key = content_key(NS, msgs, backend.name, backend.model, version)
    cached = workspace.get_json(NS, key)
    if cached is not None:
        cost.cached_calls += 1
        return CitedText.model_validate(cached)

    log = workspace.call_logger(key, backend, version)

    try:
        done = backend.complete(msgs, CitedText, context={"evidence_ids": set(ids)}, on_attempt=log)
    except ExtractionError as exc:
        cost.failed_calls += 1
        return f"LLM text not written: {exc}"
    cost.llm_calls += done.attempts
    cost.retries += done.attempts - 1
    cost.prompt_tokens += done.usage.prompt_tokens
    cost.completion_tokens += done.usage.completion_tokens
    workspace.put_json(NS, key, json.loads(done.obj.model_dump_json()))
    return done.obj
