"""No download of uploaded text emits a live formula, in a real browser: partners' cells such as
=HYPERLINK(...) and +cmd|' /C calc'!A0 are uploaded, then every table that shows them is downloaded through
Streamlit's own table toolbar ("Download as CSV"), and every page that shows uploaded text without such a table
(Action checklist, Board pack) is checked to offer no toolbar download, its own download neutralised.

The rule (core.safe_csv): a text cell starting with =, +, -, @, tab or CR gets a leading apostrophe.
Chromium offers the File System Access API, whose save dialog a headless browser cannot answer; the init script
removes window.showSaveFilePicker so Streamlit falls back to an ordinary download, which Playwright captures.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from pathlib import Path

from openpyxl import load_workbook
from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.support.harness import wait_for_app, wait_for_rerun

MAIN = '[data-testid="stMain"]'
SIDEBAR = '[data-testid="stSidebar"]'
TABLE = '[data-testid="stDataFrame"]'
TABLE_FRAME = f'[data-testid="stFullScreenFrame"]:has({TABLE})'
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
DOWNLOAD_TIMEOUT_MS = 120_000
HOVER_TRIES, HOVER_WAIT_MS = 10, 3_000
TOOLBAR_ABOVE = "([button, table]) => button.getBoundingClientRect().bottom <= table.getBoundingClientRect().top"
NO_FILE_PICKER = ("delete window.showSaveFilePicker;"
                  " if (window.showSaveFilePicker) window.showSaveFilePicker = undefined;")

LINK = '=HYPERLINK("http://example.invalid","x")'
DDE = "+cmd|' /C calc'!A0"
PARTNERS = (  # two usable rows whose partner and need are formulas, two rows with formula-like problems
    "Area Code,Cohort,Indicator,Sex,Period,Numerator,Denominator,Partner\n"
    'E06000023,Probation,"+cmd|\' /C calc\'!A0",Persons,2024/25,30,120,"=HYPERLINK(""http://example.invalid"",""x"")"\n'
    "E08000003,Probation,\"+cmd|' /C calc'!A0\",Persons,2024/25,45,300,@SUM(1+1)\n"
    '"=HYPERLINK(""http://example.invalid"",""area"")",Probation,Depression,Persons,2024/25,30,120,PDU\n'
    "E06000023,Probation,Depression,Persons,2024/25,-2+3,120,PDU\n")
PARTNERS_FILE = "-partners.csv"  # the file's name is shown too, and starts like a formula
PROGRESS = ("item_id,Status,Owner (partner),Note\n"
            'S1-01,Done,Not assigned,"=HYPERLINK(""http://example.invalid"",""note"")"\n')


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(codecs.decode(data, "utf-8-sig"))))


def live_formulas(rows: list[list[str]]) -> list[str]:
    return [cell for row in rows for cell in row if cell.startswith(FORMULA_START)]


def toolbar_download(page: Page, frame: Locator) -> list[list[str]]:
    """The rows of the table in ``frame`` as Streamlit's table toolbar downloads them (hover the table, then
    "Download as CSV": the toolbar sits beside the table in its stFullScreenFrame, seen in streamlit 1.67)."""
    table = frame.locator(TABLE)
    button = frame.get_by_role("button", name=re.compile(r"^Download as CSV"))
    for _ in range(HOVER_TRIES):  # hover again if the page moved under the mouse (an expander still opening)
        table.evaluate("element => element.scrollIntoView({block: 'center'})")  # clear of the sticky header
        table.hover()
        try:  # on hover the toolbar slides up from over the table's top edge: click once it is wholly above
            page.wait_for_function(TOOLBAR_ABOVE, arg=[button.element_handle(), table.element_handle()],
                                   timeout=HOVER_WAIT_MS)
            break
        except PlaywrightTimeoutError:
            continue
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as info:
        button.click()
    assert info.value.suggested_filename.endswith("_export.csv"), info.value.suggested_filename
    return csv_rows(Path(info.value.path()).read_bytes())


def app_download(page: Page, label: str) -> bytes:
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as info:
        page.locator(MAIN).get_by_role("button", name=label).click()
    return Path(info.value.path()).read_bytes()


def go_to(page: Page, label: str) -> None:
    """Another page of the same session, through the sidebar (a new URL would start a new session)."""
    link = page.locator(f'{SIDEBAR} [data-testid="stSidebarNavLink"]').filter(has_text=label)
    wait_for_rerun(page, link.click)
    expect(page.locator(f"{MAIN} h1")).to_have_text(label)


def static_table(table) -> list[list[str]]:
    """A static table (st.table) as rows of cell text, the header first."""
    header = [cell.inner_text().strip() for cell in table.locator("thead th").all()]
    body = [[cell.inner_text().strip() for cell in row.locator("td").all()] for row in table.locator("tbody tr").all()]
    return [header, *body]


def column(rows: list[list[str]], heading: str) -> set[str]:
    index = rows[0].index(heading)
    return {row[index] for row in rows[1:]}


def check_your_data(page: Page, tmp_path: Path) -> None:
    upload = tmp_path / PARTNERS_FILE
    upload.write_text(PARTNERS, encoding="utf-8")
    wait_for_rerun(page, lambda: page.locator(f'{MAIN} input[type="file"]').set_input_files(str(upload)))
    main = page.locator(MAIN)
    expect(main.get_by_text(f"{PARTNERS_FILE}: 2 of 4 rows can be used; 2 rows have problems.")).to_be_visible()
    main.get_by_text(f"2 problem(s) in {PARTNERS_FILE}", exact=False).click()  # the list opens
    # The problems are a static table (their messages wrap, no toolbar download); the figures have a toolbar.
    frames = main.locator(TABLE_FRAME)
    expect(frames).to_have_count(1)
    problems = static_table(main.locator('[data-testid="stTable"]').first)
    figures = toolbar_download(page, frames.nth(0))
    assert live_formulas(problems) == [] and live_formulas(figures) == []
    # By hand: one apostrophe before each formula-like cell, the rest as given (header is row 1, so rows 4 and 5).
    assert column(problems, "Row") == {"4", "5"} and column(problems, "File") == {"'-partners.csv"}
    assert {'\'=HYPERLINK("http://example.invalid","area")', "'-2+3"} <= column(problems, "Value")
    assert column(figures, "Partner (source)") == {"'" + LINK, "'@SUM(1+1)"}
    assert column(figures, "Need") == {"'" + DDE} and column(figures, "File") == {"'-partners.csv"}
    # The app's own download beside the table carries the same text cells.
    own = csv_rows(app_download(page, "Download these figures (CSV)"))
    assert live_formulas(own) == []
    assert column(own, "partner") == column(figures, "Partner (source)") and column(own, "indicator") == {"'" + DDE}


def check_checklist(page: Page, tmp_path: Path) -> None:
    go_to(page, "Action checklist")
    saved = tmp_path / "progress.csv"
    saved.write_text(PROGRESS, encoding="utf-8")
    main = page.locator(MAIN)
    wait_for_rerun(page, lambda: main.locator('input[type="file"]').set_input_files(str(saved)))
    expect(main.get_by_text("progress on 1 item(s) loaded", exact=False)).to_be_visible()
    note = '=HYPERLINK("http://example.invalid","note")'
    expect(main.get_by_role("textbox", name="Note (S1-01)", exact=True)).to_have_value(note)
    # The uploaded note is shown only in its text box: no table here offers a toolbar download.
    expect(main.locator(TABLE)).to_have_count(0)
    expect(main.get_by_role("button", name=re.compile(r"^Download as CSV"))).to_have_count(0)
    own = csv_rows(app_download(page, "Download progress (CSV)"))
    assert live_formulas(own) == [] and "'" + note in [cell for row in own for cell in row]


def check_board_pack(page: Page) -> None:
    go_to(page, "Board pack")
    main = page.locator(MAIN)
    expect(main.get_by_text("Partners' figures from the Your data page are included", exact=False)).to_be_visible()
    expect(main.locator(TABLE)).to_have_count(0)  # the page lists what goes in; it shows no table of it
    expect(main.get_by_role("button", name=re.compile(r"^Download as CSV"))).to_have_count(0)
    book = load_workbook(io.BytesIO(app_download(page, "Download the workbook (Excel)")))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []  # openpyxl: "f" is a formula
    texts = {cell.value for cell in cells if isinstance(cell.value, str)}
    assert [text for text in texts if text.startswith(FORMULA_START)] == []
    assert {"'" + LINK, "'" + DDE, '\'=HYPERLINK("http://example.invalid","note")'} <= texts


def test_no_download_of_uploaded_text_emits_a_live_formula(guarded_page: Page, tmp_path: Path) -> None:
    page = guarded_page
    page.add_init_script(NO_FILE_PICKER)
    page.goto(f"{page.app_url}/your_data")
    wait_for_app(page)
    assert page.evaluate("typeof window.showSaveFilePicker") == "undefined"
    check_your_data(page, tmp_path)
    check_checklist(page, tmp_path)
    check_board_pack(page)
    assert page.locator('[data-testid="stException"]').count() == 0
