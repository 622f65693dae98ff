"""Draft a map of corpora/sample with the keyless local extractor, time assembly and
rendering, and take the README screenshot (docs/map.png) in headless Chromium.

    .venv/bin/python scripts/map_screenshot.py [OUT_DIR]
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from cjm_insights import taxonomy  # noqa: E402
from cjm_insights.assemble import assemble  # noqa: E402
from cjm_insights.config import Config  # noqa: E402
from cjm_insights.extractors import make_extractor  # noqa: E402
from cjm_insights.ingest import ingest  # noqa: E402
from cjm_insights.pipeline import evidence_units, themes_for  # noqa: E402
from cjm_insights.render import write_outputs  # noqa: E402
from cjm_insights.workspace import Workspace  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]  # fmt: skip


def main(out: Path) -> None:
    ws = Workspace(out / ".cjm")
    tax = taxonomy.load()
    docs = ingest(REPO / "corpora" / "sample").documents
    evidence = make_extractor(Config(), ws).extract(docs, tax).evidence
    themes, _ = themes_for(evidence_units(evidence), ws)
    t0 = time.perf_counter()
    jm = assemble(
        evidence,
        docs,
        tax,
        themes.themes,
        title="Pathwise buyer journey (sample corpus, local extractor)",
    )
    t1 = time.perf_counter()
    paths = write_outputs(jm, out)
    t2 = time.perf_counter()
    print(
        f"{len(evidence)} evidence, {len(docs)} documents, {len(jm.themes)} themes, {len(jm.personas)} persona maps"
    )
    print(f"assemble {t1 - t0:.3f} s, render all four formats {t2 - t1:.3f} s")
    for kind, p in paths.items():
        print(f"  {kind:4} {p.stat().st_size / 1e6:.2f} MB  {p}")
    shot(paths["html"], REPO / "docs" / "map.png")


def shot(html: Path, png: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS, headless=True)
        page = browser.new_page(viewport={"width": 1680, "height": 1050})
        page.route(
            "**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort()
        )
        page.goto(html.resolve().as_uri())
        view = page.locator('section.view[data-view="all"]')
        pain = view.locator(".stagehead", has_text="Decision")  # scroll anchor
        pain.scroll_into_view_if_needed()
        item = view.locator("details.item.pain").nth(4)
        item.locator("summary").click()
        item.locator("li.q button.ctx").first.click()
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(png))
        browser.close()
    print(f"screenshot: {png}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/cjm-sample-map"))
