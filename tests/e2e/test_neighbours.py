"""The statistical neighbours in a real browser: the Map outlines the chosen area's neighbours, dashed, over the
areas, and the Area profile lists them; nothing leaves the machine."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from charts.maps import NEIGHBOUR_DASH
from tests.support.harness import wait_for_app

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
UTLA_COUNT = 153


def test_the_map_outlines_barnsleys_neighbours(guarded_page: Page, app_url: str) -> None:
    guarded_page.goto(f"{app_url}/map?area=E08000016")
    wait_for_app(guarded_page)
    frame = guarded_page.frame_locator(MAP_FRAME)
    expect(frame.locator("path.leaflet-interactive")).to_have_count(UTLA_COUNT, timeout=30_000)
    # ONS's global list, first 10 English neighbours of Barnsley: 9 are upper-tier areas; Tamworth (a district
    # in Staffordshire) is not on this map. Leaflet draws one path per area, with the dash as an attribute.
    expect(frame.locator(f'path[stroke-dasharray="{NEIGHBOUR_DASH}"]')).to_have_count(9, timeout=30_000)
    expect(guarded_page.get_by_text("Dashed outline: 9 of Barnsley's 10 statistical neighbours",
                                    exact=False)).to_be_visible()


def test_the_area_profile_lists_the_neighbours(guarded_page: Page, app_url: str) -> None:
    guarded_page.goto(f"{app_url}/area_profile?area=E08000016&neighbours=economic")
    wait_for_app(guarded_page)
    expect(guarded_page.get_by_text("Areas like yours: statistical neighbours")).to_be_visible(timeout=30_000)
    expect(guarded_page.get_by_text("Economic list", exact=False).first).to_be_visible()
