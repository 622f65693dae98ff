"""map.html in real headless Chromium (Debian's `chromium`, driven by playwright; no browser download).

Asserts on the rendered DOM: all stages present, a quote expands, its context opens,
filters and the persona switch work, hostile quotes stay inert, and no request leaves
the page.
"""

from __future__ import annotations

import shutil

import pytest

from cjm_insights.render import write_outputs

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]  # fmt: skip


@pytest.fixture
def page(tmp_path):
    from playwright.sync_api import sync_playwright

    assert shutil.which(CHROMIUM), (
        "install Debian's chromium: apt-get install -y chromium (.ci/run does)"
    )
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True, args=FLAGS,
            viewport={"width": 1440, "height": 900},
        )  # fmt: skip
        page = ctx.pages[0] if ctx.pages else ctx.new_page()
        page.requests, page.dialogs, page.errors = [], [], []
        ctx.route(
            "**/*",
            lambda route: (
                route.continue_() if route.request.url.startswith("file://") else route.abort()
            ),
        )
        page.on("request", lambda r: page.requests.append(r.url))
        page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        yield page
        ctx.close()


def test_map_in_chromium(jm, page, tmp_path):
    html = write_outputs(jm, tmp_path / "out", ["html"])["html"]
    url = html.resolve().as_uri()
    page.goto(url)
    page.wait_for_load_state("load")
    view = page.locator('section.view[data-view="all"]')

    # every stage is a column, in journey order
    names = view.locator(".stagehead h2").all_inner_texts()
    assert [n.split(" ", 1)[1] for n in names] == [s.name for s in jm.stages]

    # a pain point expands to its quotes, each with document, source type and speaker
    item = view.locator("details.item.pain", has_text="security questionnaire took").first
    assert not item.locator("li.q").first.is_visible()
    item.locator("summary").click()
    quotes = item.locator("li.q")
    assert quotes.count() == 2 and quotes.first.is_visible()
    assert "lost/acme.md" in item.inner_text() and "lost_deal" in item.inner_text()

    # ... and a quote opens in its source document (embedded: works offline)
    quotes.first.locator("button.ctx").click()
    panel = page.locator("#ctx")
    assert panel.is_visible()
    mark = panel.locator("mark").inner_text()
    assert mark in {e.quote for e in jm.evidence} and "security questionnaire" in mark.lower()

    # hostile text: shown as text, never run (scripts, handlers, javascript: links)
    hostile = view.locator("details.item", has_text="HYPERLINK").first
    hostile.locator("summary").click()
    q = hostile.locator("li.q").first
    assert "<script>window.__pwned = 1</script>" in q.locator("blockquote").inner_text()
    q.locator("button.ctx").click()
    page.locator("#ctx-full").click()
    assert "</script><script>window.__pwned = 4</script>" in panel.locator("pre").inner_text()
    assert page.locator("main script, main img, main a[href^='javascript']").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert page.dialogs == [] and page.errors == []

    # source filter: hiding tickets hides the ticket-only SSO pain
    sso = view.locator("details.item.pain", has_text="SSO login fails").first
    assert sso.is_visible()
    page.locator("input[name=src][value=ticket]").uncheck()
    assert not sso.is_visible()
    page.locator("input[name=src][value=ticket]").check()
    assert sso.is_visible()

    # persona switch
    page.select_option("#persona", label="admin (3)")
    assert not view.is_visible()
    admin = page.locator("section.view:not([hidden])")
    assert admin.get_attribute("data-view") != "all" and "Persona: admin" in admin.inner_text()

    page.screenshot(path=str(tmp_path / "map.png"), full_page=True)
    assert (tmp_path / "map.png").stat().st_size > 10_000
    assert page.requests and all(u.startswith("file://") for u in page.requests), page.requests
