"""AppTest: the Your data page keeps a list of this session's files; a comparison choice belongs to its need, not
to its place on the page; a removed file leaves the page and the board pack alike."""

import pytest

from tests.support.apptest import open_page
from ui import keys

HEADER = "Area Code,Cohort,Indicator,Sex,Period,Numerator,Denominator,Partner\n"
DEPRESSION = HEADER + ("E06000023,Probation,Depression,Persons,2024/25,30,120,Avon and Somerset PDU\n"
                       "E08000003,Probation,Depression,Persons,2024/25,45,300,Manchester PDU\n")
SMOKING = HEADER + ("E06000023,Prison,Smoking,Persons,2024/25,60,100,HMP Bristol\n"
                    "E08000003,Prison,Smoking,Persons,2024/25,70,100,HMP Manchester\n")
PACK_NOTE = "Partners' figures from the Your data page are included"


@pytest.fixture
def app(app_with_open_data):
    """The Your data page on the imported open data."""
    return open_page(app_with_open_data, "pages/your_data.py")


def listed_files(at) -> list[str]:
    return [partner.name for partner in at.session_state[keys.YOUR_DATA_FILES].values()]


def pack_mentions_partners(at) -> bool:
    at.switch_page("pages/board_pack.py").run()
    assert not at.exception, [e.message for e in at.exception]
    mentioned = any(PACK_NOTE in caption.value for caption in at.caption)
    at.switch_page("pages/your_data.py").run()
    return mentioned


def test_two_files_then_one_removed(app):
    at = app
    at.file_uploader(key=keys.your_data_uploader(0)).set_value([
        ("depression.csv", DEPRESSION.encode(), "text/csv"), ("smoking.csv", SMOKING.encode(), "text/csv")]).run()
    assert not at.exception, [e.message for e in at.exception]
    assert listed_files(at) == ["depression.csv", "smoking.csv"]
    assert at.file_uploader(key=keys.your_data_uploader(1)).value in (None, [])  # the uploader is empty again
    # Choices for each need: depression (probation, listed first) and smoking (prison, second).
    at.selectbox(key=keys.your_data_national("probation", "Depression")).set_value("MH09").run()
    at.selectbox(key=keys.your_data_national("prison", "Smoking")).set_value("SMK01").run()
    assert pack_mentions_partners(at)

    at.button(key=keys.your_data_remove(next(iter(at.session_state[keys.YOUR_DATA_FILES])))).click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert listed_files(at) == ["smoking.csv"]
    assert not any("depression.csv" in alert.value for alert in [*at.success, *at.warning])
    smoking = at.selectbox(key=keys.your_data_national("prison", "Smoking"))
    assert smoking.value == "SMK01"  # now first on the page, and still the smoking figure
    assert smoking.label.startswith("National figure for “Smoking”")
    assert len([box for box in at.selectbox if box.key.startswith("your_data_national_")]) == 1
    table = at.dataframe[0].value
    assert set(table["Need"]) == {"Smoking"}
    # 60 of 100 and 70 of 100 against the national 80% (SMK01): Wilson 95% intervals 50.2 to 69.1 and 60.4 to
    # 78.1 both exclude 80, so both are lower.
    assert list(table["Against the national figure"]) == [
        "significantly lower than the national prison figure (80%), 95% level"] * 2
    assert pack_mentions_partners(at)

    at.button(key=keys.your_data_remove(next(iter(at.session_state[keys.YOUR_DATA_FILES])))).click().run()
    assert listed_files(at) == []
    assert any("Upload a file to begin" in caption.value for caption in at.caption)
    assert not pack_mentions_partners(at)  # the board pack follows the list: no partner figures left


def test_a_partner_need_against_a_different_local_measure_is_context_only(app):
    # Barnsley probation "Mental health need" 120 of 300 = 40%: Wilson 95% 34.6% to 45.6% (test_like_for_like.py).
    barnsley = HEADER + "E08000016,Probation,Mental health need,Persons,2024/25,120,300,Barnsley PDU\n"
    at = app
    at.file_uploader(key=keys.your_data_uploader(0)).set_value([
        ("barnsley.csv", barnsley.encode(), "text/csv")]).run()
    at.selectbox(key=keys.your_data_national("probation", "Mental health need")).set_value("MH09").run()
    at.selectbox(key=keys.your_data_general("probation", "Mental health need")).set_value("848").run()
    assert not at.exception, [e.message for e in at.exception]
    row = at.dataframe[0].value.iloc[0]
    # The national figure chosen for the need (MH09, 17.3%) is, by that choice, the partner's measure: compared.
    assert row["Against the national figure"] == ("significantly higher than the national probation figure "
                                                  "(17.3%), 95% level")
    # QOF recorded depression measures something else (fingertips_848 extract: Barnsley 16% in 2024/25, the
    # latest): context, with no significance words.
    assert row["Against the local general population"] == (
        "Barnsley's recorded depression (QOF, 2024/25), a different measure: 16% (context only: not compared)")


FORMULAS = HEADER + (  # partners' text that a spreadsheet would run: a link and a DDE command
    'E06000023,Probation,"+cmd|\' /C calc\'!A0",Persons,2024/25,30,120,"=HYPERLINK(""http://example.invalid"",""x"")"\n'
    'E08000003,Probation,"+cmd|\' /C calc\'!A0",Persons,2024/25,45,300,@SUM(1+1)\n'
    '"=HYPERLINK(""http://example.invalid"",""area"")",Probation,Depression,Persons,2024/25,30,120,PDU\n'
    "E06000023,Probation,Depression,Persons,2024/25,-2+3,120,PDU\n")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def test_every_table_of_uploaded_text_shows_formulas_neutralised(app):
    at = app
    at.file_uploader(key=keys.your_data_uploader(0)).set_value([("-partners.csv", FORMULAS.encode(), "text/csv")]).run()
    assert not at.exception, [e.message for e in at.exception]
    problems, figures = at.table[0].value, at.dataframe[0].value
    # By hand: core.safe_csv puts "'" before text starting with =, +, -, @, tab or CR; nothing else changes.
    assert set(figures["Partner (source)"]) == {'\'=HYPERLINK("http://example.invalid","x")', "'@SUM(1+1)"}
    assert set(figures["Need"]) == {"'+cmd|' /C calc'!A0"}
    assert set(figures["File"]) == set(problems["File"]) == {"'-partners.csv"}
    assert list(problems["Row"]) == ["4", "5"]  # the header is row 1
    assert list(problems["Value"]) == ['\'=HYPERLINK("http://example.invalid","area")', "'-2+3"]
    cells = [cell for table in (problems, figures) for column in table for cell in table[column]]
    assert [cell for cell in cells if isinstance(cell, str) and cell.startswith(FORMULA_START)] == []
