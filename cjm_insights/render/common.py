"""What the html and markdown renderers share: a jinja2 environment and small formatters."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2

from cjm_insights.types import Evidence, JourneyMap

TEMPLATES = Path(__file__).parent / "templates"


@lru_cache(maxsize=2)
def environment(autoescape: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=autoescape,  # html: every {{ }} is escaped; corpus text may hold markup
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["signed"] = signed
    return env


def signed(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "-"
    return f"{value:+.{digits}f}".replace("+0.0", "0.0").replace("-0.0", "0.0")


def evidence_index(jm: JourneyMap, root: JourneyMap | None = None) -> dict[str, Evidence]:
    """Persona maps cite their parent's evidence."""
    return {e.id: e for e in (root or jm).evidence}


def strongest(ids: list[str], index: dict[str, Evidence], k: int = 1) -> list[Evidence]:
    """The quotes to show first: most severe, most emotional, shortest (fits a card)."""
    evs = [index[i] for i in ids if i in index]
    return sorted(evs, key=lambda e: (-(e.severity or 0), -abs(e.valence), len(e.quote), e.id))[:k]
