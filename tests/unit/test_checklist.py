"""The action checklist (loaders/checklist.py and its three bundled files): the files hold together, progress goes
out as a CSV and comes back from its bytes, and every problem in an upload is named by file, row and column.
Spreadsheet rows: the header is row 1. Expected values are worked out by hand from the small files built here."""

from __future__ import annotations

import codecs
import csv
import io
import shutil

import openpyxl
import pandas as pd
import pytest

from core.errors import DataLoadError, Problem
from loaders import checklist
from tests.conftest import BUNDLED, set_cell

CHECKLIST_FILES = (checklist.ITEMS_FILE, checklist.SOURCES_FILE, checklist.FORUMS_FILE)
SMALL_ITEMS = (  # deliberately out of order: the loader sorts by section, then item
    "item_id,section,section_order,item_order,action,why,sources,suggested_partners,stage\n"
    "S2-01,Stage 2: engage,2,1,Talk to people,They know,002,Community Safety Partnership,2\n"
    "S1-02,Stage 1: understand,1,2,Check data,It is patchy,002;004,Health and Wellbeing Board,1\n"
    "S1-01,Stage 1: understand,1,1,Build understanding,Need drives commissioning,001,Health and Wellbeing Board,1\n"
    "EI-01,Ingredients,3,1,Agree a vision,Shared aim,004,Police and Crime Commissioner,\n"
)
PARTNERS = ["Community Safety Partnership", "Health and Wellbeing Board", "Police and Crime Commissioner"]
STATUS_EXPECTED = "expected one of Not started, In progress, Done or Not applicable"


@pytest.fixture(scope="module")
def bundle() -> checklist.Checklist:
    return checklist.load_checklist(BUNDLED)


@pytest.fixture
def small_items(tmp_path) -> pd.DataFrame:
    path = tmp_path / checklist.ITEMS_FILE
    path.write_text(SMALL_ITEMS, encoding="utf-8")
    return checklist.read_items(path)


@pytest.fixture
def checklist_copy(tmp_path):
    for name in CHECKLIST_FILES:
        shutil.copyfile(BUNDLED / name, tmp_path / name)
    return tmp_path


def csv_bytes(text: str) -> bytes:
    return text.encode("utf-8")


# --- the bundled files --------------------------------------------------------------------------------------------

def test_every_source_an_item_or_forum_cites_is_in_the_sources_file(bundle):
    known = set(bundle.sources["source_id"])
    cited = {source for text in [*bundle.items["sources"], *bundle.forums["sources"]] for source in text.split(";")}
    assert cited <= known, cited - known
    assert checklist.reference_problems(bundle.items, bundle.sources, bundle.forums) == []


def test_every_suggested_partner_is_a_forum(bundle):
    forums = set(bundle.forums["forum"])
    suggested = {partner for text in bundle.items["suggested_partners"] for partner in text.split(";")}
    assert suggested <= forums, suggested - forums


def test_the_six_forums_the_reports_name(bundle):
    assert sorted(bundle.forums["forum"]) == [
        "Community Safety Partnership", "Drug and Alcohol Partnership", "Health and Wellbeing Board",
        "Integrated Offender Management", "Police and Crime Commissioner", "Safeguarding Partnerships"]


def test_a_forum_usually_leads_the_items_that_name_it_first(bundle):
    for forum in bundle.forums.itertuples():
        first_named = [row.item_id for row in bundle.items.itertuples()
                       if row.suggested_partners.split(";")[0] == forum.forum]
        assert (forum.usually_leads or "").split(";") == (first_named or [""]), forum.forum


def test_the_three_stages_come_in_order_then_balancing_act(bundle):
    sections = bundle.items.drop_duplicates("section")[["section", "section_order"]]
    names = list(sections["section"])
    stages = [name for name in names if name.startswith("Stage ")]
    assert stages == ["Stage 1: understand local need",
                      "Stage 2: engage communities and people with lived experience",
                      "Stage 3: commission jointly, then monitor and evaluate"]
    assert list(sections["section_order"]) == sorted(sections["section_order"])
    for number, name in enumerate(stages, start=1):
        in_stage_section = bundle.items[bundle.items["section"] == name]
        assert set(in_stage_section["stage"]) == {number}
        assert in_stage_section["item_id"].str.startswith(f"S{number}-").all()
    balancing = bundle.items[bundle.items["section"].str.startswith("Balancing Act (2013)")]
    assert list(balancing["item_id"]) == ["BA-01", "BA-02", "BA-03", "BA-04"]  # the four positive actions


def test_each_seed_page_is_cited_and_no_url_is_made_up(bundle):
    sources = bundle.sources.set_index("source_id")
    assert list(sources.index[sources["kind"] == "seed"]) == ["000", "001", "002", "003", "004"]
    assert sources.loc["001", "date"] == "12 January 2017"
    assert sources.loc["002", "date"] == "11 January 2017"
    for source_id, row in sources.iterrows():
        if pd.isna(row["url"]):
            assert row["url_note"].startswith("URL not recorded"), source_id
    # The one URL: a context page, as recorded in the research cohort sizes (and data/cohort_sizes.csv).
    assert list(sources["url"].dropna()) == ["https://www.basw.co.uk/resources/rebalancing-act"]
    assert (BUNDLED / "cohort_sizes.csv").read_text(encoding="utf-8").count(
        "https://www.basw.co.uk/resources/rebalancing-act") == 1


def test_context_items_say_so_and_cite_a_context_page(bundle):
    kinds = dict(zip(bundle.sources["source_id"], bundle.sources["kind"], strict=True))
    for item in bundle.items.itertuples():
        cites_context = any(kinds[source] == "context" for source in item.sources.split(";"))
        says_context = "(context)" in item.action or "(context)" in item.why
        assert cites_context == says_context, item.item_id


def test_quotes_are_closed_and_items_are_short(bundle):
    for item in bundle.items.itertuples():
        for text in (item.action, item.why):
            assert text.count('"') % 2 == 0, item.item_id
        assert len(item.action) <= 320 and len(item.why) <= 300, item.item_id


def test_items_come_sorted_with_whole_number_orders(small_items):
    assert list(small_items["item_id"]) == ["S1-01", "S1-02", "S2-01", "EI-01"]
    assert small_items["stage"].tolist()[:3] == [1, 1, 2] and pd.isna(small_items["stage"].iloc[3])


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

def test_progress_table_has_the_board_pack_columns_and_defaults(small_items):
    table = checklist.progress_table(small_items, {"S1-02": {"status": "Done", "owner": PARTNERS[1], "note": "ok"}})
    assert list(table.columns) == ["Item", "Section", "Action", "Status", "Owner (partner)", "Note", "Sources"]
    assert table.iloc[1].tolist() == ["S1-02", "Stage 1: understand", "Check data", "Done", PARTNERS[1], "ok",
                                      "[002]; [004]"]
    assert table.iloc[0].tolist()[3:6] == ["Not started", "Not assigned", ""]
    assert checklist.progress_table(small_items, {}).shape == (4, 7)


def test_progress_table_can_show_source_labels(small_items, bundle):
    table = checklist.progress_table(small_items, {}, sources=bundle.sources)
    assert table.loc[1, "Sources"] == "Russell Webster, 11 Jan 2017 [002]; Revolving Doors Agency (2017 report) [004]"


def test_summary_counts_every_status(small_items):
    progress = {"S1-01": {"status": "Done"}, "S1-02": {"status": "Done"}, "S2-01": {"status": "Not applicable"}}
    assert checklist.summary_text(small_items, progress) == \
        "4 actions: 2 done, 0 in progress, 1 not applicable, 1 not started."
    assert checklist.status_counts(small_items, {}) == {"Not started": 4, "In progress": 0, "Done": 0,
                                                        "Not applicable": 0}


def test_download_neutralises_formulas_in_notes(small_items):
    progress = {"S1-01": {"status": "Done", "owner": PARTNERS[1], "note": '=HYPERLINK("http://evil.example","x")'},
                "S1-02": {"status": "In progress", "owner": checklist.NOT_ASSIGNED, "note": "+44 20 7946 0000"}}
    text = codecs.decode(checklist.progress_csv_bytes(small_items, progress), "utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == ["item_id", "Section", "Action", "Status", "Owner (partner)", "Note", "Sources"]
    assert rows[0]["Note"] == "'=HYPERLINK(\"http://evil.example\",\"x\")"
    assert rows[1]["Note"] == "'+44 20 7946 0000"
    assert [row["item_id"] for row in rows] == ["S1-01", "S1-02", "S2-01", "EI-01"]


def test_round_trip_download_then_upload_gives_the_same_progress(small_items):
    progress = {"S1-01": {"status": "Done", "owner": PARTNERS[1], "note": '=HYPERLINK("http://evil.example","x")'},
                "S2-01": {"status": "Not applicable", "owner": PARTNERS[0], "note": "Covered by the CSP plan, 2025"},
                "EI-01": {"status": "In progress", "owner": PARTNERS[2], "note": "-"}}
    data = checklist.progress_csv_bytes(small_items, progress)
    loaded, problems = checklist.read_progress(data, "progress.csv", small_items, owners=PARTNERS)
    assert problems == []
    assert {item_id: loaded[item_id] for item_id in progress} == progress
    assert loaded["S1-02"] == {"status": "Not started", "owner": "Not assigned", "note": ""}
    pd.testing.assert_frame_equal(checklist.progress_table(small_items, loaded),
                                  checklist.progress_table(small_items, progress))


def test_an_excel_copy_of_the_download_reads_the_same(small_items):
    progress = {"S1-02": {"status": "Done", "owner": PARTNERS[1], "note": "Signed off"}}
    rows = list(csv.reader(io.StringIO(codecs.decode(checklist.progress_csv_bytes(small_items, progress),
                                                     "utf-8-sig"))))
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    loaded, problems = checklist.read_progress(buffer.getvalue(), "progress.xlsx", small_items, owners=PARTNERS)
    assert problems == []
    assert loaded["S1-02"] == progress["S1-02"]


def test_a_bad_status_on_row_3_is_named_and_the_other_rows_load(small_items):
    data = csv_bytes("item_id,Status,Owner (partner),Note\n"
                     "S1-01,Done,Health and Wellbeing Board,Agreed at the March board\n"
                     "S1-02,Finished,Not assigned,\n"
                     "S2-01, in progress ,,\n")
    loaded, problems = checklist.read_progress(data, "progress.csv", small_items, owners=PARTNERS)
    assert [str(problem) for problem in problems] == [
        f"progress.csv, row 3, column 'Status': 'Finished' is not a status: {STATUS_EXPECTED}"]
    assert loaded == {
        "S1-01": {"status": "Done", "owner": "Health and Wellbeing Board", "note": "Agreed at the March board"},
        "S2-01": {"status": "In progress", "owner": "Not assigned", "note": ""},  # case and spaces forgiven
    }


def test_every_kind_of_bad_row_is_listed(small_items):
    long_note = "x" * 1001
    data = csv_bytes("Item,status,Owner,Notes\n"
                     "S9-99,Done,,\n"
                     ",Done,,\n"
                     f"S1-01,Done,,{long_note}\n"
                     "S1-02,Done,Parish council,\n"
                     "S2-01,Done,,\n"
                     "S2-01,In progress,,\n")
    loaded, problems = checklist.read_progress(data, "mine.csv", small_items, owners=PARTNERS)
    assert problems == [
        Problem("mine.csv", 2, "Item", "'S9-99' is not an item on this checklist: expected an item id such as "
                "S1-01, as in the downloaded file"),
        Problem("mine.csv", 3, "Item", "is blank: expected an item id such as S1-01, as in the downloaded file"),
        Problem("mine.csv", 4, "Notes", "the note is 1,001 characters long: a note can be at most 1,000 characters"),
        Problem("mine.csv", 5, "Owner", "'Parish council' is not one of the partners: expected Not assigned or one "
                "of Community Safety Partnership, Health and Wellbeing Board, Police and Crime Commissioner"),
        Problem("mine.csv", 7, "Item", "'S2-01' is repeated (first on row 6): each item may appear once"),
    ]
    assert loaded == {"S2-01": {"status": "Done", "owner": "Not assigned", "note": ""}}


def test_a_note_of_exactly_1000_characters_loads(small_items):
    data = csv_bytes(f"item_id,Status,Note\nS1-01,Done,{'y' * 1000}\n")
    loaded, problems = checklist.read_progress(data, "p.csv", small_items)
    assert problems == [] and len(loaded["S1-01"]["note"]) == 1000


@pytest.mark.parametrize(("data", "message"), [
    pytest.param(b"", "is empty: upload the progress CSV this page downloads", id="empty"),
    pytest.param(b"\n \n", "is empty: upload the progress CSV this page downloads", id="blank-lines"),
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is not a CSV file (it holds binary data): upload the CSV "
                 "this page downloads, or an Excel .xlsx copy of it", id="png"),
    pytest.param(b"PK\x03\x04 not really a zip", "is a damaged Excel workbook (File is not a zip file)", id="bad-zip"),
])
def test_a_file_that_cannot_be_read_is_one_problem(small_items, data, message):
    assert checklist.read_progress(data, "upload.csv", small_items) == ({}, [Problem("upload.csv", None, None,
                                                                                    message)])


def test_a_file_without_the_columns_or_rows_says_what_is_expected(small_items):
    expected = ("column is missing from the header: expected the columns item_id, Status, Owner (partner) and "
                "Note, as in the file this page downloads")
    assert checklist.read_progress(csv_bytes("area,value\nE1,2\n"), "p.csv", small_items) == (
        {}, [Problem("p.csv", 1, "item_id", expected), Problem("p.csv", 1, "status", expected)])
    assert checklist.read_progress(csv_bytes("item_id,Status\n"), "p.csv", small_items) == (
        {}, [Problem("p.csv", None, None, "has a header but no rows: upload the CSV this page downloads")])


def test_a_windows_1252_csv_is_read(small_items):
    data = "item_id,Status,Note\nS1-01,Done,Café meeting\n".encode("cp1252")
    loaded, problems = checklist.read_progress(data, "p.csv", small_items)
    assert problems == [] and loaded["S1-01"]["note"] == "Café meeting"


def test_an_oversized_file_is_refused_whole(small_items):
    data = csv_bytes("item_id,Status,Note\n" + "S1-01,Done,x\n" * 100_000)  # 1.3 MB
    assert checklist.read_progress(data, "p.csv", small_items)[1] == [Problem(
        "p.csv", None, None, "is 1.2 MB, more than the 1 MB a checklist progress file can be: upload the CSV this "
        "page downloads")]


def test_the_public_health_team_may_own_an_item(small_items):
    forums = pd.DataFrame({"forum": PARTNERS})
    owners = checklist.owner_choices(forums)
    assert owners == ["Not assigned", "Public health team (local authority)", *PARTNERS]
    data = b"item_id,status,owner,note\nS1-01,Done,public health team (local authority),JSNA chapter\n"
    loaded, problems = checklist.read_progress(data, "progress.csv", small_items, owners=owners)
    assert problems == []
    assert loaded["S1-01"]["owner"] == "Public health team (local authority)"  # spelling as the app writes it
