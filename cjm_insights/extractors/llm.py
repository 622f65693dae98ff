"""The `llm` extractor: extract by reference with any backend, validated, cached, resumable.

Per window (extractors.windows): render the prompt, ask the backend for an
answer model whose label fields are the taxonomy's enums and whose ids are
checked against the window, retry with the validation error, then slice each
quote from the source by the cited sentences' offsets. A window's validated
answer is cached in the workspace under content_key(window text, backend, model,
prompt version, taxonomy hash, settings) the moment it arrives, so a re-run
makes no calls and an interrupted run resumes. A window that still fails is a
Problem in the result, never dropped silently.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError, create_model

from cjm_insights import prompts
from cjm_insights.backends import Backend, make_backend
from cjm_insights.config import Config
from cjm_insights.errors import ExtractionError
from cjm_insights.extractors.windows import estimate_tokens, pack, plain
from cjm_insights.registry import extractors
from cjm_insights.types import (
    CopyOutAnswer,
    CopyOutItem,
    Cost,
    Document,
    Evidence,
    ExtractionAnswer,
    ExtractionItem,
    ExtractionResult,
    Problem,
    Provenance,
    Taxonomy,
    Window,
)
from cjm_insights.workspace import Workspace, content_key

NS = "llm-extract"
EST_ITEM_TOKENS = 70  # completion tokens of one by-reference item, measured on SmolLM2/Qwen output
EST_ITEMS_PER_SENTENCE = 0.4
REASON_SCHEMA_CHARS = 120
OPENING_SCHEMA_CHARS = 60
QUOTE_SCHEMA_CHARS = 800

# Speaker role words -> actor id, most specific first ("IT Director" is an evaluator).
ROLE_ACTORS: tuple[tuple[str, str], ...] = (
    (r"cfo|finance|budget|controller|treasur", "economic_buyer"),
    (r"security|infosec|\bit\b|architect|engineer|cto|devops|cio", "technical_evaluator"),
    (r"procurement|legal|counsel|purchasing|sourcing", "procurement_legal"),
    (r"admin|administrator|system owner", "admin"),
    (r"champion", "champion"),
    (r"sales|account exec|\bae\b|\bcsm\b|customer success|vendor|interviewer", "vendor"),
    (r"ceo|coo|\bvp\b|chief|executive|sponsor", "executive_sponsor"),
    (r"user|analyst|specialist|agent|manager|lead|coordinator", "end_user"),
)


def role_actor(role: str | None, taxonomy: Taxonomy) -> str:
    """The actor a speaker's role implies, when the model was unsure."""
    allowed = taxonomy.ids("actors")
    for pattern, actor in ROLE_ACTORS:
        if role and re.search(pattern, role.lower()) and actor in allowed:
            return actor
    return "unknown" if "unknown" in allowed else allowed[-1]


def answer_model(
    taxonomy: Taxonomy, mode: str = "by_reference", restate: bool = True, n_ids: int | None = None
) -> type[BaseModel]:
    """The response model: label fields become the taxonomy's enums in the JSON schema, and
    with `n_ids` the sentence ids become 1..n_ids, so constrained decoding cannot leave the window."""
    return _answer_model(taxonomy.model_dump_json(), mode, restate, n_ids)


@lru_cache(maxsize=256)
def _answer_model(tax_json: str, mode: str, restate: bool, n_ids: int | None) -> type[BaseModel]:
    tax = Taxonomy.model_validate_json(tax_json)

    def enum(kind: str) -> Any:
        return Literal[tuple(tax.ids(kind))]  # type: ignore[valid-type]

    fields: dict[str, Any] = {
        "stage": (enum("stages"), ...),
        "touchpoint": (enum("touchpoints"), ...),
        "emotion": (enum("emotions"), ...),
        "valence": (Literal[-2, -1, 0, 1, 2], ...),
        "actor": (enum("actors"), ...),
        "severity": (Literal[1, 2, 3] | None, None),
        # Limits in the schema only (validation truncates instead): they become grammar
        # bounds for local models, which otherwise ramble until max_tokens.
        "reason": (str, _schema_only(default="", maxLength=REASON_SCHEMA_CHARS)),
    }
    items_field = (
        _schema_only(default_factory=list, maxItems=n_ids) if n_ids else Field(default_factory=list)
    )
    if mode == "copy_out":
        fields["quote"] = (
            str,
            _schema_only(default=..., minLength=1, maxLength=QUOTE_SCHEMA_CHARS),
        )
        item = create_model("Item", __base__=CopyOutItem, **fields)
        return create_model("Answer", __base__=CopyOutAnswer, items=(list[item], items_field))
    if restate:
        fields["opening"] = (str, _schema_only(default=..., maxLength=OPENING_SCHEMA_CHARS))
    if n_ids:
        ids = Literal[tuple(range(1, n_ids + 1))]  # type: ignore[valid-type]
        fields["first"] = fields["last"] = (ids, ...)
    item = create_model("Item", __base__=ExtractionItem, **fields)
    return create_model("Answer", __base__=ExtractionAnswer, items=(list[item], items_field))


def _schema_only(**kw: Any) -> Any:
    """A Field whose bounds appear in the JSON schema but are not enforced on validation."""
    extra = {k: kw.pop(k) for k in ("maxLength", "minLength", "maxItems") if k in kw}
    return Field(json_schema_extra={k: v for k, v in extra.items() if v is not None}, **kw)


class LLMExtractor:
    name = "llm"

    def __init__(
        self,
        config: Config,
        workspace: Workspace,
        backend: Backend | None = None,
        prompt: str | None = None,
    ):
        self.config = config
        self.workspace = workspace
        self._backend = backend
        self.prompt = prompts.load(prompt or config.prompt)
        self.mode = str(self.prompt.meta.get("answer", "by_reference"))
        self.restate = bool(self.prompt.meta.get("restate", False))
        self.doc_costs: dict[str, Cost] = {}
        self.ungrounded = (
            0  # copy-out quotes not found verbatim (the by-reference design makes it 0)
        )
        self.slicer = plain
        if config.redact_enabled:  # PII is replaced before any text reaches the backend
            from cjm_insights.redact import Redactor

            self.slicer = Redactor().slice

    @property
    def backend(self) -> Backend:
        if self._backend is None:
            self._backend = make_backend(self.config)
        return self._backend

    # ------------------------------------------------------------ planning
    def plan(self, documents: list[Document]) -> list[tuple[Document, Window]]:
        budget = self.config.window_tokens
        return [(doc, w) for doc in documents for w in pack(doc, budget, self.slicer)]

    def cache_key(self, window: Window, taxonomy: Taxonomy, source_type: str = "") -> str:
        settings = {
            "temperature": self.config.temperature,
            "seed": self.config.seed,
            "base_url": self.config.base_url,
            "mode": self.mode,
            "restate": self.restate,
            # the prompt names the source type; the doc id is left out on purpose, so
            # identical text (a ticket pasted twice) is asked about once
            "source_type": source_type,
        }
        return content_key(
            NS,
            window.text,
            self.backend.name,
            self.backend.model,
            self.prompt.version,
            taxonomy.content_hash(),
            settings,
        )

    def messages(self, doc: Document, window: Window, taxonomy: Taxonomy) -> list[dict[str, str]]:
        return self.prompt.messages(
            taxonomy=taxonomy,
            restate=self.restate,
            doc_id=self.shown_id(doc),
            source_type=doc.source_type,
            window_text=window.text,
        )

    def shown_id(self, doc: Document) -> str:
        """The id the model sees. File names carry customer and person names
        ("acme-dana-cfo.txt"), so a redacted run shows an opaque one; the model
        never needs it (it cites sentence ids)."""
        if self.slicer is plain:
            return doc.id
        return "doc-" + hashlib.sha256(doc.id.encode()).hexdigest()[:10]

    def estimate(self, documents: list[Document], taxonomy: Taxonomy) -> dict[str, Any]:
        """A dry run: windows, calls still to make, estimated tokens and (given prices) money."""
        plan = self.plan(documents)
        keys = [self.cache_key(w, taxonomy, d.source_type) for d, w in plan]
        cached = self.workspace.get_many(NS, keys)
        todo = [(d, w) for (d, w), k in zip(plan, keys, strict=True) if k not in cached]
        prompt_tokens = sum(
            estimate_tokens("".join(m["content"] for m in self.messages(d, w, taxonomy)))
            for d, w in todo
        )
        sentences = sum(len(w.cited) for _, w in todo)
        completion_tokens = int(sentences * EST_ITEMS_PER_SENTENCE * EST_ITEM_TOKENS)
        prices = self.config.prices
        money = None
        if prices:
            money = (
                prompt_tokens * prices.get("prompt", 0)
                + completion_tokens * prices.get("completion", 0)
            ) / 1e6
        return {
            "windows": len(plan),
            "cached_windows": len(plan) - len(todo),
            "calls": len(todo),
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "words": sum(d.words for d in documents),
            "cost_usd": money,
        }

    # ---------------------------------------------------------- extraction
    def extract(
        self,
        documents: list[Document],
        taxonomy: Taxonomy,
        only: Callable[[Document, Window], bool] | None = None,
    ) -> ExtractionResult:
        """Evidence from every window (or, with `only`, the windows it selects: the hybrid's hard cases)."""
        t0 = time.perf_counter()
        self.doc_costs = {d.id: Cost(words=d.words) for d in documents}
        plan = [(d, w) for d, w in self.plan(documents) if only is None or only(d, w)]
        keys = [self.cache_key(w, taxonomy, d.source_type) for d, w in plan]
        answers = {k: _loads(v) for k, v in self.workspace.get_many(NS, keys).items()}
        for (doc, _), key in zip(plan, keys, strict=True):
            if key in answers:
                self.doc_costs[doc.id].cached_calls += 1
        todo = [(d, w, k) for (d, w), k in zip(plan, keys, strict=True) if k not in answers]
        problems: list[Problem] = []
        for key, outcome in self._run(todo, taxonomy):
            if isinstance(outcome, Problem):
                problems.append(outcome)
            else:
                answers[key] = outcome
        evidence: list[Evidence] = []
        seen: set[tuple[str, int, int]] = set()
        for (doc, window), key in zip(plan, keys, strict=True):
            for item in answers.get(key, []):
                ev = self._evidence(doc, window, item, taxonomy, problems)
                if ev is not None and (ev.doc_id, ev.start, ev.end) not in seen:
                    seen.add((ev.doc_id, ev.start, ev.end))
                    evidence.append(ev)
        cost = sum(self.doc_costs.values(), Cost())
        cost.wall_s = time.perf_counter() - t0
        return ExtractionResult(evidence=evidence, problems=problems, cost=cost)

    def _run(
        self, todo: list[tuple[Document, Window, str]], taxonomy: Taxonomy
    ) -> list[tuple[str, Any]]:
        if not todo:
            return []
        if getattr(self.backend, "parallel", False) and self.config.max_concurrency > 1:
            coro = self._run_async(todo, taxonomy)
            try:
                asyncio.get_running_loop()
            except RuntimeError:
                return asyncio.run(coro)
            with ThreadPoolExecutor(1) as pool:  # called from inside a running loop (a notebook)
                return pool.submit(asyncio.run, coro).result()
        return [self._one(doc, w, key, taxonomy) for doc, w, key in todo]

    async def _run_async(self, todo, taxonomy) -> list[tuple[str, Any]]:
        sem = asyncio.Semaphore(self.config.max_concurrency)

        async def one(doc: Document, w: Window, key: str) -> tuple[str, Any]:
            async with sem:
                return await self._aone(doc, w, key, taxonomy)

        # TaskGroup: a fatal error (bad key, server gone) cancels the rest; finished windows stay cached.
        try:
            async with asyncio.TaskGroup() as tg:
                tasks = [tg.create_task(one(*t)) for t in todo]
        except BaseExceptionGroup as group:
            raise group.exceptions[0] from None
        return [t.result() for t in tasks]

    def _one(self, doc: Document, w: Window, key: str, taxonomy: Taxonomy) -> tuple[str, Any]:
        msgs, model, ctx, log = self._call_args(doc, w, key, taxonomy)
        try:
            done = self.backend.complete(msgs, model, context=ctx, on_attempt=log)
        except ExtractionError as exc:
            return key, self._failed(doc, w, exc)
        return key, self._store(doc, key, done)

    async def _aone(
        self, doc: Document, w: Window, key: str, taxonomy: Taxonomy
    ) -> tuple[str, Any]:
        msgs, model, ctx, log = self._call_args(doc, w, key, taxonomy)
        try:
            done = await self.backend.acomplete(msgs, model, context=ctx, on_attempt=log)
        except ExtractionError as exc:
            return key, self._failed(doc, w, exc)
        return key, self._store(doc, key, done)

    def _call_args(self, doc, w, key, taxonomy):
        citeable = {s.sid: s.turn for s in w.sentences if s.sid is not None}
        context = {"citeable": citeable, "taxonomy": taxonomy}
        log = self.workspace.call_logger(key, self.backend, self.prompt.version)
        model = answer_model(taxonomy, self.mode, self.restate, len(citeable))
        return self.messages(doc, w, taxonomy), model, context, log

    def _store(self, doc: Document, key: str, done: Any) -> list[dict[str, Any]]:
        items = [i.model_dump() for i in done.obj.items]
        self.workspace.put_json(
            NS, key, {"items": items}
        )  # cached at once: an interrupted run resumes here
        c = self.doc_costs[doc.id]
        c.llm_calls += done.attempts
        c.retries += done.attempts - 1
        c.prompt_tokens += done.usage.prompt_tokens
        c.completion_tokens += done.usage.completion_tokens
        return items

    def _failed(self, doc: Document, w: Window, exc: ExtractionError) -> Problem:
        c = self.doc_costs[doc.id]
        c.failed_calls += 1
        attempts = getattr(exc, "attempts", 1)
        c.llm_calls += attempts
        c.retries += attempts - 1
        usage = getattr(exc, "usage", None)
        if usage is not None:
            c.prompt_tokens += usage.prompt_tokens
            c.completion_tokens += usage.completion_tokens
        ids = sorted(w.cited)
        where = f"window {w.index + 1} (sentences {ids[0]}-{ids[-1]}, chars {w.sentences[0].start}-{w.sentences[-1].end})"
        return Problem(
            path=doc.id, where=where, message=f"LLM extraction failed: {exc}; see `cjm log`"
        )

    # ------------------------------------------------------------ evidence
    def _evidence(self, doc, window, item, taxonomy, problems) -> Evidence | None:
        span = self._span(doc, window, item)
        if span is None:
            self.ungrounded += 1
            problems.append(
                Problem(
                    path=doc.id,
                    where=f"window {window.index + 1}",
                    message=f"quote not found verbatim: {item.get('quote', '')[:80]!r}",
                )
            )
            return None
        start, end, first = span
        actor = item.get("actor") or "unknown"
        if actor == "unknown" and first is not None:
            actor = role_actor(first.role, taxonomy)
        labels = {
            k: item.get(k)
            for k in ("stage", "touchpoint", "emotion", "valence", "pain_point", "pain", "severity")
        }
        try:
            return Evidence.model_validate(
                {
                    **labels,
                    "actor": actor,
                    "doc_id": doc.id,
                    "start": start,
                    "end": end,
                    "quote": doc.text[start:end],
                    "source_type": doc.source_type,
                    "speaker": first.speaker if first is not None else None,
                    "reason": item.get("reason") or None,
                    "provenance": Provenance(
                        extractor="llm",
                        backend=self.backend.name,
                        model=self.backend.model,
                        prompt_version=self.prompt.version,
                        taxonomy_hash=taxonomy.content_hash(),
                    ),
                },
                context={"taxonomy": taxonomy},
            )
        except ValidationError as exc:
            problems.append(
                Problem(
                    path=doc.id,
                    where=f"{start}-{end}",
                    message=f"invalid evidence: {exc.errors()[0]['msg']}",
                )
            )
            return None

    def _span(self, doc: Document, window: Window, item: dict[str, Any]):
        """(start, end, first sentence) of an item: from cited ids, or by finding a copied quote."""
        cited = window.cited
        if self.mode == "copy_out":
            lo, hi = window.sentences[0].start, window.sentences[-1].end
            found = find_quote(doc.text, item["quote"], lo, hi)
            if found is None:
                return None
            first = next((s for s in window.sentences if s.start <= found[0] < s.end + 1), None)
            return found[0], found[1], first
        first, last = _repair(cited, doc, item)
        return cited[first].start, cited[last].end, cited[first]


def _repair(cited: dict[int, Any], doc: Document, item: dict[str, Any]) -> tuple[int, int]:
    """Trust the restated opening over the id when they disagree and the opening is unambiguous."""
    first, last = item["first"], item["last"]
    opening = _norm(item.get("opening") or "")
    if len(opening) < 8 or _norm(doc.text[cited[first].start : cited[first].end]).startswith(
        opening
    ):
        return first, last
    matches = [
        sid for sid, s in cited.items() if _norm(doc.text[s.start : s.end]).startswith(opening)
    ]
    if len(matches) != 1:
        return first, last
    shift = matches[0] - first
    new_last = last + shift
    same_turn = new_last in cited and all(
        cited.get(i) is not None and cited[i].turn == cited[matches[0]].turn
        for i in range(matches[0], new_last + 1)
    )
    return (matches[0], new_last) if same_turn else (matches[0], matches[0])


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def find_quote(text: str, quote: str, lo: int = 0, hi: int | None = None) -> tuple[int, int] | None:
    """Where a copied quote sits in text[lo:hi]: exactly, or up to whitespace differences."""
    hi = len(text) if hi is None else hi
    quote = quote.strip()
    if not quote:
        return None
    i = text.find(quote, lo, hi)
    if i >= 0:
        return i, i + len(quote)
    pattern = r"\s+".join(re.escape(w) for w in quote.split())
    m = re.compile(pattern).search(text, lo, hi)
    return (m.start(), m.end()) if m else None


def _loads(raw: bytes) -> list[dict[str, Any]]:
    import json

    return json.loads(raw)["items"]


def extract(
    documents: list[Document],
    backend: Backend,
    taxonomy: Taxonomy,
    *,
    config: Config | None = None,
    workspace: Workspace | None = None,
    prompt: str | None = None,
) -> ExtractionResult:
    """The lower-level API: extract evidence from documents with a given backend."""
    config = config or Config(extractor="llm")
    ws = workspace or Workspace(config.workspace)
    return LLMExtractor(config, ws, backend=backend, prompt=prompt).extract(documents, taxonomy)


@extractors.register("llm")
def _factory(config: Config, workspace: Workspace) -> LLMExtractor:
    return LLMExtractor(config, workspace)
