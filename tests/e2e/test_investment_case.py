"""The investment case in a real browser: figures typed on the page are worked out step by step, and the JSNA
chapter made afterwards in the same session carries the same case (one source of each sentence).

By hand: 10 to 20 sentences x 0.25 to 0.5 years = 2.5 to 10 prisoner-years x £39,000 = £97,500 to £390,000."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from playwright.sync_api import Page, expect

from tests.e2e.test_pack_choices import DOWNLOAD_TIMEOUT_MS, MAIN, go_to
from tests.support.harness import save_screenshot, wait_for_app, wait_for_rerun

RESULT = "£97,500 to £390,000"


def type_figure(page: Page, label: str, value: str) -> None:
    box = page.locator(MAIN).get_by_label(label, exact=True)
    box.fill(value)
    wait_for_rerun(page, lambda: box.press("Enter"))


def test_typed_figures_are_worked_out_and_reach_the_chapter(guarded_page: Page, app_url: str) -> None:
    page = guarded_page
    page.goto(f"{app_url}/investment_case")
    wait_for_app(page)
    for label, value in (("Custodial sentences avoided in a year: low", "10"),
                         ("Custodial sentences avoided in a year: high", "20"),
                         ("Years each would have spent in custody: low", "0.25"),
                         ("Years each would have spent in custody: high", "0.5")):
        type_figure(page, label, value)
    main = page.locator(MAIN)
    expect(main.get_by_text(f"Fiscal (a public budget): {RESULT}", exact=False)).to_be_visible()
    save_screenshot(page, "investment_case")
    go_to(page, "JSNA chapter")
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as info:
        main.get_by_role("button", name="Download the chapter (Word)").click()
    document = Document(io.BytesIO(Path(info.value.path()).read_bytes()))
    text = "\n".join([p.text for p in document.paragraphs]
                     + [cell.text for table in document.tables for row in table.rows for cell in row.cells])
    assert "The investment case" in [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert RESULT in text
