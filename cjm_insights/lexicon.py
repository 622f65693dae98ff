"""Sentiment cues for B2B software evidence, on top of VADER's general lexicon.

VADER was built for social media: it scores "broken" and "painful" but knows
nothing of "clunky", "outage", "workaround", "overage" or "sluggish sync", and
reads "slow" and "seamless" as neutral. Customers describe friction with a
product in exactly those words, so the local extractor's valence and pain
features add them here (same -4..+4 scale as VADER's own entries, chosen by the
strength of the word, not fitted to any labelled set).

Friction is also phrased without a sentiment word at all: "it took three weeks
to get answers back", "still waiting on a reply", "had to export it by hand".
`friction_cues` counts such phrasings; it is one more feature, not a rule.
"""

from __future__ import annotations

import re

# Grouped by kind of friction, several entries a line.
# fmt: off
B2B_LEXICON: dict[str, float] = {
    # speed and reliability
    "slow": -1.5, "slower": -1.5, "slowly": -1.2, "laggy": -1.8, "latency": -0.8,
    "timeout": -1.6, "timeouts": -1.6, "outage": -2.2, "outages": -2.2,
    "downtime": -2.0, "crashes": -2.0, "crashed": -2.0, "crashing": -2.0,
    "froze": -1.6, "hangs": -1.2, "unreliable": -2.0, "flaky": -1.8,
    "buggy": -2.0, "bug": -1.2, "bugs": -1.4, "glitch": -1.4, "glitchy": -1.8,
    "fragile": -1.5, "brittle": -1.5, "stale": -0.8, "silently": -0.8,
    # effort and usability
    "clunky": -1.8, "cumbersome": -1.8, "tedious": -1.8, "clumsy": -1.5,
    "manual": -0.6, "manually": -0.9, "workaround": -1.3, "workarounds": -1.5,
    "rework": -1.2, "hassle": -1.8, "headache": -2.0, "headaches": -2.0,
    "nightmare": -2.8, "friction": -1.2, "overwhelming": -1.2, "unintuitive": -1.8,
    "lacking": -1.2, "limitations": -1.0, "inconsistent": -1.4,
    # money
    "overpriced": -2.0, "expensive": -1.3, "pricey": -1.2, "overage": -1.2,
    "overages": -1.4, "surcharge": -1.4, "unpredictable": -1.5,
    # service
    "unresponsive": -2.0, "ghosted": -2.2, "runaround": -2.0, "unanswered": -1.6,
    "escalate": -0.8, "escalated": -1.0, "escalation": -1.0, "blocker": -1.6,
    "backlog": -0.8,
    # leaving
    "churn": -1.2, "churned": -1.5, "canceled": -1.0, "cancellation": -1.0,
    "downgrade": -0.9, "downgraded": -1.0,
    # praise
    "seamless": 2.0, "seamlessly": 2.0, "intuitive": 1.8, "smooth": 1.5,
    "smoothly": 1.6, "effortless": 2.0, "snappy": 1.6, "reliable": 1.6,
    "fast": 1.0, "faster": 1.0, "quick": 0.9, "quickly": 0.9,
    "straightforward": 1.2, "game-changer": 2.5, "gamechanger": 2.5,
    "rock-solid": 2.2, "responsive": 1.5,
}
# fmt: on

_FRICTION = re.compile(
    r"""
      \btook\s+(?:us\s+|them\s+|me\s+)?(?:almost\s+|about\s+|over\s+|nearly\s+|a\s+good\s+)?
          (?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|many)\s+
          (?:full\s+)?(?:days?|weeks?|months?|hours?)\b
    | \b(?:ate|lost|wasted|burned|burnt)\s+(?:us\s+)?(?:a|an|one|two|three|\d+)\s+(?:days?|weeks?|months?)\b
    | \bstill\s+(?:waiting|no\b|not\b|broken|hasn't|haven't|can't)
    | \bno\s+(?:response|reply|answer|way\s+to|one\s+(?:answered|replied|responded))\b
    | \bnever\s+(?:heard|got|answered|replied|responded|worked|fixed)\b
    | \b(?:had|have|has)\s+to\s+(?:manually|chase|rebuild|redo|re-\w+|export|copy|ask\s+again)
    | \b(?:can't|cannot|couldn't|doesn't|didn't|won't|wouldn't|isn't|wasn't)\s+
          (?:work|load|sync|connect|support|let|handle|scale|save|export|import|find|tell)\w*
    | \b(?:out\s+of\s+the\s+blue|by\s+hand|back\s+and\s+forth|from\s+scratch|without\s+warning)\b
    """,
    re.IGNORECASE | re.VERBOSE,
)


def friction_cues(text: str) -> int:
    """How many friction phrasings the text holds ("took six weeks", "still waiting")."""
    return len(_FRICTION.findall(text))
