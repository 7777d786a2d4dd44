"""The JSNA chapter in a real browser: the Word and PDF downloads are made on click, open in python-docx and pypdf
with the view's figures, and clicking them neither reruns the page nor loses the view.

By hand (data/national_prevalence.csv, MH10): 1,650 on probation x 39% = 643.5 -> "about 640"."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.e2e.test_board_pack import COUNT_RUNS
from tests.support.harness import wait_for_app

VIEW = "jsna_chapter?area=E08000016&need_cohorts=probation&size_probation=1650&cohorts=prison&domains=mental_health"
DOWNLOAD_TIMEOUT_MS = 120_000
SENTENCE = "Of the 1,650 people on probation in Barnsley, about 640 are likely to have a current mental illness"


def download(page: Page, label: str, suffix: str) -> io.BytesIO:
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as info:
        page.locator('[data-testid="stMain"]').get_by_role("button", name=label).click()
    assert info.value.suggested_filename.endswith(suffix), info.value.suggested_filename
    return io.BytesIO(Path(info.value.path()).read_bytes())


def test_the_chapter_downloads_without_a_rerun(guarded_page: Page, app_url: str) -> None:
    page = guarded_page
    page.goto(f"{app_url}/{VIEW}")
    wait_for_app(page)
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_role("heading", name="JSNA chapter")).to_be_visible()
    url = page.url
    page.evaluate(COUNT_RUNS)

    chapter = Document(download(page, "Download the chapter (Word)", ".docx"))
    headings = [p.text for p in chapter.paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "Summary" and headings[-1] == "References"
    body = "\n".join(p.text for p in chapter.paragraphs)
    assert SENTENCE in body
    assert chapter.inline_shapes and all(s._inline.docPr.get("descr") for s in chapter.inline_shapes)

    pdf = PdfReader(download(page, "Download the chapter (PDF)", ".pdf"))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in pdf.pages)
    assert SENTENCE in text

    assert page.evaluate("window.__jheRuns") == 0
    assert page.url == url
