"""Presentation mode, chart downloads and shared links in the real browser.

Presentation mode hides the sidebar and the page's controls, enlarges text and chart text, and keeps the view;
a button (or Esc), reachable by keyboard, leaves it. A chart downloads as PNG and SVG without rerunning the
page. A link copied from the address bar, opened in a new browser session, reopens exactly the view shown:
page, area, level, cohorts, needs, indicator, presentation.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support.harness import guard_page, wait_for_app, wait_for_rerun

SIDEBAR = '[data-testid="stSidebar"]'
MAIN = '[data-testid="stMain"]'
AXIS_LABEL = f'{MAIN} [data-testid="stVegaLiteChart"] g.role-axis-label text'
LEAVE = "Leave presentation mode"


def open_page(page: Page, path: str) -> None:
    page.goto(f"{page.app_url}/{path}")
    wait_for_app(page)


def query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def axis_label_px(page: Page) -> float:
    label = page.locator(AXIS_LABEL).first
    expect(label).to_be_attached()
    return float(label.evaluate("node => parseFloat(getComputedStyle(node).fontSize)"))


def root_font_px(page: Page) -> float:
    return float(page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)"))


def pick(page: Page, label: str, option: str, scope: str = MAIN) -> None:
    """Choose an option in a selectbox (typing narrows the list), the way a user does."""
    def choose() -> None:
        box = page.locator(scope).get_by_role("combobox", name=label, exact=True)
        box.scroll_into_view_if_needed()  # a list opened while its pane still scrolls closes at once
        box.click()
        page.keyboard.type(option)
        page.get_by_role("option", name=option, exact=True).click()
    wait_for_rerun(page, choose)


def test_presentation_mode_hides_the_controls_and_keeps_the_view(guarded_page: Page) -> None:
    page = guarded_page
    open_page(page, "compare?cohorts=probation&cohorts=prison&domains=substance_misuse&cohort=probation")
    selected = page.get_by_text(re.compile(r"\d+ figures selected\.")).inner_text()
    normal_label, normal_root = axis_label_px(page), root_font_px(page)

    wait_for_rerun(page, lambda: page.locator(SIDEBAR).get_by_text("Presentation mode", exact=True).click())
    assert query(page) == {"cohorts": ["probation", "prison"], "domains": ["substance_misuse"], "cohort": ["probation"],
                           "present": ["on"]}, page.url
    expect(page.locator(SIDEBAR)).to_be_hidden()
    expect(page.locator(MAIN).get_by_role("combobox", name="Cohorts")).to_be_hidden()
    expect(page.get_by_role("button", name="Download chart (PNG)")).to_be_hidden()
    expect(page.get_by_text(selected)).to_be_visible()  # the same figures, from the same choices
    expect(page.locator(f'{MAIN} [data-testid="stVegaLiteChart"]')).to_be_visible()
    assert root_font_px(page) >= 1.3 * normal_root
    assert axis_label_px(page) >= 1.4 * normal_label

    # The way out is reachable by keyboard, shows its focus, and puts everything back.
    page.locator("body").focus()
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches('button') && document.activeElement.innerText"
                         f".startsWith('{LEAVE}')"):
            break
    leave = page.get_by_role("button", name=re.compile(LEAVE))
    expect(leave).to_be_focused()
    assert leave.evaluate("node => getComputedStyle(node).outlineStyle") != "none"
    wait_for_rerun(page, lambda: page.keyboard.press("Enter"))
    expect(page.locator(SIDEBAR)).to_be_visible()
    expect(page.locator(MAIN).get_by_role("combobox", name="Cohorts")).to_be_visible()
    assert "present" not in query(page) and query(page)["cohorts"] == ["probation", "prison"], page.url
    assert axis_label_px(page) == pytest.approx(normal_label)


def test_a_presentation_link_opens_presenting_and_esc_leaves(guarded_page: Page) -> None:
    page = guarded_page
    open_page(page, "area_profile?area=E08000003&present=on")
    expect(page.locator(SIDEBAR)).to_be_hidden()
    expect(page.locator(MAIN).get_by_role("combobox", name="Area", exact=True)).to_be_hidden()
    expect(page.locator(MAIN)).to_contain_text("Manchester")
    wait_for_rerun(page, lambda: page.keyboard.press("Escape"))
    expect(page.locator(SIDEBAR)).to_be_visible()
    expect(page.get_by_role("button", name=re.compile(LEAVE))).to_have_count(0)
    assert query(page) == {"area": ["E08000003"]}, page.url


def test_chart_downloads_do_not_rerun_the_page(guarded_page: Page) -> None:
    page = guarded_page
    open_page(page, "compare?cohorts=prison&domains=mental_health")
    url = page.url
    page.evaluate("""() => {
        const app = document.querySelector('[data-testid="stApp"]');
        window.__jheReruns = 0;
        const count = () => { if (app.getAttribute('data-test-script-state') === 'running') window.__jheReruns++; };
        new MutationObserver(count).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
    }""")
    files = {}
    for kind in ("PNG", "SVG"):
        with page.expect_download() as download:
            page.get_by_role("button", name=f"Download chart ({kind})").click()
        files[kind] = (download.value.suggested_filename, download.value.path().read_bytes())
    assert files["PNG"][0] == "prevalence_comparison.png" and files["PNG"][1].startswith(b"\x89PNG\r\n\x1a\n")
    svg = files["SVG"][1].decode("utf-8")
    assert files["SVG"][0] == "prevalence_comparison.svg" and "<svg" in svg
    assert "Prevalence: cohort and general population" in svg
    assert page.evaluate("window.__jheReruns") == 0, "a download reran the page"
    assert page.url == url


def reopen(browser: Browser, url: str, port: int) -> Page:
    """The link in a new browser session (no cookies, no session state), guarded like the first page."""
    page = browser.new_context().new_page()
    page.problems = guard_page(page, port)  # type: ignore[attr-defined]
    page.goto(url)
    wait_for_app(page)
    return page


def widget_values(page: Page) -> dict[str, str]:
    """Every visible combobox's shown value, each radio group's checked option and each number field."""
    return page.evaluate("""() => {
        const values = {};
        document.querySelectorAll('input[role="combobox"]').forEach(box => {
            const widget = box.closest('[data-testid="stSelectbox"], [data-testid="stMultiSelect"]');
            const label = widget?.querySelector('label')?.innerText;
            const chips = [...(widget?.querySelectorAll('[data-tag]') || [])].map(t => t.getAttribute('aria-label'));
            if (label) values[label] = chips.length ? chips.join(' | ') : box.value;
        });
        document.querySelectorAll('[data-testid="stRadio"]').forEach(group => {
            values[group.querySelector('label')?.innerText] = group.querySelector('input:checked')
                ?.closest('label')?.innerText;
        });
        document.querySelectorAll('[data-testid="stNumberInput"] input').forEach(box => {
            values[box.getAttribute('aria-label')] = box.value;
        });
        document.querySelectorAll('input[role="switch"], input[type="checkbox"]').forEach(box => {
            values[box.closest('label')?.innerText] = box.checked;
        });
        return values;
    }""")


def test_a_copied_link_reopens_the_same_view(guarded_page: Page, browser: Browser, app_server) -> None:
    page = guarded_page
    # Area profile: an area and an indicator over time chosen on screen, and the sidebar's cohort.
    open_page(page, "area_profile")
    pick(page, "Area", "Manchester")
    pick(page, "Indicator", "Depression (QOF, 18+)")
    pick(page, "Cohort", "Probation", scope=SIDEBAR)
    views = [(page.url, widget_values(page))]
    assert query(page).keys() >= {"area", "trend", "cohort"}, page.url
    assert views[0][1]["Indicator"] == "Depression (QOF, 18+)"

    # Compare: cohorts and domains narrowed, one need picked.
    open_page(page, "compare")
    cohorts = page.locator(MAIN).get_by_role("combobox", name="Cohorts", exact=True)
    wait_for_rerun(page, lambda: (cohorts.focus(), page.keyboard.press("Backspace")))  # drops the last cohort
    pick(page, "Needs (leave empty for all in the chosen domains)", "Any personality disorder")
    views.append((page.url, widget_values(page)))
    assert query(page).keys() >= {"cohorts", "needs"}, page.url
    assert views[1][1]["Needs (leave empty for all in the chosen domains)"] == "Any personality disorder"

    # Local need: an area at district level, two cohorts, a typed caseload, the local adjustment.
    open_page(page, "local_need?area=E08000016&need_cohorts=probation&need_cohorts=prison_release")
    wait_for_rerun(page, lambda: page.locator(MAIN).get_by_text("Districts and unitary authorities").click())
    size = page.locator(MAIN).get_by_role("spinbutton", name=re.compile("^Your local figure: probation"))
    wait_for_rerun(page, lambda: (size.fill("950"), size.press("Enter")))
    wait_for_rerun(page, lambda: page.locator(MAIN).get_by_text("Adjust for the local general population").click())
    views.append((page.url, widget_values(page)))
    assert query(page).keys() >= {"level", "area", "need_cohorts", "size_probation", "adjust"}, page.url
    assert views[2][1]["Areas"] == "Districts and unitary authorities" and views[2][1]["Area"] == "Barnsley"
    assert views[2][1]["Adjust for the local general population (smoking and depression)"] is True

    for url, shown in views:
        other = reopen(browser, url, app_server.port)
        try:
            assert urlsplit(other.url).path == urlsplit(url).path, other.url
            assert widget_values(other) == shown, f"{url} reopened differently"
            assert other.problems.empty(), other.problems.report()
        finally:
            other.context.close()
