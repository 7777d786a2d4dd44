"""The board pack is what the user chose, in a real browser: a cohort size typed on Local need is quoted as typed
there and in both decks; a cohort added on Local need is in the pack without choosing it again; a partner file
covering two areas gives a Barnsley deck with Barnsley's rows only, saying which area was left out.

By hand (data/national_prevalence.csv, MH10): 1,650 on probation x 39% = 643.5 -> "about 640" (2 significant
figures); the caseload is quoted "1,650", never rounded to "1,700"."""

from __future__ import annotations

import io
import re
from pathlib import Path

from playwright.sync_api import Page, expect
from pptx import Presentation

from tests.support.harness import wait_for_app, wait_for_rerun

MAIN = '[data-testid="stMain"]'
SIDEBAR = '[data-testid="stSidebar"]'
DOWNLOAD_TIMEOUT_MS = 120_000
SENTENCE = "Of the 1,650 people on probation in Barnsley, about 640 are likely to have a current mental illness"
PARTNERS = ("Area Code,Cohort,Indicator,Sex,Period,Numerator,Denominator,Partner\n"
            "E08000016,Probation,Depression,Persons,2024/25,30,120,Barnsley PDU\n"
            "E10000016,Probation,Depression,Persons,2024/25,45,300,Kent PDU\n")


def go_to(page: Page, label: str) -> None:
    """Another page of the same session, through the sidebar (a new URL would start a new session)."""
    link = page.locator(f'{SIDEBAR} [data-testid="stSidebarNavLink"]').filter(has_text=label)
    wait_for_rerun(page, link.click)
    expect(page.locator(f"{MAIN} h1")).to_have_text(label)


def deck_text(page: Page, label: str) -> tuple[list[str], str]:
    """The slide titles and every text of the deck the button ``label`` downloads."""
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as info:
        page.locator(MAIN).get_by_role("button", name=label).click()
    deck = Presentation(io.BytesIO(Path(info.value.path()).read_bytes()))
    found = []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                found += [p.text for p in shape.text_frame.paragraphs]
            if shape.has_table:
                found += [cell.text for row in shape.table.rows for cell in row.cells]
        if slide.has_notes_slide:  # the short deck's tables carry the full sentences in the notes
            found.append(slide.notes_slide.notes_text_frame.text)
    return [slide.shapes.title.text for slide in deck.slides], "\n".join(found)


def test_a_typed_cohort_size_reads_back_in_the_board_sentence_and_both_decks(guarded_page: Page,
                                                                            app_url: str) -> None:
    page = guarded_page
    page.goto(f"{app_url}/local_need?area=E08000016&need_cohorts=probation")
    wait_for_app(page)
    main = page.locator(MAIN)
    size = main.locator('[data-testid="stNumberInput"] input').first
    size.fill("1650")
    wait_for_rerun(page, lambda: size.press("Enter"))
    expect(main.get_by_text(SENTENCE, exact=False)).to_be_visible()
    # Add a cohort here; the board pack has it without choosing it again.
    chooser = main.locator('[data-testid="stMultiSelect"]').filter(has_text="Probation caseload")
    chooser.click()
    wait_for_rerun(page, lambda: page.get_by_role("option", name="Prison releases to the area in a year").click())
    page.keyboard.press("Escape")
    go_to(page, "Board pack")
    expect(main.get_by_text("Local need: Prison releases to the area in a year", exact=False).first).to_be_visible()

    short_titles, short = deck_text(page, "Download the short deck (PowerPoint)")
    assert SENTENCE in short and "1,700" not in short
    assert any(cell.startswith("People on probation, 1,650") or "1,650" in cell for cell in short.splitlines())
    assert any(title.startswith("The headline needs: ") for title in short_titles)
    full_titles, full = deck_text(page, "Download the full deck (PowerPoint)")
    assert SENTENCE in full
    assert any(title.startswith("Local need: Prison releases") for title in full_titles)
    assert full_titles[-1].startswith("Appendix: sources and caveats")


def test_a_two_area_partner_file_gives_a_deck_for_the_chosen_area_only(guarded_page: Page, app_url: str,
                                                                      tmp_path: Path) -> None:
    page = guarded_page
    page.goto(f"{app_url}/your_data")
    wait_for_app(page)
    upload = tmp_path / "partners.csv"
    upload.write_text(PARTNERS, encoding="utf-8")
    wait_for_rerun(page, lambda: page.locator(f'{MAIN} input[type="file"]').set_input_files(str(upload)))
    expect(page.locator(MAIN).get_by_text("partners.csv: 2 of 2 rows can be used", exact=False)).to_be_visible()
    go_to(page, "Board pack")
    main = page.locator(MAIN)
    area = main.locator('[data-testid="stSelectbox"]').filter(has=page.locator("label", has_text=re.compile("^Area$")))
    area.click()
    page.keyboard.type("Barnsley")
    wait_for_rerun(page, lambda: page.keyboard.press("Enter"))
    expect(main.get_by_text("Partners' figures: rows for Kent", exact=False)).to_be_visible()
    titles, text = deck_text(page, "Download the full deck (PowerPoint)")
    assert "Barnsley PDU" in text and "Kent PDU" not in text
    assert "Rows for other areas were left out: Kent." in text or "rows for Kent" in text
    assert any(title.startswith("Partners' figures") for title in titles)
