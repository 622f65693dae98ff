"""map.html: one self-contained file, no network, every item one click away from its quotes.

Safety, in layers: jinja2 autoescape escapes every piece of corpus text; the data
the script needs (document texts, for "show in context") is embedded with
jinja2's `tojson`, which escapes `<`, `>`, `&` and `'` so a `</script>` inside a
quote cannot close the block; the script only ever writes corpus text through
`textContent`. On top, a Content-Security-Policy allows exactly our one inline
script (by its sha256) and no network at all, so even a slip in escaping could
not run injected code or fetch anything.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup

from cjm_insights.render.common import TEMPLATES, environment, evidence_index, strongest
from cjm_insights.types import EmotionPoint, JourneyMap, StageColumn

COL_W, CURVE_H = 100, 92  # emotion curve: viewBox units per stage column, height
SOURCE_COLOURS = {
    "interview": "#4e79a7",
    "lost_deal": "#e15759",
    "ticket": "#f28e2b",
    "review": "#59a14f",
    "notes": "#9c755f",
    "unknown": "#bab0ac",
}


@dataclass(frozen=True)
class CurvePoint:
    x: float
    y: float
    y_low: float
    y_high: float
    mean: float
    low: float
    high: float
    n: int
    interval: str


def _y(v: float) -> float:
    return round(CURVE_H / 2 - v * (CURVE_H / 2 - 14) / 2, 2)


def curve(stages: list[StageColumn]) -> list[CurvePoint | None]:
    return [_point(i, s.emotion) for i, s in enumerate(stages)]


def _point(i: int, e: EmotionPoint) -> CurvePoint | None:
    if not e.n or e.mean is None:
        return None
    low = e.low if e.low is not None else e.mean
    high = e.high if e.high is not None else e.mean
    return CurvePoint(
        COL_W * i + COL_W / 2, _y(e.mean), _y(low), _y(high), e.mean, low, high, e.n, e.interval
    )


def curve_segments(points: list[CurvePoint | None]) -> list[list[CurvePoint]]:
    """Runs of stages with data: the line breaks where a stage has no evidence."""
    runs: list[list[CurvePoint]] = [[]]
    for p in points:
        if p is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(p)
    return [r for r in runs if r]


@lru_cache(maxsize=1)
def _assets() -> tuple[str, str, str]:
    css = (TEMPLATES / "map.css").read_text(encoding="utf-8")
    js = (TEMPLATES / "map.js").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(js.encode("utf-8")).digest()).decode()
    return css, js, f"'sha256-{digest}'"


def to_html(jm: JourneyMap) -> str:
    css, js, script_hash = _assets()
    index = evidence_index(jm)
    views = [("all", "All personas", jm)] + [
        (f"p{i}", name, p) for i, (name, p) in enumerate(jm.personas.items())
    ]
    source_types = sorted({e.source_type or "unknown" for e in jm.evidence})
    data = {
        "documents": {
            d.id: {"text": d.text, "source_type": d.source_type, "path": d.path}
            for d in jm.documents
        }
    }
    return (
        environment(True)
        .get_template("map.html.j2")
        .render(
            jm=jm,
            views=views,
            index=index,
            source_types=source_types,
            colours=SOURCE_COLOURS,
            stage_names={s.stage: s.name for s in jm.stages},
            themes={t.id: t for t in jm.themes},
            strongest=lambda ids, k=1: strongest(ids, index, k),
            sources_of=lambda ids: " ".join(
                sorted({index[i].source_type or "unknown" for i in ids if i in index})
            ),
            curve=curve,
            curve_segments=curve_segments,
            col_w=COL_W,
            curve_h=CURVE_H,
            y=_y,
            data=data,
            css=Markup(css),
            js=Markup(js),
            script_hash=Markup(script_hash),  # base64 and quotes of our own making
        )
    )


def write_html(jm: JourneyMap, path: str | Path) -> Path:
    p = Path(path)
    p.write_text(to_html(jm), encoding="utf-8")
    return p
