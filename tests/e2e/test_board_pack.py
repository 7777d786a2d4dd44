"""The Board pack in a real browser: both downloads are made on click, open in python-pptx and openpyxl with the
view's numbers, and clicking them neither reruns the page nor loses the view."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect
from pptx import Presentation

from tests.support.harness import wait_for_app

VIEW = "board_pack?area=E08000016&need_cohorts=probation&size_probation=1200&cohorts=prison&domains=mental_health"
DOWNLOAD_TIMEOUT_MS = 120_000

COUNT_RUNS = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    window.__jheRuns = 0;
    window.__jheRunObserver?.disconnect();
    window.__jheRunObserver = new MutationObserver(() => {
        if (app.getAttribute('data-test-script-state') === 'running') window.__jheRuns += 1;
    });
    window.__jheRunObserver.observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""


def download(page: Page, label: str, suffix: str) -> io.BytesIO:
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as info:
        page.locator('[data-testid="stMain"]').get_by_role("button", name=label).click()
    assert info.value.suggested_filename.endswith(suffix), info.value.suggested_filename
    return io.BytesIO(Path(info.value.path()).read_bytes())


def texts(presentation) -> str:
    found = []
    for slide in presentation.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                found += [p.text for p in shape.text_frame.paragraphs]
            if shape.has_table:
                found += [cell.text for row in shape.table.rows for cell in row.cells]
    return "\n".join(found)


def test_deck_and_workbook_download_without_a_rerun(guarded_page: Page, app_url: str) -> None:
    page = guarded_page
    page.goto(f"{app_url}/{VIEW}")
    wait_for_app(page)
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_role("heading", name="Board pack")).to_be_visible()
    expect(main.get_by_text("Local need: Probation caseload", exact=False).first).to_be_visible()
    url = page.url
    page.evaluate(COUNT_RUNS)

    deck = Presentation(download(page, "Download the full deck (PowerPoint)", ".pptx"))
    titles = [slide.shapes.title.text for slide in deck.slides]
    assert titles[0] == "Health and social needs in the justice system"
    # The probation table runs to two slides since the OASys needs (SC05, SM07) joined it.
    assert any(title.startswith("Local need: Probation caseload") for title in titles)
    body = texts(deck)
    assert "Barnsley · " in body
    # MH10: 1,200 x 39% = 468 -> "about 470" (data/national_prevalence.csv), as on the Local need page.
    assert "Of the 1,200 people on probation in Barnsley, about 470 are likely to have a current mental illness." \
        in body
    pictures = [shape for slide in deck.slides for shape in slide.shapes if shape.shape_type == 13]
    assert pictures and all(p._element.nvPicPr.cNvPr.get("descr") for p in pictures)

    book = load_workbook(download(page, "Download the workbook (Excel)", ".xlsx"))
    assert book.sheetnames[0] == "Key messages" and book.sheetnames[-2:] == ["Sources", "Notes"]
    local_need = list(book["Local need"].iter_rows(values_only=True))
    header = local_need[0]
    depression = next(row for row in local_need[1:] if str(row[header.index("Need")]).startswith("Suffered from dep"))
    assert depression[header.index("Expected people")] == pytest.approx(207.6)  # 1,200 x 17.3%, unrounded

    # Neither click ran the script again, and the view is as it was.
    assert page.evaluate("window.__jheRuns") == 0
    assert page.url == url
    expect(main.get_by_role("combobox", name="Area", exact=True)).to_have_value("Barnsley")
