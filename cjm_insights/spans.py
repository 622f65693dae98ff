"""From salient sentences to quotes: merge neighbours that say one thing, and cut the `pain` phrase.

Researchers cite a thought, not a sentence: "The migration took four months. We
lost two analysts over it." is one quote. Adjacent salient sentences of the same
speaker turn merge when their labels agree (same stage, same valence sign, same
pain flag), up to a bound (sentences and characters) so a quote stays citable.

`pain` is extractive: the clause of the quote that carries the friction, trimmed
of filler, never words the customer did not say.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from cjm_insights.types import UnitPrediction

MAX_QUOTE_CHARS = 450
PAIN_MAX_WORDS = 14


def _sign(v: int | None) -> int:
    return 0 if not v else (1 if v > 0 else -1)


def compatible(a: UnitPrediction, b: UnitPrediction) -> bool:
    la, lb = a.labels, b.labels
    return (
        la.get("stage") == lb.get("stage")
        and _sign(la.get("valence")) == _sign(lb.get("valence"))
        and bool(la.get("pain_point")) == bool(lb.get("pain_point"))
    )


def merge_runs(
    preds: Sequence[UnitPrediction],
    max_units: int = 2,
    max_chars: int = MAX_QUOTE_CHARS,
    same: Callable[[UnitPrediction, UnitPrediction], bool] = compatible,
) -> list[list[UnitPrediction]]:
    """Group salient units (any order, any documents) into runs that become one quote each.

    A unit joins the run before it when it is the next sentence of the same document
    and turn, the labels are compatible, and the run stays within both bounds.
    """
    ordered = sorted(preds, key=lambda p: (p.unit.doc_id, p.unit.start))
    runs: list[list[UnitPrediction]] = []
    for p in ordered:
        last = runs[-1][-1] if runs else None
        if (
            last is not None
            and last.unit.doc_id == p.unit.doc_id
            and p.unit.index == last.unit.index + 1
            and p.unit.turn == last.unit.turn
            and len(runs[-1]) < max_units
            and p.unit.end - runs[-1][0].unit.start <= max_chars
            and same(last, p)
        ):
            runs[-1].append(p)
        else:
            runs.append([p])
    return runs


# ------------------------------------------------------------------- pain

_FILLER = re.compile(
    r"^(?:(?:and|but|so|well|yeah|yes|um+|uh+|like|honestly|basically|i mean|you know|i think|"
    r"to be honest|frankly|also|then|okay|ok|oh|look)\b[\s,]*)+",
    re.IGNORECASE,
)
_CLAUSE_SPLIT = re.compile(
    r"(?:[.;:!?()\u2014]|--|,\s+(?:but|and|so|because|which|although|though)\b|\s-\s)"
)
_PAIN_WORDS = re.compile(
    r"\b(?:no|not|never|can't|cannot|couldn't|won't|wouldn't|didn't|doesn't|don't|isn't|wasn't|"
    r"without|lack\w*|miss\w*|fail\w*|broke\w*|break\w*|bug\w*|crash\w*|error\w*|slow\w*|delay\w*|"
    r"late|lost|lose|losing|wait\w*|took|takes|stuck|block\w*|hard|difficult|confus\w*|pain\w*|"
    r"problem\w*|issue\w*|expensive|cost\w*|price\w*|double\w*|manual\w*|workaround\w*|"
    r"frustrat\w*|annoy\w*|worr\w*|risk\w*|churn\w*|cancel\w*|complain\w*|only|still|again|"
    r"weeks?|months?|hours?|days?|nobody|none|unable|wrong|drop\w*|limit\w*)\b",
    re.IGNORECASE,
)


def clauses(quote: str) -> list[tuple[int, int]]:
    """[start, end) offsets of the clauses of a quote, split at sentence and clause punctuation."""
    out, pos = [], 0
    for m in _CLAUSE_SPLIT.finditer(quote):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(quote)))
    return [(s, e) for s, e in out if quote[s:e].strip()]


def _clause_score(text: str, compound: Callable[[str], float] | None) -> float:
    words = len(text.split())
    if words < 3:
        return -1.0
    hits = len(_PAIN_WORDS.findall(text))
    neg = -min(compound(text), 0.0) if compound else 0.0
    return hits + 2.0 * neg + 0.1 * min(words, 12) / 12


def pain_phrase(quote: str, compound: Callable[[str], float] | None = None) -> str:
    """The clause of `quote` that carries the pain, trimmed: a verbatim substring of the quote.

    `compound` is a sentiment scorer (VADER's compound in -1..1); without it the
    choice rests on the friction lexicon alone.
    """
    spans = clauses(quote) or [(0, len(quote))]
    s, e = max(spans, key=lambda se: (_clause_score(quote[se[0] : se[1]], compound), -se[0]))
    text = quote[s:e].strip()
    m = _FILLER.match(text)
    if m and m.end() < len(text):
        text = text[m.end() :]
    words = text.split()
    if len(words) > PAIN_MAX_WORDS:
        # Keep the window of PAIN_MAX_WORDS words with the most friction words.
        best = max(
            range(len(words) - PAIN_MAX_WORDS + 1),
            key=lambda i: (len(_PAIN_WORDS.findall(" ".join(words[i : i + PAIN_MAX_WORDS]))), -i),
        )
        a = _word_offset(text, best)
        b = _word_offset(text, best + PAIN_MAX_WORDS - 1) + len(words[best + PAIN_MAX_WORDS - 1])
        text = text[a:b]
    text = text.strip(" ,;:-\"'")
    return text or quote.strip()


def _word_offset(text: str, n: int) -> int:
    """Character offset of the n-th whitespace-separated word of text."""
    return [m.start() for m in re.finditer(r"\S+", text)][n]
