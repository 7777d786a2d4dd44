"""Words for the reader, notes for the analyst: the reader pages (Overview, Compare, Map, Area profile, Local need,
Board pack, JSNA chapter) carry no build command, area-type code, indicator id, extract note or server folder,
for a unitary area, a county and a police force area; Data status and Sources and methods keep them."""

import pytest

from tests.support.apptest import open_page

BANNED = ("make data", "python -m", "area type 50", "Fingertips 9", "Fingertips id", "indicator id", "extract",
          "A1 column", "None", "/tmp/", "/work/", "/.data", "JHE_DATA_DIR")
READER_PAGES = ("pages/overview.py", "pages/compare.py", "pages/map.py", "pages/area_profile.py",
                "pages/local_need.py", "pages/board_pack.py", "pages/jsna_chapter.py")
PLACES = {"Barnsley": {"area": "E08000016"}, "Kent": {"area": "E10000016"},
          "Kent Police": {"level": "pfa", "area": "E23000032"}}


def page_text(at) -> str:
    parts = [element.value for kind in ("markdown", "caption", "info", "warning", "error", "success", "title",
                                        "header", "subheader") for element in at.get(kind)]
    return "\n".join(str(part) for part in parts) + "\n".join(frame.value.to_string() for frame in at.dataframe)


@pytest.mark.parametrize("place", PLACES, ids=list(PLACES))
@pytest.mark.parametrize("page", READER_PAGES, ids=[page.split("/")[1][:-3] for page in READER_PAGES])
def test_a_reader_page_has_no_command_code_or_extract_note(app_with_open_data, page, place):
    text = page_text(open_page(app_with_open_data, page, **PLACES[place]))
    assert [word for word in BANNED if word in text] == []


def test_data_status_and_sources_keep_the_analysts_notes(app_with_open_data):
    status = page_text(open_page(app_with_open_data, "pages/data_status.py"))
    assert "make data" in status and "python -m acquire download --only" in status
    assert "/tmp/" not in status and "/work/" not in status  # never the server's folder path
    sources = page_text(open_page(app_with_open_data, "pages/sources.py"))
    assert "The extracting script takes the column by position (A1 column 18)" in sources


INTERVAL_HEADINGS = ("limit", "95%", " CI", "interval")


@pytest.mark.parametrize("page", READER_PAGES, ids=[page.split("/")[1][:-3] for page in READER_PAGES])
def test_an_interval_cell_is_never_blank_on_a_reader_page(app_with_open_data, page):
    # Streamlit draws a missing cell as "None": an interval the source did not publish must say so in words.
    at = open_page(app_with_open_data, page, **PLACES["Barnsley"])
    blank = {heading: int(frame.value[heading].isna().sum()) for frame in at.dataframe for heading in frame.value
             if any(word in str(heading) for word in INTERVAL_HEADINGS) and frame.value[heading].isna().any()}
    assert blank == {}
