"""Headline tiles never cut their text, at 1280 px and on a phone, for every cohort: no element of a tile (its
need, its figure) is wider than its box or ends in an ellipsis."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from core.vocabulary import JUSTICE_COHORTS
from tests.support.harness import wait_for_app

VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
CUT = """() => [...document.querySelectorAll('[data-testid="stMetric"] *')].filter(element => {
    const style = getComputedStyle(element);
    return element.scrollWidth > element.clientWidth + 1 && style.overflow !== 'visible'
        || (style.textOverflow === 'ellipsis' && element.scrollWidth > element.clientWidth);
}).map(element => element.textContent)"""


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=list(VIEWPORTS))
def test_no_tile_cuts_its_text(guarded_page: Page, app_url: str, viewport: str) -> None:
    page = guarded_page
    page.set_viewport_size(VIEWPORTS[viewport])
    for cohort in JUSTICE_COHORTS:
        page.goto(f"{app_url}/overview?cohort={cohort}")
        wait_for_app(page)
        expect(page.locator('[data-testid="stMetric"]').first).to_be_visible()
        assert page.evaluate(CUT) == [], cohort
