"""Browser test (Debian chromium, offline): the Map draws England's 39 police force areas from the screen layer built
at import (boundaries/pfa_dec2020_ew_buc.geojson holds 43 forces: England's 39 and Wales's 4), and a force chosen
there is outlined with its districts."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.test_browser import MAP_FRAME, assert_clean, assert_no_exception, map_frame, open_page, query

ENGLISH_FORCES = 39  # E23000001-E23000039; the Welsh forces (W15) are left off the map
KENT_FORCE = "E23000032"


def test_map_draws_englands_39_police_force_areas(guarded_page: Page, app_url: str) -> None:
    open_page(guarded_page, app_url, "map?level=pfa")
    frame = map_frame(guarded_page)
    forces = frame.locator("path.leaflet-interactive")
    expect(forces).to_have_count(ENGLISH_FORCES, timeout=30_000)
    ids = frame.locator(".leaflet-container").evaluate("""() => {
        const ids = [];
        window.map.eachLayer(layer => {
            if (layer.feature && layer.options.interactive !== false) ids.push(layer.feature.id);
        });
        return [...new Set(ids)].sort();
    }""")
    assert ids == [f"E230000{number:02d}" for number in range(1, ENGLISH_FORCES + 1)]
    assert guarded_page.locator(MAP_FRAME).bounding_box()["height"] > 400
    assert_no_exception(guarded_page)
    assert_clean(guarded_page)  # no console error, and no request off the machine


def test_a_chosen_force_is_outlined_with_its_districts(guarded_page: Page, app_url: str) -> None:
    open_page(guarded_page, app_url, f"map?level=pfa&area={KENT_FORCE}")
    frame = map_frame(guarded_page)
    expect(frame.locator("path.leaflet-interactive")).to_have_count(ENGLISH_FORCES, timeout=30_000)
    # Lines that take no clicks: 9 regions (some in several parts), Kent's own outline and its 13 districts'.
    lines = frame.locator("path:not(.leaflet-interactive)")
    expect(lines).not_to_have_count(0, timeout=30_000)
    assert lines.count() >= 9 + 1 + 13
    main = guarded_page.locator('[data-testid="stMain"]')
    expect(main.get_by_text("Its 13 districts", exact=False)).to_be_visible(timeout=20_000)
    assert query(guarded_page).get("area") == [KENT_FORCE]
    assert_no_exception(guarded_page)
    assert_clean(guarded_page)
