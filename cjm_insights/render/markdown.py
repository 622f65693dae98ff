"""map.md: the map as plain Markdown for docs and tickets (GitHub, Confluence, Jira).

Corpus text is escaped twice over: HTML special characters become entities (a
Markdown viewer passes raw HTML through) and Markdown syntax is backslash-escaped,
so a quote can neither inject markup nor break a table.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from cjm_insights.render.common import environment, evidence_index, strongest
from cjm_insights.types import JourneyMap

# Inline syntax only: the text always follows other text on its line, so block syntax
# ("1.", "- ", "> ") cannot start there.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#~])")


def md(text: object) -> str:
    one_line = " ".join(str(text).split())
    return _MD_SPECIAL.sub(r"\\\1", html.escape(one_line, quote=False))


def to_markdown(jm: JourneyMap) -> str:
    env = environment(False)
    env.filters["md"] = md
    index = evidence_index(jm)
    return env.get_template("map.md.j2").render(
        jm=jm,
        index=index,
        strongest=lambda ids, k=1: strongest(ids, index, k),
        stage_names={s.stage: s.name for s in jm.stages},
        themes={t.id: t.name or t.label for t in jm.themes},
    )


def write_markdown(jm: JourneyMap, path: str | Path) -> Path:
    p = Path(path)
    p.write_text(to_markdown(jm), encoding="utf-8")
    return p
