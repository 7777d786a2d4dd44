"""Your data in a real browser, as a partner's file really arrives: a provider's own layout ("Quarter, Caseload,
Mental health need") is mapped to the template's fields on the page and read; a row's whole message is on screen;
two areas 0.2 points apart are not coloured as the two extreme fifths.

By hand: Barnsley 690 of 1,650 = 41.8%; Kent 2,070 of 5,000 = 41.4%, 2,060 of 5,000 = 41.2%."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.support.harness import save_screenshot, wait_for_app, wait_for_rerun

MAIN = '[data-testid="stMain"]'
PROVIDER = "Quarter,Caseload,Mental health need\n2024/25 Q1,1650,690\n"
TWO_AREAS = ("Area Code,Cohort,Indicator,Sex,Period,Numerator,Denominator,Partner\n"
             "E06000023,Probation,Depression,Persons,2024/25,2070,5000,PDU\n"
             "E10000016,Probation,Depression,Persons,2024/25,2060,5000,PDU\n"
             "E10000016,Probation,Depression,Persons,2024/25,ten,5000,PDU\n")


def choose(page: Page, label: str, option: str) -> None:
    """Pick ``option`` in the selectbox labelled ``label`` (inside a form: no rerun until the form is sent)."""
    box = page.locator(MAIN).locator('[data-testid="stSelectbox"]').filter(
        has=page.locator("label", has_text=re.compile(f"^{re.escape(label)}$")))
    box.click()
    page.keyboard.type(option)
    page.keyboard.press("Enter")
    expect(box.locator("input")).to_have_value(option)


def upload(page: Page, path: Path) -> None:
    wait_for_rerun(page, lambda: page.locator(f'{MAIN} input[type="file"]').set_input_files(str(path)))


def test_a_provider_layout_is_mapped_on_the_page_and_read(guarded_page: Page, app_url: str, tmp_path: Path) -> None:
    page = guarded_page
    page.goto(f"{app_url}/your_data")
    wait_for_app(page)
    file = tmp_path / "provider.csv"
    file.write_text(PROVIDER, encoding="utf-8")
    upload(page, file)
    main = page.locator(MAIN)
    expect(main.get_by_text("Read provider.csv with its own column names")).to_be_visible()
    choose(page, "Period (year, quarter or month)", "Quarter")
    choose(page, "Numerator: people with the need", "Mental health need")
    choose(page, "Denominator: people in the cohort", "Caseload")
    choose(page, "or cohort for every row", "Probation")
    main.get_by_label("or area name for every row").fill("Barnsley")
    main.get_by_label("or need for every row").fill("Mental health need")
    wait_for_rerun(page, main.get_by_role("button", name="Read the file with this mapping").click)
    expect(main.get_by_text("provider.csv: 1 of 1 rows can be used", exact=False)).to_be_visible()
    expect(main.get_by_text("read with your column mapping", exact=False)).to_be_visible()
    grid = main.locator('[data-testid="stDataFrame"]').first
    expect(grid).to_contain_text("41.8")
    save_screenshot(page, "your_data_mapped")


def test_a_whole_message_and_no_fifths_for_two_areas(guarded_page: Page, app_url: str, tmp_path: Path) -> None:
    page = guarded_page
    page.goto(f"{app_url}/your_data")
    wait_for_app(page)
    file = tmp_path / "two.csv"
    file.write_text(TWO_AREAS, encoding="utf-8")
    upload(page, file)
    main = page.locator(MAIN)
    main.get_by_text("1 problem(s) in two.csv", exact=False).click()
    message = main.locator('[data-testid="stTable"]').get_by_text("numerator", exact=False)
    expect(message).to_be_visible()
    box = message.bounding_box()
    cell = message.locator("xpath=ancestor::td[1]").bounding_box()
    assert box and cell and box["width"] <= cell["width"] + 1  # the text wraps inside its cell, none cut off
    expect(main.get_by_text("Fewer than five areas have a figure, so they share one colour", exact=False)
           ).to_be_visible()
