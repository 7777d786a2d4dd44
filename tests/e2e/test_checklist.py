"""The Action checklist in a real browser: mark an item, save its section, download the progress, and carry on in
a fresh browser session by uploading that file. Both pages are guarded (no console error, nothing off-host)."""

from __future__ import annotations

import codecs
import csv
import io
import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.support.harness import AppServer, guard_page, wait_for_app, wait_for_rerun

MAIN = '[data-testid="stMain"]'
SUMMARY = re.compile(r"Progress: \d+ actions: ")


def open_checklist(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/checklist")
    wait_for_app(page)
    expect(page.locator(f"{MAIN} h1")).to_have_text("Action checklist")


def status_box(page: Page, item_id: str):
    return page.locator(MAIN).get_by_role("combobox", name=f"Status ({item_id})", exact=True)


def choose_status(page: Page, item_id: str, option: str) -> None:
    """Pick a status with the mouse; the box is scrolled into view first (a scroll closes an open list)."""
    box = status_box(page, item_id)
    box.scroll_into_view_if_needed()
    box.click()
    page.get_by_role("option", name=option, exact=True).click()


def note_box(page: Page, item_id: str):
    return page.locator(MAIN).get_by_role("textbox", name=f"Note ({item_id})", exact=True)


def test_progress_survives_download_and_upload(guarded_page: Page, app_url: str, app_server: AppServer, browser,
                                               tmp_path: Path) -> None:
    page = guarded_page
    open_checklist(page, app_url)
    main = page.locator(MAIN)
    expect(main.get_by_text(SUMMARY)).to_contain_text("0 done")

    choose_status(page, "S1-01", "Done")
    note_box(page, "S1-01").fill("=1+1 agreed")
    expect(status_box(page, "S1-01")).to_have_value("Done")  # inside a form: nothing reruns yet
    save = main.get_by_role("button", name="Save: Stage 1: understand local need", exact=True)
    wait_for_rerun(page, save.click)
    expect(main.get_by_text(SUMMARY)).to_contain_text("1 done")

    with page.expect_download() as download:
        main.get_by_role("button", name="Download progress (CSV)").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    rows = {row["item_id"]: row for row in csv.DictReader(io.StringIO(codecs.decode(saved.read_bytes(),
                                                                                     "utf-8-sig")))}
    assert (rows["S1-01"]["Status"], rows["S1-01"]["Note"]) == ("Done", "'=1+1 agreed")  # formula neutralised
    assert rows["S1-02"]["Status"] == "Not started"

    # A fresh browser session starts empty, and the file brings the progress back.
    other = browser.new_context().new_page()
    problems = guard_page(other, app_server.port)
    try:
        open_checklist(other, app_url)
        expect(status_box(other, "S1-01")).to_have_value("Not started")
        wait_for_rerun(other, lambda: other.locator(f'{MAIN} input[type="file"]').set_input_files(str(saved)))
        expect(other.locator(MAIN).get_by_text(re.compile(r"progress on \d+ item\(s\) loaded"))).to_be_visible()
        expect(status_box(other, "S1-01")).to_have_value("Done")
        expect(note_box(other, "S1-01")).to_have_value("=1+1 agreed")
        expect(other.locator(MAIN).get_by_text(SUMMARY)).to_contain_text("1 done")
        assert other.locator('[data-testid="stException"]').count() == 0
        assert problems.empty(), f"The second page logged problems:\n{problems.report()}"
    finally:
        other.context.close()
