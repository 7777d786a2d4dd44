"""The action checklist (loaders/checklist.py and its three bundled files; progress in present/checklist.py and
intake/checklist_progress.py): the files hold together, progress goes out as a CSV and comes back from its bytes,
and every problem in an upload is named by file, row and column.
Spreadsheet rows: the header is row 1. Expected values are worked out by hand from the small files built here and
in tests/conftest.py (small_checklist_items); the bundled files' values are back-tested in tests/backtest/."""

from __future__ import annotations

import codecs
import csv
import io
import shutil
import zipfile

import openpyxl
import pandas as pd
import pytest

from core.checklist import NOT_ASSIGNED, ItemProgress
from core.errors import DataLoadError, Problem
from intake.checklist_progress import read_progress
from loaders import checklist
from present import checklist as progress_view
from tests.conftest import BUNDLED, set_cell

CHECKLIST_FILES = (checklist.ITEMS_FILE, checklist.SOURCES_FILE, checklist.FORUMS_FILE)
PARTNERS = ["Community Safety Partnership", "Health and Wellbeing Board", "Police and Crime Commissioner"]
STATUS_EXPECTED = "expected one of Not started, In progress, Done or Not applicable"


@pytest.fixture
def checklist_copy(tmp_path):
    for name in CHECKLIST_FILES:
        shutil.copyfile(BUNDLED / name, tmp_path / name)
    return tmp_path


def csv_bytes(text: str) -> bytes:
    return text.encode("utf-8")


# --- the bundled files --------------------------------------------------------------------------------------------

def test_every_source_an_item_or_forum_cites_is_in_the_sources_file(bundled_checklist):
    known = set(bundled_checklist.sources["source_id"])
    cited = {source for text in [*bundled_checklist.items["sources"], *bundled_checklist.forums["sources"]]
             for source in text.split(";")}
    assert cited <= known, cited - known
    assert checklist.reference_problems(bundled_checklist.items, bundled_checklist.sources,
                                        bundled_checklist.forums) == []


def test_every_suggested_partner_is_a_forum(bundled_checklist):
    forums = set(bundled_checklist.forums["forum"])
    suggested = {partner for text in bundled_checklist.items["suggested_partners"] for partner in text.split(";")}
    assert suggested <= forums, suggested - forums


def test_a_forum_usually_leads_the_items_that_name_it_first(bundled_checklist):
    for forum in bundled_checklist.forums.itertuples():
        first_named = [row.item_id for row in bundled_checklist.items.itertuples()
                       if row.suggested_partners.split(";")[0] == forum.forum]
        assert (forum.usually_leads or "").split(";") == (first_named or [""]), forum.forum


def test_context_items_say_so_and_cite_a_context_page(bundled_checklist):
    kinds = dict(zip(bundled_checklist.sources["source_id"], bundled_checklist.sources["kind"], strict=True))
    for item in bundled_checklist.items.itertuples():
        cites_context = any(kinds[source] == "context" for source in item.sources.split(";"))
        says_context = "(context)" in item.action or "(context)" in item.why
        assert cites_context == says_context, item.item_id


def test_quotes_are_closed_and_items_are_short(bundled_checklist):
    for item in bundled_checklist.items.itertuples():
        for text in (item.action, item.why):
            assert text.count('"') % 2 == 0, item.item_id
        assert len(item.action) <= 320 and len(item.why) <= 300, item.item_id


def test_items_come_sorted_with_whole_number_orders(small_checklist_items):
    assert list(small_checklist_items["item_id"]) == ["S1-01", "S1-02", "S2-01", "EI-01"]
    assert small_checklist_items["stage"].tolist()[:3] == [1, 1, 2] and pd.isna(small_checklist_items["stage"].iloc[3])


def test_a_broken_items_file_names_each_row_and_column(checklist_copy):
    path = checklist_copy / checklist.ITEMS_FILE
    set_cell(path, 0, "stage", "4")  # row 2
    set_cell(path, 2, "item_id", "s1 1")  # row 4
    with pytest.raises(DataLoadError) as raised:
        checklist.read_items(path)
    messages = [str(problem) for problem in raised.value.problems]
    assert f"{path}, row 2, column 'stage': '4' is not one of the allowed values ([1, 2, 3])" in messages
    assert any(m.startswith(f"{path}, row 4, column 'item_id': 's1 1' does not have the expected format")
               for m in messages)


def test_an_unknown_source_or_partner_is_reported_with_its_row(checklist_copy):
    set_cell(checklist_copy / checklist.ITEMS_FILE, 1, "sources", "003;999")  # row 3
    set_cell(checklist_copy / checklist.ITEMS_FILE, 3, "suggested_partners", "Parish council")  # row 5
    with pytest.raises(DataLoadError) as raised:
        checklist.load_checklist(checklist_copy)
    items_path = checklist_copy / checklist.ITEMS_FILE
    assert [str(problem) for problem in raised.value.problems] == [
        f"{items_path}, row 3, column 'sources': '999' is not a source_id in checklist_sources.csv",
        f"{items_path}, row 5, column 'suggested_partners': 'Parish council' is not a forum in partner_forums.csv",
    ]


# --- progress: table, download, upload --------------------------------------------------------------------------

def test_progress_table_has_the_board_pack_columns_and_defaults(small_checklist_items):
    table = progress_view.progress_table(small_checklist_items, {"S1-02": ItemProgress("Done", PARTNERS[1], "ok")})
    assert list(table.columns) == ["Item", "Section", "Action", "Status", "Owner (partner)", "Note", "Sources"]
    assert table.iloc[1].tolist() == ["S1-02", "Stage 1: understand", "Check data", "Done", PARTNERS[1], "ok",
                                      "[002]; [004]"]
    assert table.iloc[0].tolist()[3:6] == ["Not started", "Not assigned", ""]
    assert progress_view.progress_table(small_checklist_items, {}).shape == (4, 7)


def test_summary_counts_every_status(small_checklist_items):
    progress = {"S1-01": ItemProgress("Done"), "S1-02": ItemProgress("Done"), "S2-01": ItemProgress("Not applicable")}
    assert progress_view.summary_text(small_checklist_items, progress) == \
        "4 actions: 2 done, 0 in progress, 1 not applicable, 1 not started."
    assert progress_view.status_counts(small_checklist_items, {}) == {"Not started": 4, "In progress": 0, "Done": 0,
                                                        "Not applicable": 0}


def test_download_neutralises_formulas_in_notes(small_checklist_items):
    progress = {"S1-01": ItemProgress("Done", PARTNERS[1], '=HYPERLINK("http://evil.example","x")'),
                "S1-02": ItemProgress("In progress", NOT_ASSIGNED, "+44 20 7946 0000")}
    text = codecs.decode(progress_view.progress_csv_bytes(small_checklist_items, progress), "utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == ["item_id", "Section", "Action", "Status", "Owner (partner)", "Note", "Sources"]
    assert rows[0]["Note"] == "'=HYPERLINK(\"http://evil.example\",\"x\")"
    assert rows[1]["Note"] == "'+44 20 7946 0000"
    assert [row["item_id"] for row in rows] == ["S1-01", "S1-02", "S2-01", "EI-01"]


def test_round_trip_download_then_upload_gives_the_same_progress(small_checklist_items):
    progress = {"S1-01": ItemProgress("Done", PARTNERS[1], '=HYPERLINK("http://evil.example","x")'),
                "S2-01": ItemProgress("Not applicable", PARTNERS[0], "Covered by the CSP plan, 2025"),
                "EI-01": ItemProgress("In progress", PARTNERS[2], "-")}
    data = progress_view.progress_csv_bytes(small_checklist_items, progress)
    loaded, problems = read_progress(data, "progress.csv", small_checklist_items, owners=PARTNERS)
    assert problems == []
    assert {item_id: loaded[item_id] for item_id in progress} == progress
    assert loaded["S1-02"] == ItemProgress("Not started", "Not assigned", "")
    pd.testing.assert_frame_equal(progress_view.progress_table(small_checklist_items, loaded),
                                  progress_view.progress_table(small_checklist_items, progress))


def test_an_excel_copy_of_the_download_reads_the_same(small_checklist_items):
    progress = {"S1-02": ItemProgress("Done", PARTNERS[1], "Signed off")}
    rows = list(csv.reader(io.StringIO(codecs.decode(progress_view.progress_csv_bytes(small_checklist_items, progress),
                                                     "utf-8-sig"))))
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    loaded, problems = read_progress(buffer.getvalue(), "progress.xlsx", small_checklist_items, owners=PARTNERS)
    assert problems == []
    assert loaded["S1-02"] == progress["S1-02"]


def test_a_bad_status_on_row_3_is_named_and_the_other_rows_load(small_checklist_items):
    data = csv_bytes("item_id,Status,Owner (partner),Note\n"
                     "S1-01,Done,Health and Wellbeing Board,Agreed at the March board\n"
                     "S1-02,Finished,Not assigned,\n"
                     "S2-01, in progress ,,\n")
    loaded, problems = read_progress(data, "progress.csv", small_checklist_items, owners=PARTNERS)
    assert [str(problem) for problem in problems] == [
        f"progress.csv, row 3, column 'Status': 'Finished' is not a status: {STATUS_EXPECTED}"]
    assert loaded == {
        "S1-01": ItemProgress("Done", "Health and Wellbeing Board", "Agreed at the March board"),
        "S2-01": ItemProgress("In progress", "Not assigned", ""),  # case and spaces forgiven
    }


def test_every_kind_of_bad_row_is_listed(small_checklist_items):
    long_note = "x" * 1001
    data = csv_bytes("Item,status,Owner,Notes\n"
                     "S9-99,Done,,\n"
                     ",Done,,\n"
                     f"S1-01,Done,,{long_note}\n"
                     "S1-02,Done,Parish council,\n"
                     "S2-01,Done,,\n"
                     "S2-01,In progress,,\n")
    loaded, problems = read_progress(data, "mine.csv", small_checklist_items, owners=PARTNERS)
    assert problems == [
        Problem("mine.csv", 2, "Item", "'S9-99' is not an item on this checklist: expected an item id such as "
                "S1-01, as in the downloaded file"),
        Problem("mine.csv", 3, "Item", "is blank: expected an item id such as S1-01, as in the downloaded file"),
        Problem("mine.csv", 4, "Notes", "the note is 1,001 characters long: a note can be at most 1,000 characters"),
        Problem("mine.csv", 5, "Owner", "'Parish council' is not one of the partners: expected Not assigned or one "
                "of Community Safety Partnership, Health and Wellbeing Board, Police and Crime Commissioner"),
        Problem("mine.csv", 7, "Item", "'S2-01' is repeated (first on row 6): each item may appear once"),
    ]
    assert loaded == {"S2-01": ItemProgress("Done", "Not assigned", "")}


def test_a_note_of_exactly_1000_characters_loads(small_checklist_items):
    data = csv_bytes(f"item_id,Status,Note\nS1-01,Done,{'y' * 1000}\n")
    loaded, problems = read_progress(data, "p.csv", small_checklist_items)
    assert problems == [] and len(loaded["S1-01"].note) == 1000


@pytest.mark.parametrize(("data", "message"), [
    pytest.param(b"", "is empty: upload the progress CSV this page downloads", id="empty"),
    pytest.param(b"\n \n", "is empty: upload the progress CSV this page downloads", id="blank-lines"),
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is not a CSV file (it holds binary data): upload the CSV "
                 "this page downloads, or an Excel .xlsx copy of it", id="png"),
    pytest.param(b"PK\x03\x04 not really a zip", "is a damaged Excel workbook (File is not a zip file)", id="bad-zip"),
])
def test_a_file_that_cannot_be_read_is_one_problem(small_checklist_items, data, message):
    assert read_progress(data, "upload.csv", small_checklist_items) == ({}, [Problem("upload.csv", None, None,
                                                                                    message)])


def test_a_file_without_the_columns_or_rows_says_what_is_expected(small_checklist_items):
    expected = ("column is missing from the header: expected the columns item_id, Status, Owner (partner) and "
                "Note, as in the file this page downloads")
    assert read_progress(csv_bytes("area,value\nE1,2\n"), "p.csv", small_checklist_items) == (
        {}, [Problem("p.csv", 1, "item_id", expected), Problem("p.csv", 1, "status", expected)])
    assert read_progress(csv_bytes("item_id,Status\n"), "p.csv", small_checklist_items) == (
        {}, [Problem("p.csv", None, None, "has a header but no rows: upload the CSV this page downloads")])


def test_a_windows_1252_csv_is_read(small_checklist_items):
    data = "item_id,Status,Note\nS1-01,Done,Café meeting\n".encode("cp1252")
    loaded, problems = read_progress(data, "p.csv", small_checklist_items)
    assert problems == [] and loaded["S1-01"].note == "Café meeting"


def test_an_oversized_file_is_refused_whole(small_checklist_items):
    data = csv_bytes("item_id,Status,Note\n" + "S1-01,Done,x\n" * 100_000)  # 1.3 MB
    assert read_progress(data, "p.csv", small_checklist_items)[1] == [Problem(
        "p.csv", None, None, "is 1.2 MB, more than the 1 MB a checklist progress file can be: upload the CSV this "
        "page downloads")]


def test_the_public_health_team_may_own_an_item(small_checklist_items):
    forums = pd.DataFrame({"forum": PARTNERS})
    owners = progress_view.owner_choices(forums)
    assert owners == ["Not assigned", "Public health team (local authority)", *PARTNERS]
    data = b"item_id,status,owner,note\nS1-01,Done,public health team (local authority),JSNA chapter\n"
    loaded, problems = read_progress(data, "progress.csv", small_checklist_items, owners=owners)
    assert problems == []
    assert loaded["S1-01"].owner == "Public health team (local authority)"  # spelling as the app writes it


def test_a_workbook_that_would_expand_too_far_or_declares_entities_is_refused(small_checklist_items):
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (5 * 1024 * 1024))  # 5 MB of zeros: about 5 KB zipped
    _, problems = read_progress(bomb.getvalue(), "p.xlsx", small_checklist_items)
    assert len(problems) == 1 and "xl/worksheets/sheet1.xml is compressed" in problems[0].message
    assert "more than the 100 to 1 allowed" in problems[0].message
    entities = io.BytesIO()
    with zipfile.ZipFile(entities, "w") as archive:
        archive.writestr("xl/workbook.xml", '<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "a">]><workbook/>')
    _, problems = read_progress(entities.getvalue(), "p.xlsx", small_checklist_items)
    assert problems == [Problem("p.xlsx", None, None, "the workbook part xl/workbook.xml holds XML declarations "
                                "(DOCTYPE or ENTITY) that Excel never writes: it cannot be opened safely")]
