"""The built site in headless Chromium: cards on focus, hover and tap, click-through to the claim
page, register filters, dark mode, phone layout, no console errors, accessibility, no script
execution from hostile register text. Screenshots of each step go to test-artifacts/browser/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import xss
from browser import LAUNCH_ARGS, Server, require_chromium, screenshot
from conftest import ROOT, mkdocs_build

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def chromium():
    path = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def real_site(tmp_path_factory, chromium):
    out = tmp_path_factory.mktemp("real-site") / "site"
    result = mkdocs_build(ROOT, "--site-dir", str(out))
    assert result.returncode == 0, result.stderr
    server = Server(out)
    yield server.url, out
    server.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.errors = []
    page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    yield page
    context.close()


def first_claim_on(site_dir: Path, page_dir: str) -> str:
    html = (site_dir / page_dir / "index.html").read_text("utf-8")
    start = html.index('data-claim="') + len('data-claim="')
    return html[start:html.index('"', start)]


def test_focus_shows_card_and_click_opens_claim_page(real_site, page):
    url, site_dir = real_site
    claim_id = first_claim_on(site_dir, "estradiol")
    claim = json.loads((site_dir / "claims" / claim_id / "claim.json").read_text("utf-8"))
    page.goto(url + "estradiol/")
    link = page.locator(f'.oxy-cite[data-claim="{claim_id}"] .oxy-cite__link').first
    link.focus()
    card = page.locator(f'.oxy-cite[data-claim="{claim_id}"] .oxy-card').first
    card.wait_for(state="visible", timeout=5000)
    assert card.get_attribute("role") == "tooltip"
    assert link.get_attribute("aria-describedby") == card.get_attribute("id")
    assert claim["statement"] in card.inner_text()
    assert claim["certainty_label"] + " certainty" in card.inner_text()
    screenshot(page, "01-card-on-focus")
    page.keyboard.press("Escape")
    card.wait_for(state="hidden", timeout=2000)
    link.click()
    page.wait_for_url(f"**/claims/{claim_id}/", timeout=10000)
    assert page.locator("h1").inner_text().rstrip("¶ ") == f"Claim {claim_id}"
    assert claim["statement"] in page.locator(".oxy-claim__statement").inner_text()
    screenshot(page, "02-claim-page")
    assert page.errors == []


def claim_requests(page) -> list[str]:
    """The claim JSON files the page asks for, from now on."""
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url) if r.url.endswith("/claim.json") else None)
    return requested


def test_hover_shows_card_fetched_on_demand_and_a_click_still_leaves(real_site, page):
    url, site_dir = real_site
    claim_id = first_claim_on(site_dir, "testosterone")
    requested = claim_requests(page)
    page.goto(url + "testosterone/")
    page.wait_for_load_state("networkidle")
    assert page.locator(".oxy-cite__link").count() > 10
    assert requested == []  # no card's JSON is fetched before the reader asks for one
    link = page.locator(f'.oxy-cite[data-claim="{claim_id}"] .oxy-cite__link').first
    link.hover()
    page.locator(f'.oxy-cite[data-claim="{claim_id}"] .oxy-card').first.wait_for(state="visible", timeout=5000)
    assert requested == [f"{url}claims/{claim_id}/claim.json"]
    screenshot(page, "03-card-on-hover")
    link.click()  # a mouse click goes to the claim page even with the card open
    page.wait_for_url(f"**/claims/{claim_id}/", timeout=10000)
    assert page.errors == []


def test_register_filters_by_certainty_and_text(real_site, page):
    url, site_dir = real_site
    claims = json.loads((site_dir / "data/claims.json").read_text("utf-8"))["claims"]
    high = sum(1 for c in claims if c["certainty"] == "high")
    page.goto(url + "register/")
    rows = page.locator(".oxy-register__table tbody tr")
    assert rows.count() == len(claims)
    page.select_option('select[data-filter="certainty"]', "high")
    assert page.locator(".oxy-register__table tbody tr:visible").count() == high
    assert page.locator(".oxy-register__count").inner_text() == f"{high} of {len(claims)} claims shown"
    screenshot(page, "04-register-filtered-high")
    page.click(".oxy-register__controls button[type=reset]")
    page.wait_for_function(f"document.querySelectorAll('.oxy-register__table tbody tr:not([hidden])').length === {len(claims)}")
    page.fill('input[data-filter="text"]', "bremelanotide")
    expected = sum(1 for c in claims if "bremelanotide" in (c["statement"] + c["topic"]).lower()
                   or "bremelanotide" in (c["design"] + c["population_label"]).lower())
    visible = page.locator(".oxy-register__table tbody tr:visible").count()
    assert 0 < visible and visible >= expected
    assert page.errors == []


def test_evidence_map_link_presets_the_filters(real_site, page):
    url, site_dir = real_site
    claims = json.loads((site_dir / "data/claims.json").read_text("utf-8"))["claims"]
    expected = sum(1 for c in claims if c["map"] == {"hormone": "estradiol", "outcome": "receptor-expression"})
    page.goto(url + "register/?hormone=estradiol&outcome=receptor-expression")
    assert expected > 0
    assert page.locator(".oxy-register__table tbody tr:visible").count() == expected


def test_sorting_by_certainty(real_site, page):
    url, _ = real_site
    page.goto(url + "register/")
    page.click('th[data-sort="rank"] button')
    ranks = page.eval_on_selector_all(".oxy-register__table tbody tr", "rows => rows.map(r => Number(r.dataset.rank))")
    assert ranks == sorted(ranks)
    assert page.get_attribute('th[data-sort="rank"]', "aria-sort") == "ascending"


def test_dark_mode_toggle(real_site, page):
    url, _ = real_site
    page.goto(url + "estradiol/")
    scheme = lambda: page.evaluate("document.body.getAttribute('data-md-color-scheme')")  # noqa: E731
    before = scheme()
    badge_bg = lambda: page.evaluate("getComputedStyle(document.querySelector('.oxy-badge')).backgroundColor")  # noqa: E731
    light_bg = badge_bg()
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') !== '{before}'")
    assert scheme() == "slate"
    assert badge_bg() != light_bg
    screenshot(page, "05-dark-mode")
    assert page.errors == []


def test_pages_readable_without_javascript(real_site, chromium):
    url, site_dir = real_site
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url + "register/")
    claims = json.loads((site_dir / "data/claims.json").read_text("utf-8"))["claims"]
    assert page.locator(".oxy-register__table tbody tr:visible").count() == len(claims)
    page.goto(url + "estradiol/")
    assert page.locator(".oxy-cite__link").count() > 10
    assert page.locator("ol.oxy-references li").count() > 3
    screenshot(page, "06-no-javascript")
    context.close()


@pytest.mark.parametrize("path", ["", "estradiol/", "register/", "claims/oxt-nonapeptide/", "references/",
                                  "audit/hormone-clinic-article/", "therapies/", "progesterone/"])
def test_no_serious_accessibility_violations(real_site, page, path):
    from axe_playwright_python.sync_playwright import Axe

    url, _ = real_site
    page.goto(url + path)
    page.wait_for_load_state("networkidle")
    results = Axe().run(page)
    serious = [(v["id"], v["impact"], len(v["nodes"])) for v in results.response["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert page.errors == []


@pytest.mark.parametrize("width,height,name", [(1280, 900, "desktop"), (390, 844, "phone")])
def test_summary_of_findings_tables_on_therapy_pages(real_site, chromium, width, height, name):
    """Every intervention on the therapies page has its table: status with its date first, then
    benefits and harms with their certainty; it fits the screen and its citations show cards."""
    url, site_dir = real_site
    context = chromium.new_context(viewport={"width": width, "height": height}, has_touch=name == "phone")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url + "therapies/")
    tables = page.locator(".oxy-sof")
    assert tables.count() >= 5
    for i in range(tables.count()):
        table = tables.nth(i)
        status = table.locator(".oxy-sof__row--status").first
        assert status.is_visible()
        assert "as of" in status.inner_text() or "last checked on" in status.inner_text()
        assert table.locator(".oxy-sof__row--harm").count() >= 1
        box = table.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1, (name, i, box)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    first = tables.first
    first.scroll_into_view_if_needed()
    screenshot(page, f"07-summary-of-findings-{name}")
    link = first.locator(".oxy-cite__link").first
    link.focus()
    first.locator(".oxy-card").first.wait_for(state="visible", timeout=5000)
    notice = page.locator(".admonition.warning").first
    assert "without your clinician" in notice.inner_text()
    assert errors == []
    context.close()


def test_evidence_profile_and_filter_by_domain(real_site, chromium):
    """A claim page shows its GRADE profile (readable on a phone); the register filters by the
    domain a claim was rated down for."""
    url, site_dir = real_site
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(url + "claims/trust-overall-uncertain/")
    profile = page.locator("table.oxy-profile")
    assert profile.is_visible()
    text = profile.inner_text()
    assert "Inconsistency" in text and "serious, −1" in text and "Moderate" in text
    assert "How the certainty follows: start high (4)" in page.locator(".oxy-profile__sum").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "08-evidence-profile-phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url + "register/")
    select = page.locator('select[data-filter="downgraded"]')
    select.select_option("indirectness")
    visible = page.locator(".oxy-register__table tbody tr:not([hidden])")
    shown = visible.count()
    assert 0 < shown < page.locator(".oxy-register__table tbody tr").count()
    for i in range(min(shown, 20)):
        assert "indirectness" in visible.nth(i).get_attribute("data-downgraded").split()
    assert f"{shown} of" in page.locator(".oxy-register__count").inner_text()
    context.close()


def test_hostile_register_text_never_runs(tmp_path, chromium):
    root = xss.make(tmp_path)
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    server = Server(root / "site")
    context = chromium.new_context()
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        for path in ("", "claims/in-oxt-trust-trial/", "register/", "references/", "audit/test-article/"):
            page.goto(server.url + path)
            page.wait_for_load_state("networkidle")
        page.goto(server.url)
        page.locator('.oxy-cite[data-claim="in-oxt-trust-trial"] .oxy-cite__link').first.hover()
        card = page.locator('.oxy-cite[data-claim="in-oxt-trust-trial"] .oxy-card').first
        card.wait_for(state="visible", timeout=5000)
        assert "<script>alert('xss')</script>" in card.inner_text()
        screenshot(page, "07-hostile-text-shown-as-text")
        page.wait_for_timeout(300)
    finally:
        context.close()
        server.close()
    assert dialogs == []


PLANTED = ("\nPlanted. <script>alert('script')</script> <img src=x onerror=\"alert('onerror')\"> "
           "[click](javascript:alert('link')) <iframe srcdoc=\"<script>alert('frame')</script>\"></iframe>\n")


def test_planted_script_fails_the_build_not_the_reader(tmp_path, chromium):
    """The build refuses the page; under `make serve` the reader gets the last good page and the
    error notice, and nothing planted runs, even when clicked."""
    from conftest import copy_fixture
    from live import NOTICE, Served

    root = copy_fixture("good", tmp_path)
    page_file = root / "docs/index.md"
    good_text = page_file.read_text()
    page_file.write_text(good_text + PLANTED)
    result = mkdocs_build(root)
    assert result.returncode != 0 and "docs/index.md:15:10: a page may not carry a <script> element" in result.stderr
    assert not (root / "site").exists()

    page_file.write_text(good_text)
    server = Served(root)
    context = chromium.new_context()
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        server.wait_for(lambda body: "oxy-cite" in body)
        page_file.write_text(good_text + PLANTED)
        server.wait_for(lambda body: NOTICE in body)
        page.goto(server.url)
        page.wait_for_load_state("load")
        notice = page.locator(".oxy-serve-errors")
        assert notice.is_visible()
        assert "docs/index.md:15:10" in notice.inner_text()
        assert page.locator("text=Planted.").count() == 0  # the last good page is shown
        screenshot(page, "08-serve-error-notice")
        page.wait_for_timeout(500)
    finally:
        context.close()
        server.close()
    assert dialogs == []


PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(chromium):
    """A phone: 390 x 844, touch events, mobile viewport rules."""
    context = chromium.new_context(viewport=PHONE, has_touch=True, is_mobile=True, device_scale_factor=2)
    page = context.new_page()
    page.errors = []
    page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    yield page
    context.close()


def page_width(page) -> int:
    return page.evaluate("Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")


@pytest.mark.parametrize("path", ["stress-hpa/", "register/", "claims/oxt-nonapeptide/", "how-to-read/", "glossary/"])
def test_phone_pages_fit_the_screen_and_pass_axe(real_site, phone, path):
    from axe_playwright_python.sync_playwright import Axe

    url, _ = real_site
    phone.goto(url + path)
    phone.wait_for_load_state("networkidle")
    assert page_width(phone) <= PHONE["width"]
    results = Axe().run(phone)
    serious = [(v["id"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in results.response["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == []
    assert phone.errors == []


def test_phone_evidence_map_scrolls_inside_its_own_box(real_site, phone):
    url, _ = real_site
    phone.goto(url + "register/")
    box = phone.locator(".oxy-map-wrap")
    box.scroll_into_view_if_needed()
    screenshot(phone, "09-phone-evidence-map")
    frame = box.bounding_box()
    assert frame["x"] >= 0 and frame["x"] + frame["width"] <= PHONE["width"]
    table = phone.locator("table.oxy-map").bounding_box()
    if table["width"] > frame["width"]:  # too wide to fit: it scrolls sideways in its box, not the page
        assert box.evaluate("el => getComputedStyle(el).overflowX") in ("auto", "scroll")
        box.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
        last = phone.locator("table.oxy-map thead th").last.bounding_box()
        assert last["x"] + last["width"] <= PHONE["width"]
        hormone = phone.locator("table.oxy-map tbody th").first.bounding_box()
        assert 0 <= hormone["x"] < 40  # the hormone column stays in view
        screenshot(phone, "10-phone-evidence-map-scrolled")
    assert page_width(phone) <= PHONE["width"]
    assert phone.errors == []


def test_phone_tap_opens_card_and_second_tap_opens_claim_page(real_site, phone):
    url, site_dir = real_site
    claim_id = first_claim_on(site_dir, "stress-hpa")
    claim = json.loads((site_dir / "claims" / claim_id / "claim.json").read_text("utf-8"))
    requested = claim_requests(phone)
    phone.goto(url + "stress-hpa/")
    phone.wait_for_load_state("networkidle")
    screenshot(phone, "11-phone-content-page")
    assert requested == []
    link = phone.locator(f'.oxy-cite[data-claim="{claim_id}"] .oxy-cite__link').first
    card = phone.locator(f'.oxy-cite[data-claim="{claim_id}"] .oxy-card').first
    link.tap()
    card.wait_for(state="visible", timeout=5000)
    assert phone.url == url + "stress-hpa/"
    assert claim["statement"] in card.inner_text()
    assert requested == [f"{url}claims/{claim_id}/claim.json"]
    frame = card.bounding_box()
    assert frame["x"] >= 0 and frame["x"] + frame["width"] <= PHONE["width"]
    assert page_width(phone) <= PHONE["width"]
    screenshot(phone, "12-phone-card-opened-by-tap")
    phone.wait_for_timeout(400)  # the card stays open: nothing but a tap elsewhere closes it
    assert card.is_visible() and phone.url == url + "stress-hpa/"
    link.tap()
    phone.wait_for_url(f"**/claims/{claim_id}/", timeout=10000)
    assert claim["statement"] in phone.locator(".oxy-claim__statement").inner_text()
    assert phone.errors == []


def test_phone_card_link_opens_claim_page_and_a_tap_elsewhere_closes_the_card(real_site, phone):
    url, site_dir = real_site
    claim_id = first_claim_on(site_dir, "estradiol")
    phone.goto(url + "estradiol/")
    link = phone.locator(f'.oxy-cite[data-claim="{claim_id}"] .oxy-cite__link').first
    card = phone.locator(f'.oxy-cite[data-claim="{claim_id}"] .oxy-card').first
    link.tap()
    card.wait_for(state="visible", timeout=5000)
    phone.locator("article h1").tap()
    card.wait_for(state="hidden", timeout=2000)
    assert phone.url == url + "estradiol/"
    link.tap()
    card.wait_for(state="visible", timeout=5000)
    card.get_by_role("link", name="Open the claim page").tap()
    phone.wait_for_url(f"**/claims/{claim_id}/", timeout=10000)
    assert phone.errors == []


def test_phone_tap_on_a_term_shows_its_definition_and_the_glossary_lists_every_term(real_site, phone):
    from gradedclaims import glossary

    url, site_dir = real_site
    terms = glossary.parse((ROOT / "glossary.yml").read_text("utf-8"), "glossary.yml")
    phone.goto(url + "stress-hpa/")
    phone.wait_for_load_state("networkidle")
    term = phone.locator("article p abbr").first
    definition = term.get_attribute("title")
    assert definition in {t.definition for t in terms.terms}
    term.tap()
    tooltip = phone.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible", timeout=5000)
    assert tooltip.inner_text().strip() == definition
    assert phone.url == url + "stress-hpa/"
    screenshot(phone, "13-phone-glossary-tooltip")
    phone.goto(url + "glossary/")
    anchors = set(phone.eval_on_selector_all("dl.oxy-glossary dt", "dts => dts.map(d => d.id)"))
    assert anchors == {glossary.anchor(t.term) for t in terms.terms}
    assert phone.errors == []


def test_retraction_notice_on_claim_page_card_and_bibliography(tmp_path, chromium):
    """A site built with a planted (waived) retraction shows the notice on the claim page, in the
    hover card and in the bibliography, with the notice link and the day it was checked."""
    from conftest import copy_fixture
    from retracted import add_second_source

    root = copy_fixture("good", tmp_path)
    add_second_source(root, "retracted", waive=True)
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    server = Server(root / "site")
    context = chromium.new_context()
    page = context.new_page()
    try:
        page.goto(server.url + "claims/in-oxt-trust-trial/")
        notice = page.locator(".oxy-claim__pubstatus")
        assert notice.is_visible()
        assert "A source supporting this claim was retracted or withdrawn" in notice.inner_text()
        assert "Retracted: see the notice (checked 2026-11-30)" in notice.inner_text()
        assert notice.locator("a").get_attribute("href") == "https://doi.org/10.1000/jt.2022.900"
        screenshot(page, "14-retraction-notice-on-claim-page")

        page.goto(server.url)
        page.locator('.oxy-cite[data-claim="in-oxt-trust-trial"] .oxy-cite__link').first.hover()
        card = page.locator('.oxy-cite[data-claim="in-oxt-trust-trial"] .oxy-card').first
        card.wait_for(state="visible", timeout=5000)
        mark = card.locator(".oxy-pubstatus--retracted")
        assert mark.inner_text() == "Retracted: see the notice (checked 2026-11-30)"

        page.goto(server.url + "references/")
        entry = page.locator("#ref-jones2021trust .oxy-pubstatus--retracted")
        assert entry.is_visible() and "checked 2026-11-30" in entry.inner_text()
    finally:
        context.close()
        server.close()


@pytest.mark.parametrize("path", ["references/", "register/"])
def test_long_pages_accessible_on_a_phone(real_site, chromium, path):
    """At Lighthouse's phone size: entries skipped by content-visibility must not overlap the footer
    (axe then measures their text against the footer's dark background)."""
    from axe_playwright_python.sync_playwright import Axe

    url, _ = real_site
    context = chromium.new_context(viewport={"width": 412, "height": 823}, is_mobile=True)
    page = context.new_page()
    page.goto(url + path)
    page.wait_for_load_state("networkidle")
    results = Axe().run(page)
    serious = [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in results.response["violations"]
               if v["impact"] in ("serious", "critical")]
    context.close()
    assert serious == []
