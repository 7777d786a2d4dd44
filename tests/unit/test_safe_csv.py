"""core.safe_csv: the one formula rule, on a cell, on a shown table and in the CSV download."""

import io

import pandas as pd
import pytest

from core.safe_csv import neutralise_formula, neutralise_text, restore_formula_text, to_csv_bytes

HYPERLINK = '=HYPERLINK("http://example.invalid","x")'
DDE = "+cmd|' /C calc'!A0"


@pytest.mark.parametrize(("cell", "expected"), [
    (HYPERLINK, '\'=HYPERLINK("http://example.invalid","x")'),  # "'" put in front, nothing else changed
    (DDE, "'+cmd|' /C calc'!A0"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ("Avon and Somerset PDU", "Avon and Somerset PDU"),  # plain text, a formula sign inside, and empty: kept
    ("a=b", "a=b"),
    ("", ""),
    ("'=1", "'=1"),  # already neutralised: no second apostrophe
    (-2.5, -2.5),  # numbers are not text: a negative number is left as it is
])
def test_a_cell_that_starts_like_a_formula_gets_an_apostrophe(cell, expected):
    assert neutralise_formula(cell) == expected


def test_restore_undoes_exactly_what_the_rule_added():
    assert restore_formula_text(neutralise_formula(DDE)) == DDE
    assert restore_formula_text("'plain") == "'plain"  # an apostrophe the rule did not add stays


def test_a_shown_table_has_its_text_neutralised_and_its_numbers_and_types_kept():
    table = pd.DataFrame({
        "Partner": [HYPERLINK, "PDU"], "Need": pd.array([DDE, pd.NA], dtype="string"),
        "Mixed": pd.Series(["@x", 3.0], dtype=object), "Value": [-1.5, 2.0]})
    shown = neutralise_text(table)
    assert list(shown["Partner"]) == ['\'=HYPERLINK("http://example.invalid","x")', "PDU"]
    assert shown.at[0, "Need"] == "'+cmd|' /C calc'!A0" and shown.at[1, "Need"] is pd.NA
    assert list(shown["Mixed"]) == ["'@x", 3.0]
    assert list(shown["Value"]) == [-1.5, 2.0]
    assert list(shown.dtypes) == list(table.dtypes)
    assert table.at[0, "Partner"] == HYPERLINK  # the input is not changed
    assert neutralise_text(shown).equals(shown)  # twice is the same as once


def test_the_download_carries_the_cells_the_screen_shows():
    table = pd.DataFrame({"Partner": [HYPERLINK], "Need": [DDE], "Count": [30]})
    data = to_csv_bytes(table)
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM
    read = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str)
    assert read.to_dict("records") == [{"Partner": '\'=HYPERLINK("http://example.invalid","x")',
                                        "Need": "'+cmd|' /C calc'!A0", "Count": "30"}]
    assert read.equals(neutralise_text(table).astype(str))
