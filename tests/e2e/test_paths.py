"""Every page's path works as typed and shared: each opens its own page with no "Page not found", and the root URL
leads to the Overview at /overview with the link's choices kept, a repeated one whole."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.support.harness import wait_for_app
from ui.pages_registry import all_pages

MAIN = '[data-testid="stMain"]'


@pytest.mark.parametrize("entry", all_pages(), ids=[entry.url_path for entry in all_pages()])
def test_each_path_opens_its_page(guarded_page: Page, app_url: str, entry) -> None:
    guarded_page.goto(f"{app_url}/{entry.url_path}")
    wait_for_app(guarded_page)
    expect(guarded_page.get_by_text("Page not found")).to_have_count(0)
    assert urlsplit(guarded_page.url).path == f"/{entry.url_path}"
    current = guarded_page.locator('[data-testid="stSidebarNavLink"][aria-current="page"]')
    expect(current).to_have_count(1)
    assert current.inner_text().strip() == entry.title


def test_the_root_leads_to_the_overview_with_the_links_choices(guarded_page: Page, app_url: str) -> None:
    guarded_page.goto(f"{app_url}/?cohort=probation&headlines=prison&headlines=probation")
    wait_for_app(guarded_page)
    expect(guarded_page.locator(f"{MAIN} h1").first).to_have_text("Health and social needs: people on probation")
    address = urlsplit(guarded_page.url)
    assert address.path == "/overview"
    assert parse_qs(address.query) == {"cohort": ["probation"], "headlines": ["prison", "probation"]}
