"""The plain HTML table (charts.html_table): headers and cells escaped, empty cells empty, named for a reader."""

import math

import pandas as pd

from charts.html_table import html_table


def test_every_header_and_cell_is_escaped_and_a_missing_value_is_an_empty_cell():
    frame = pd.DataFrame({"Code": ["E06000028", "E0<b>"], "Name & place": ["Bournemouth", None],
                          "Rows": [7, math.nan]})
    page = html_table(frame, "Codes changed in 'smoking.csv'")
    assert '<th scope="col"' in page and ">Name &amp; place</th>" in page
    assert ">E0&lt;b&gt;</td>" in page and "<b>" not in page
    # the second row: name None and rows NaN are empty cells, not "None" or "nan"
    second = page.split("<tr>")[3]
    assert second.count("></td>") == 2 and "None" not in page and "nan" not in page
    assert page.count("<tr>") == 3  # the header row and two rows
    assert "<caption" in page and "Codes changed in &#x27;smoking.csv&#x27;</caption>" in page
    assert 'role="region" aria-label="Codes changed in &#x27;smoking.csv&#x27;" tabindex="0"' in page


def test_an_empty_frame_is_a_table_with_its_headers_only():
    page = html_table(pd.DataFrame({"Code": []}), "None changed")
    assert page.count("<tr>") == 1 and "<tbody></tbody>" in page


def test_only_a_column_named_wide_keeps_its_readable_width():
    frame = pd.DataFrame({"Code": ["E06000028"], "Why": ["made of three districts; one is missing"]})
    page = html_table(frame, "Codes", wide={"Why"})
    code_header, why_header = page.split('<th scope="col"')[1:]
    assert "min-width:18rem" in why_header and "min-width" not in code_header
    assert "min-width:18rem" not in html_table(frame, "Codes")  # no column is wide unless named
