"""Accessibility in the browser (WCAG 2.2 AA, as the UK public sector must meet).

- axe-core 4.12.1 (bundled with axe-playwright-python) finds no serious or critical violation of the WCAG 2.0,
  2.1 and 2.2 A and AA rules on any page of the menu, nor in presentation mode;
- the keyboard reaches the sidebar's choices, the page's controls and the chart downloads, and shows where it is;
- every chart has a description (its accessible name) and a table on the same page.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import Page, expect

from tests.support.harness import wait_for_app

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
BLOCKING = ("serious", "critical")
# Streamlit's own markup that no CSS, config or argument of ours can change: one rule and one selector each.
KNOWN_STREAMLIT_MARKUP = [
    # With sections (our grouped menu), st.navigation puts each section's <header> and <li>s in a <div> directly
    # inside the sidebar's <ul>: frontend/app/src/components/Navigation/NavSection.tsx, since streamlit PR #8681
    # and unchanged upstream (accessibility umbrella issue: streamlit/streamlit#8399). Links stay named and
    # reachable by keyboard; only the list structure announced to screen readers is wrong.
    ("list", 'ul[data-testid="stSidebarNavItems"]'),
    ("listitem", 'ul[data-testid="stSidebarNavItems"] > div > li'),
]

PAGES = [
    pytest.param("", id="overview"),
    pytest.param("compare", id="compare"),
    pytest.param("map", id="map"),
    pytest.param("map?area=E08000016", id="map_with_neighbours"),  # the neighbours' dashed outline and key
    pytest.param("map?table=on", id="map_with_table"),  # the table of every area, shown on request
    pytest.param("area_profile?area=E08000003", id="area_profile"),
    pytest.param("local_need?area=E08000016", id="local_need"),
    pytest.param("your_data", id="your_data"),
    pytest.param("board_pack", id="board_pack"),
    pytest.param("jsna_chapter", id="jsna_chapter"),
    pytest.param("investment_case", id="investment_case"),
    pytest.param("checklist", id="checklist"),
    pytest.param("sources", id="sources"),
    pytest.param("data_status", id="data_status"),
    pytest.param("?present=on", id="overview_presenting"),
    pytest.param("compare?present=on", id="compare_presenting"),
    pytest.param("area_profile?area=E08000003&present=on", id="area_profile_presenting"),
]
CHART = '[data-testid="stMain"] [data-testid="stVegaLiteChart"]'
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


def settle(page: Page, path: str) -> None:
    """Open the page and wait until the script has finished, every chart is drawn and any map has its areas."""
    page.goto(f"{page.app_url}/{path}")
    wait_for_app(page)
    page.wait_for_function(f"""() => [...document.querySelectorAll('{CHART}')]
        .every(chart => chart.querySelector('svg.marks, canvas.marks'))""")
    if page.locator(MAP_FRAME).count():
        expect(page.frame_locator(MAP_FRAME).locator("path.leaflet-interactive").first).to_be_attached()


def axe_violations(page: Page) -> list[dict]:
    """axe's violations (WCAG A and AA tags), less the nodes of the known Streamlit markup above."""
    for frame in page.frames:  # the map's iframe too: axe reports what is inside it from the top frame
        frame.evaluate(AXE_SCRIPT)
    return page.evaluate("""async ([tags, known]) => {
        const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
        const isKnown = (rule, target) => target.length === 1 && known.some(([id, selector]) =>
            id === rule && document.querySelector(target[0])?.matches(selector));
        return results.violations
            .map(v => ({...v, nodes: v.nodes.filter(node => !isKnown(v.id, node.target))}))
            .filter(v => v.nodes.length > 0);
    }""", [AXE_TAGS, KNOWN_STREAMLIT_MARKUP])


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} - {violation['helpUrl']}")
        for node in violation["nodes"][:10]:
            summary = node.get("failureSummary", "").replace("\n", " ")
            lines.append(f"    {' >> '.join(node['target'])}\n        {node['html'][:160]}\n        {summary}")
        if len(violation["nodes"]) > 10:
            lines.append(f"    ... and {len(violation['nodes']) - 10} more elements")
    return "\n".join(lines)


@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_serious_violation(guarded_page: Page, path: str) -> None:
    settle(guarded_page, path)
    violations = axe_violations(guarded_page)
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    others = [v for v in violations if v["impact"] not in BLOCKING]
    if others:
        print(f"Moderate or minor (not failing):\n{describe(others)}")
    if blocking:
        pytest.fail(f"axe: serious or critical violations on /{path}:\n{describe(blocking)}", pytrace=False)


def test_every_chart_has_a_description_and_a_table(guarded_page: Page) -> None:
    page = guarded_page
    for path in ("", "compare", "area_profile?area=E08000003", "local_need?area=E08000016"):
        settle(page, path)
        charts = page.locator(CHART)
        assert charts.count() > 0, f"/{path} drew no chart"
        for label in charts.evaluate_all("charts => charts.map(chart => chart.getAttribute('aria-label'))"):
            assert label and len(label) > 40, f"/{path}: a chart has no description ({label!r})"
        assert page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]').count() > 0, \
            f"/{path} has a chart but no table"


# A toggle's input is visually hidden (1 px): what the user sees, and what must show the ring, is its label.
FOCUSED = """() => {
    const element = document.activeElement;
    const shown = element.matches('input[type="checkbox"], input[type="radio"]') ? element.closest('label')
                                                                                  : element;
    const style = getComputedStyle(shown);
    const box = shown.getBoundingClientRect();
    return {name: element.getAttribute('aria-label') || element.innerText?.trim() || '',
            role: element.getAttribute('role') || element.tagName.toLowerCase(),
            inSidebar: !!element.closest('[data-testid="stSidebar"]'),
            ring: element.matches(':focus-visible') && style.outlineStyle !== 'none'
                  && parseFloat(style.outlineWidth) >= 2,
            onScreen: box.width > 1 && box.height > 1 && box.bottom > 0 && box.top < window.innerHeight};
}"""


def tab_through(page: Page, presses: int) -> list[dict]:
    stops = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUSED))
    return stops


def test_keyboard_reaches_the_controls_and_shows_focus(guarded_page: Page) -> None:
    page = guarded_page
    settle(page, "compare")
    stops = tab_through(page, 45)
    wanted = [("Cohort", True), ("Sex", True), ("Presentation mode", True), ("Cohorts", False),
              ("Domains", False), ("Download chart (PNG)", False), ("Download chart (SVG)", False)]
    reached = {(stop["name"], stop["inSidebar"]): stop for stop in stops}
    missing = [name for name, in_sidebar in wanted if (name, in_sidebar) not in reached]
    assert not missing, f"Tab never reached {missing}; it stopped at {[s['name'] for s in stops]}"
    for name, in_sidebar in wanted:
        stop = reached[(name, in_sidebar)]
        assert stop["ring"], f"{name!r} has focus but no visible focus ring: {stop}"
        assert stop["onScreen"], f"{name!r} has focus but is scrolled out of view: {stop}"
    assert [s["name"] for s in stops].index("Cohort") < [s["name"] for s in stops].index("Cohorts"), \
        "the sidebar should come before the page in the tab order"
