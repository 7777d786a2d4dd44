"""The real app in a real browser: every page loads cleanly, the headline tiles and chart draw, links
carry the view, the sidebar drives the URL, and the Compare download matches the table on screen.

Every test runs on `guarded_page`: it fails if the page logs a console error or an uncaught
exception, if a request to the app fails, or if anything tries to leave the machine.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.support.harness import wait_for_app, wait_for_rerun

PAGES = [
    pytest.param("", "Health and social needs: people in prison", id="overview"),
    pytest.param("compare", "Compare cohorts with the general population", id="compare"),
    pytest.param("sources", "Sources and methods", id="sources"),
    pytest.param("data_status", "Data status", id="data_status"),
    pytest.param("map", "Map: local health and justice indicators", id="map"),
    pytest.param("area_profile", "Area profile", id="area_profile"),
    pytest.param("local_need", "Local need", id="local_need"),
    pytest.param("your_data", "Your data", id="your_data"),
    pytest.param("checklist", "Action checklist", id="checklist"),
    pytest.param("board_pack", "Board pack", id="board_pack"),
]
SIDEBAR = '[data-testid="stSidebar"]'
EXCEPTION = '[data-testid="stException"], .stException'
ERROR_BOX = '[data-testid="stAlertContentError"]'


def open_page(page: Page, app_url: str, path: str) -> None:
    page.goto(f"{app_url}/{path}")
    wait_for_app(page)


def title(page: Page) -> str:
    heading = page.locator('[data-testid="stMain"] h1')
    expect(heading).to_have_count(1)
    return heading.inner_text().strip()


def assert_no_exception(page: Page) -> None:
    exceptions = page.locator(EXCEPTION)
    assert exceptions.count() == 0, f"The page shows an exception:\n{exceptions.first.inner_text()}"
    errors = page.locator(ERROR_BOX)
    assert errors.count() == 0, f"The page shows an error box:\n{errors.first.inner_text()}"


def assert_clean(page: Page) -> None:
    problems = page.problems  # set by the guarded_page fixture
    assert problems.empty(), f"The page logged problems:\n{problems.report()}"


def sidebar_select(page: Page, label: str):
    """The input of a sidebar selectbox (a combobox whose value is the shown option)."""
    return page.locator(SIDEBAR).get_by_role("combobox", name=label, exact=True)


def choose(page: Page, label: str, option: str) -> None:
    """Pick an option in a sidebar selectbox the way a user does, and wait for the rerun."""
    def pick() -> None:
        box = sidebar_select(page, label)
        box.scroll_into_view_if_needed()  # ten menu entries make the sidebar scroll on a 720 px window
        box.click()
        page.get_by_role("option", name=option, exact=True).click()
    wait_for_rerun(page, pick)


def query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


@pytest.mark.parametrize(("path", "expected_title"), PAGES)
def test_page_loads_without_errors(guarded_page: Page, app_url: str, path: str, expected_title: str) -> None:
    open_page(guarded_page, app_url, path)
    assert_no_exception(guarded_page)
    assert title(guarded_page) == expected_title
    assert_clean(guarded_page)


def test_overview_tiles_and_chart(guarded_page: Page, app_url: str) -> None:
    page = guarded_page
    open_page(page, app_url, "")
    tiles = page.locator('[data-testid="stMain"] [data-testid="stMetric"]')
    expect(tiles).to_have_count(6)
    expect(tiles.first.locator('[data-testid="stMetricValue"]')).to_have_text("11.6×")

    chart = page.locator('[data-testid="stMain"] [data-testid="stVegaLiteChart"]').first
    drawing = chart.locator("svg.marks, canvas.marks").first
    expect(drawing).to_be_visible()
    box = drawing.bounding_box()
    assert box is not None and box["width"] > 0 and box["height"] > 0, f"chart has no size: {box}"
    # The forest plot draws one symbol per plotted ratio (SVG renderer; canvas has no DOM marks).
    if drawing.evaluate("node => node.tagName.toLowerCase()") == "svg":
        points = chart.locator('g.mark-symbol.role-mark > path')
        assert points.count() > 0, "the chart drew axes but no data points"
    assert_no_exception(page)
    assert_clean(page)


def test_deep_link_then_change_sex(guarded_page: Page, app_url: str) -> None:
    """Links carry option codes (cohort=probation, sex=female), not display labels, so renaming a
    label never breaks a shared link. Note: Streamlit 1.67's `bind="query-params"` on a selectbox
    with `format_func` writes the *label* (`?sex=Women`) and drops a code it cannot match."""
    page = guarded_page
    open_page(page, app_url, "?cohort=probation&sex=persons")
    assert "people on probation" in title(page), f"the deep link was ignored; URL is now {page.url}"
    expect(sidebar_select(page, "Cohort")).to_have_value("Probation")
    expect(sidebar_select(page, "Sex")).to_have_value("Persons")

    choose(page, "Sex", "Women")
    expect(sidebar_select(page, "Sex")).to_have_value("Women")
    expect(page).to_have_url(re.compile(r"[?&]sex=female(&|$)"))
    assert query(page).get("cohort") == ["probation"], f"the cohort fell out of the URL: {page.url}"
    assert "people on probation" in title(page)
    assert_no_exception(page)
    assert_clean(page)


def test_sidebar_nav_keeps_the_view(guarded_page: Page, app_url: str) -> None:
    page = guarded_page
    open_page(page, app_url, "")
    choose(page, "Cohort", "Probation")
    assert "people on probation" in title(page)
    chosen = query(page).get("cohort")
    assert chosen, f"choosing a cohort did not reach the URL: {page.url}"

    link = page.locator(f'{SIDEBAR} [data-testid="stSidebarNavLink"]').filter(has_text="Compare")
    wait_for_rerun(page, link.click)
    expect(page.locator('[data-testid="stMain"] h1')).to_have_text("Compare cohorts with the general population")
    assert urlsplit(page.url).path == "/compare", page.url
    assert query(page).get("cohort") == chosen, f"the cohort was dropped on page switch: {page.url}"
    expect(sidebar_select(page, "Cohort")).to_have_value("Probation")
    assert_no_exception(page)
    assert_clean(page)


def test_compare_download_matches_the_table(guarded_page: Page, app_url: str) -> None:
    page = guarded_page
    open_page(page, app_url, "compare")
    caption = page.get_by_text(re.compile(r"\d+ figures selected\."))
    expect(caption).to_have_count(1)
    selected = int(re.search(r"(\d+) figures selected\.", caption.inner_text()).group(1))
    assert selected > 0

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download this table (CSV)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    raw = download.path().read_bytes()
    assert raw.startswith(codecs.BOM_UTF8), "the CSV has no UTF-8 byte-order mark (Excel would garble it)"
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    header, data = rows[0], rows[1:]
    for column in ("Need", "Cohort", "Cohort source", "Link"):
        assert column in header, f"{column!r} missing from the CSV header {header}"
    assert len(data) == selected, f"CSV has {len(data)} rows; the page says {selected} figures are selected"
    assert all(len(row) == len(header) for row in data), "ragged CSV rows"

    wait_for_app(page)
    assert_no_exception(page)
    assert_clean(page)


@pytest.mark.parametrize(("path", "expected_title"), [
    ("overview", "Health and social needs: people in prison"),
    ("compare", "Compare cohorts with the general population"),
    ("sources", "Sources and methods"),
    ("data_status", "Data status"),
    ("map", "Map: local health and justice indicators"),
    ("area_profile", "Area profile"),
    ("local_need", "Local need"),
    ("your_data", "Your data"),
])
def test_cold_server_deep_link_runs_through_the_router(cold_guarded_page: Page, path: str,
                                                       expected_title: str) -> None:
    """A shared link is often a server's first request. With a pages/ folder, Streamlit would run
    the page file on its own (old-style multipage mode) until st.navigation has run once: no
    shared sidebar filters, a navigation built from file names, and "Page not found" for a url_path
    that differs from the file name."""
    page = cold_guarded_page
    open_page(page, page.app_url, path)
    assert_no_exception(page)
    assert title(page) == expected_title
    expect(page.get_by_text("Page not found")).to_have_count(0)
    expect(sidebar_select(page, "Cohort")).to_have_value("Prison")
    expect(sidebar_select(page, "Sex")).to_have_value("All published breakdowns")
    links = page.locator(f'{SIDEBAR} [data-testid="stSidebarNavLink"]')
    expect(links).to_have_count(12)
    assert [text.split("\n")[-1].strip() for text in links.all_inner_texts()] == [
        "Overview", "Compare", "Map", "Area profile", "Local need", "Your data", "Board pack", "JSNA chapter",
        "Investment case", "Action checklist", "Sources and methods", "Data status"]
    assert urlsplit(page.url).path == f"/{path}", page.url
    assert_clean(page)


MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
UTLA_COUNT, LAD_COUNT = 153, 296  # ONS CTYUA Dec 2023 and LAD May 2024, England


def map_frame(page: Page):
    return page.frame_locator(MAP_FRAME)


@pytest.mark.parametrize(("path", "areas"), [("map", UTLA_COUNT), ("map?level=lad", LAD_COUNT)], ids=["utla", "lad"])
def test_map_draws_every_area_with_no_request_off_the_machine(guarded_page: Page, app_url: str, path: str,
                                                               areas: int) -> None:
    open_page(guarded_page, app_url, path)
    frame = map_frame(guarded_page)
    expect(frame.locator("path.leaflet-interactive")).to_have_count(areas, timeout=30_000)
    # Region outlines are drawn on top and take no clicks: 9 English regions (some have several parts).
    assert frame.locator("path:not(.leaflet-interactive)").count() >= 9
    assert guarded_page.locator(MAP_FRAME).bounding_box()["height"] > 400
    assert_no_exception(guarded_page)
    assert_clean(guarded_page)  # no console error, and no request left for a CDN or tile server


def test_clicking_an_area_selects_it(guarded_page: Page, app_url: str) -> None:
    open_page(guarded_page, app_url, "map")
    frame = map_frame(guarded_page)
    expect(frame.locator("path.leaflet-interactive")).to_have_count(UTLA_COUNT, timeout=30_000)
    # Scroll the map fully into view (a partly hidden map may sit under Streamlit's fixed header), then click
    # the pixel at the centre of North Yorkshire's (E06000065) bounds, as a user would.
    guarded_page.locator(MAP_FRAME).scroll_into_view_if_needed()
    point = frame.locator(".leaflet-container").evaluate("""() => {
        let target = null;
        window.map.eachLayer(layer => { if (layer.feature && layer.feature.id === "E06000065") target = layer; });
        const p = window.map.latLngToContainerPoint(target.getBounds().getCenter());
        return {x: p.x, y: p.y};
    }""")
    box = guarded_page.locator(MAP_FRAME).bounding_box()
    guarded_page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    # The click reruns the map's fragment, which reruns the page around the chosen area.
    guarded_page.wait_for_function("location.search.includes('area=E06000065')", timeout=30_000)
    wait_for_app(guarded_page)
    expect(guarded_page.get_by_text("North Yorkshire:", exact=False).first).to_be_visible(timeout=20_000)
    assert query(guarded_page).get("area") == ["E06000065"]
    assert_no_exception(guarded_page)
    assert_clean(guarded_page)


def main_select(page: Page, label: str):
    return page.locator('[data-testid="stMain"]').get_by_role("combobox", name=label, exact=True)


def choose_in_page(page: Page, label: str, option: str) -> None:
    """Pick an option in a selectbox on the page (not the sidebar), and wait for the rerun."""
    def pick() -> None:
        main_select(page, label).click()
        page.get_by_role("option", name=option, exact=True).click()
    wait_for_rerun(page, pick)


def test_changing_what_is_shown_swaps_the_areas_inside_the_same_map(guarded_page: Page, app_url: str) -> None:
    page = guarded_page
    open_page(page, app_url, "map")
    frame = map_frame(page)
    areas = frame.locator("path.leaflet-interactive")
    expect(areas).to_have_count(UTLA_COUNT, timeout=30_000)
    lines = frame.locator("path:not(.leaflet-interactive)")
    regions = lines.count()
    # Mark the map's document and zoom in: a new iframe would have neither.
    frame.locator(".leaflet-container").evaluate("() => { window.__kept = true; window.map.setZoom(8); }")
    fills = areas.evaluate_all("paths => paths.map(p => p.getAttribute('fill')).join()")

    choose_in_page(page, "Indicator", "Depression (QOF, 18+)")
    expect(areas).to_have_count(UTLA_COUNT, timeout=30_000)
    page.wait_for_function(
        """([selector, before]) => {
            const doc = document.querySelector(selector).contentDocument;
            const now = [...doc.querySelectorAll('path.leaflet-interactive')].map(p => p.getAttribute('fill'));
            return now.length > 0 && now.join() !== before;
        }""", arg=[MAP_FRAME, fills], timeout=30_000)
    assert frame.locator(".leaflet-container").evaluate("() => [window.__kept, window.map.getZoom()]") == [True, 8]

    choose_in_page(page, "Your area", "Barnsley")
    # Over the regions: Barnsley's outline, and the dashed outlines of the 9 of its 10 ONS global neighbours that
    # are upper-tier areas (Tamworth, a district, is not on this level's map).
    expect(lines).to_have_count(regions + 1 + 9, timeout=30_000)
    assert frame.locator(".leaflet-container").evaluate("() => window.__kept") is True
    assert query(page).get("area") == ["E08000016"]
    assert_no_exception(page)
    assert_clean(page)


def test_area_profile_draws_the_spine_chart(guarded_page: Page, app_url: str) -> None:
    open_page(guarded_page, app_url, "area_profile?area=E08000003")
    expect(guarded_page.locator('[data-testid="stVegaLiteChart"]')).to_have_count(2)  # spine chart and trend
    assert "Manchester" in guarded_page.locator('[data-testid="stMain"]').inner_text()
    assert_no_exception(guarded_page)
    assert_clean(guarded_page)


def test_local_need_follows_the_area_and_the_typed_caseload(guarded_page: Page, app_url: str) -> None:
    page = guarded_page
    open_page(page, app_url, "local_need?area=E08000016")
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_text("Of an estimated", exact=False).first).to_contain_text("in Barnsley")

    def pick_area() -> None:
        box = main.get_by_role("combobox", name="Area", exact=True)
        box.click()
        page.keyboard.type("Sheffield")
        page.get_by_role("option", name="Sheffield", exact=True).click()
    wait_for_rerun(page, pick_area)
    expect(main.get_by_text("Of an estimated", exact=False).first).to_contain_text("in Sheffield")
    assert query(page).get("area") == ["E08000019"]

    def type_caseload() -> None:
        box = main.get_by_role("spinbutton", name="Your local figure: probation caseload in Sheffield")
        box.fill("2500")
        box.press("Enter")
    wait_for_rerun(page, type_caseload)
    # MH09 17.3% of 2,500 = 432.5 -> "about 430" (2 significant figures); MH11 48% = 1,200.
    expect(main.get_by_text("Of the 2,500 people on probation in Sheffield, about 430 are likely to have "
                            "depression.", exact=False)).to_be_visible()
    assert query(page).get("size_probation") == ["2500"]
    # The table's CSV holds the same rows, unrounded: 2,500 x 17.3% = 432.5 people.
    with page.expect_download() as download:
        main.get_by_role("button", name="Download this table (CSV, unrounded)").click()
    rows = list(csv.DictReader(io.StringIO(codecs.decode(Path(download.value.path()).read_bytes(), "utf-8-sig"))))
    depression = next(row for row in rows if row["Need"].startswith("Suffered from depression"))
    assert (float(depression["Cohort size"]), float(depression["Expected people"])) == (2500.0, 432.5)
    assert_no_exception(page)
    assert_clean(page)


PARTNER_FILE = (  # one partner's figures: women 3 of 20 must be hidden, and men too (persons = men + women)
    "Area Code,Cohort,Indicator,Sex,Period,Numerator,Denominator,Partner\n"
    "E06000023,Probation,Depression,Persons,2024/25,30,120,Avon and Somerset PDU\n"
    "E06000023,Probation,Depression,Male,2024/25,27,100,Avon and Somerset PDU\n"
    "E06000023,Probation,Depression,Female,2024/25,3,20,Avon and Somerset PDU\n"
    "E08000003,Probation,Depression,Persons,2024/25,45,300,Manchester PDU\n"
    "Brstol,Probation,Depression,Persons,2024/25,37,20,Typo PDU\n"
)


def test_upload_suppresses_small_counts_on_screen_and_in_the_download(guarded_page: Page, app_url: str,
                                                                        browser, tmp_path: Path) -> None:
    page = guarded_page
    open_page(page, app_url, "your_data")
    upload = tmp_path / "partners.csv"
    upload.write_text(PARTNER_FILE, encoding="utf-8")
    wait_for_rerun(page, lambda: page.locator('input[type="file"]').set_input_files(str(upload)))
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_text("partners.csv: 4 of 5 rows can be used; 1 row has problems.")).to_be_visible()
    expect(main.get_by_text("suppressed (<5): to protect the people counted", exact=False)).to_be_visible()
    with page.expect_download() as download:
        main.get_by_role("button", name="Download these figures (CSV)").click()
    text = codecs.decode(Path(download.value.path()).read_bytes(), "utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    by_sex = {row["sex"]: row for row in rows if row["area_code"] == "E06000023"}
    assert by_sex["female"]["numerator"] == by_sex["female"]["value"] == "suppressed (<5)"
    assert by_sex["male"]["numerator"] == "suppressed to protect another cell"  # else 30 - 27 gives the women's 3
    assert (by_sex["persons"]["numerator"], by_sex["persons"]["denominator"]) == ("30", "120")
    small = [cell for row in rows for key in ("numerator", "denominator") for cell in [row[key]]
             if cell.isdigit() and 1 <= int(cell) <= 4]
    assert small == [] and "Typo PDU" not in text  # the unplaced row is listed as a problem, not used
    assert_no_exception(page)
    assert_clean(page)

    # Another browser session sees none of it: uploads live only in the session that made them.
    other = browser.new_context().new_page()
    try:
        other.goto(f"{app_url}/your_data")
        wait_for_app(other)
        expect(other.get_by_text("Upload a file to begin, or download a template above.")).to_be_visible()
        assert other.get_by_text("Avon and Somerset PDU").count() == 0
        assert other.get_by_text("partners.csv").count() == 0
    finally:
        other.context.close()
