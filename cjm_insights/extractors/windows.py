"""Pack a document into windows for the LLM: whole speaker turns under a token budget.

Each customer sentence in a window gets an id ([1], [2], ...) that the model
cites. Interviewer / vendor-side turns and a little neighbouring text before and
after the window are shown as (context) lines without ids, so the model can
understand a reply but never cite the question. A turn longer than the budget is
split at sentence boundaries; nothing is ever cut mid-sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import groupby

from cjm_insights.types import Document, Segment, Window, WindowSentence

CHARS_PER_TOKEN = 4  # English prose averages about four characters a token
CONTEXT_BEFORE = 2  # sentences of context before a window
CONTEXT_AFTER = 1
_FALLBACK_SPLIT = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")
# (document, start, end) -> the text the model is shown for that span; redaction plugs in here.
Slicer = Callable[[Document, int, int], str]


def plain(doc: Document, start: int, end: int) -> str:
    return doc.text[start:end]


def estimate_tokens(text: str) -> int:
    return len(text) // CHARS_PER_TOKEN + 1


def sentences_of(doc: Document) -> list[Segment]:
    """The document's sentences; a rough split when ingestion gave none (hand-made documents)."""
    if doc.sentences:
        return sorted(doc.sentences, key=lambda s: s.start)
    out = []
    for m in _FALLBACK_SPLIT.finditer(doc.text):
        start = m.start() + len(m.group()) - len(m.group().lstrip())
        end = m.end() - (len(m.group()) - len(m.group().rstrip()))
        if end > start:
            out.append(Segment(doc_id=doc.id, start=start, end=end))
    return out


def pack(doc: Document, budget: int = 900, slicer: Slicer = plain) -> list[Window]:
    """Windows of whole turns within `budget` tokens (estimated); only windows with citeable text.

    `slicer` gives the text shown for each sentence (a Redactor's `slice` hides PII);
    offsets always stay those of the original document."""
    sents = sentences_of(doc)
    chunks: list[list[int]] = []  # indexes into sents, each chunk fits the budget
    for _, group in groupby(range(len(sents)), key=lambda i: sents[i].turn):
        chunks.extend(_split(list(group), sents, doc, budget))
    windows: list[list[int]] = []
    used = budget + 1
    for chunk in chunks:
        cost = sum(_tokens(sents[i], doc) for i in chunk)
        if used + cost > budget:
            windows.append([])
            used = 0
        windows[-1].extend(chunk)
        used += cost
    out = []
    for core in windows:
        if any(sents[i].is_customer for i in core):
            out.append(_window(doc, sents, core, len(out), slicer))
    return out


def _tokens(s: Segment, doc: Document) -> int:
    return estimate_tokens(doc.text[s.start : s.end])


def _split(idx: list[int], sents: list[Segment], doc: Document, budget: int) -> list[list[int]]:
    parts: list[list[int]] = [[]]
    used = 0
    for i in idx:
        cost = _tokens(sents[i], doc)
        if parts[-1] and used + cost > budget:
            parts.append([])
            used = 0
        parts[-1].append(i)
        used += cost
    return parts


def _window(
    doc: Document, sents: list[Segment], core: list[int], index: int, slicer: Slicer = plain
) -> Window:
    lo, hi = core[0], core[-1]
    before = range(max(0, lo - CONTEXT_BEFORE), lo)
    after = range(hi + 1, min(len(sents), hi + 1 + CONTEXT_AFTER))
    lines: list[WindowSentence] = []
    sid = 0
    for i in [*before, *core, *after]:
        s = sents[i]
        citeable = lo <= i <= hi and s.is_customer
        if citeable:
            sid += 1
        lines.append(
            WindowSentence(
                sid=sid if citeable else None,
                start=s.start,
                end=s.end,
                turn=s.turn,
                speaker=s.speaker,
                role=s.role,
                is_customer=s.is_customer,
            )
        )
    return Window(doc_id=doc.id, index=index, sentences=lines, text=render(doc, lines, slicer))


def render(doc: Document, lines: list[WindowSentence], slicer: Slicer = plain) -> str:
    """The window as the model reads it: a header per speaker turn, one sentence a line."""
    out: list[str] = []
    last_turn: object = object()
    for s in lines:
        if s.turn != last_turn and (s.speaker or s.role or not s.is_customer):
            who = s.speaker or ("Customer" if s.is_customer else "Interviewer")
            side = ", ".join(p for p in ("customer" if s.is_customer else "context", s.role) if p)
            out.append(f"--- {who} ({side}) ---")
        last_turn = s.turn
        text = " ".join(slicer(doc, s.start, s.end).split())
        out.append(f"[{s.sid}] {text}" if s.sid is not None else f"(context) {text}")
    return "\n".join(out)
