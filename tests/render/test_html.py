"""map.html without a browser: self-contained, escaped, CSP pins the one script."""

from __future__ import annotations

import base64
import hashlib
import json
import re

from cjm_insights.render.html import to_html
from tests.map_docs import HOSTILE


def test_self_contained_no_external_references(jm):
    page = to_html(jm)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page, re.I)
    assert "<link" not in page and "@import" not in page and "url(" not in page
    assert page.count("<script") == 2  # the JSON data block and our script, nothing else


def test_corpus_text_is_escaped(jm):
    page = to_html(jm)
    assert "<script>window.__pwned" not in page
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page
    assert "<img src=x" not in page and 'href="javascript:' not in page
    assert "Test &lt;map&gt;" in page  # titles too


def test_embedded_data_cannot_close_its_script_block(jm):
    page = to_html(jm)
    block = re.search(
        r'<script type="application/json" id="cjm-data">(.*?)</script>', page, re.S
    ).group(1)
    assert "</" not in block and "<" not in block
    data = json.loads(block)
    assert data["documents"]["hostile.txt"]["text"].endswith(
        "</script><script>window.__pwned = 4</script>"
    )


def test_csp_allows_exactly_our_script(jm):
    page = to_html(jm)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert (
        "default-src 'none'" in csp
        and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    )
    script = re.search(r"<script>(.*?)</script>", page, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp


def test_grid_rows_and_items(jm):
    page = to_html(jm)
    for s in jm.stages:
        assert f'data-stage="{s.stage}"' in page
    for row in (
        "Actors",
        "Touchpoints",
        "Emotion",
        "Pain points",
        "Moments of truth",
        "Opportunities",
        "Themes",
    ):
        assert f'<div class="rowhead">{row}' in page
    first_view = page.split('<section class="view"')[1]
    assert first_view.count('class="dot ') == sum(1 for s in jm.stages if s.emotion.n)
    # every quote of the map is there, with document id, source type, speaker and a context button
    for e in jm.evidence:
        assert f'data-ev="{e.id}"' in page
    assert '<span class="sp" title="speaker">Dana</span>' in page
    assert 'data-doc="lost/acme.md"' in page
    # persona views, switchable
    assert '<select id="persona">' in page and page.count('<section class="view"') == 1 + len(
        jm.personas
    )


def test_hostile_quote_text_survives_escaping_intact(jm):
    import html

    page = to_html(jm)
    quotes = re.findall(r'<blockquote class="qt">(.*?)</blockquote>', page, re.S)
    assert HOSTILE in {html.unescape(q) for q in quotes}
