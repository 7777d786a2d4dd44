"""A provider's own layout read through the user's column mapping (intake/uploads/mapping.py): the issue's file,
"Quarter, Caseload, Mental health need", for Barnsley probation, with the messages a user sees."""

from __future__ import annotations

import pytest

from intake.uploads import ColumnMapping, read_upload
from loaders.lookups import read_code_changes, read_lad_lookup

PROVIDER = ("Quarter,Caseload,Mental health need\r\n"
            "2024/25 Q1,1650,690\r\n"
            "2024/25 Q2,1600,ten\r\n"
            "2024/25 Q3,1580,3\r\n").encode()
BARNSLEY_PROBATION = ColumnMapping(
    columns={"period": "Quarter", "denominator": "Caseload", "numerator": "Mental health need"},
    fixed={"area_name": "Barnsley", "cohort": "probation", "indicator": "Mental health need",
           "partner": "Probation Service Yorkshire"})


@pytest.fixture(scope="module")
def geo(open_data):
    return {"lookup": read_lad_lookup(open_data), "changes": read_code_changes(open_data)}


def test_without_a_mapping_the_layout_is_not_recognised_but_its_headers_are_kept(geo):
    result = read_upload("provider.csv", PROVIDER, **geo)
    assert result.rows.empty
    assert result.problems[0].message.startswith("no header row found in the first 20 rows")
    assert result.layout == ("Quarter", "Caseload", "Mental health need")  # offered to the mapping form


def test_the_mapped_file_is_read_by_the_template_rules_and_names_its_own_columns(geo):
    result = read_upload("provider.csv", PROVIDER, **geo, mapping=BARNSLEY_PROBATION)
    rows = result.rows
    assert list(rows["period"]) == ["2024/25 Q1", "2024/25 Q3"]
    assert list(rows["area_code"]) == ["E08000016", "E08000016"]  # Barnsley, matched by name
    assert set(rows["cohort"]) == {"probation"} and set(rows["indicator"]) == {"Mental health need"}
    assert list(rows["numerator"]) == [690.0, 3.0] and list(rows["denominator"]) == [1650.0, 1580.0]
    assert list(rows["partner"]) == ["Probation Service Yorkshire"] * 2
    # The bad row is named by the file's own row and column ("ten" in 'Mental health need', row 3).
    (problem,) = result.problems
    assert (problem.row, problem.column, problem.value) == (3, "Mental health need", "ten")
    assert "read with your column mapping: 'Quarter' as the period; 'Caseload' as the denominator; 'Mental " \
           "health need' as the numerator; area name 'Barnsley' for every row" in " ".join(result.notes)
    assert result.summary() == "2 of 3 rows can be used; 1 row has problems."


def test_a_mapping_that_lacks_a_field_or_says_one_twice_is_explained():
    lacking = ColumnMapping(columns={"period": "Quarter", "numerator": "Mental health need"},
                            fixed={"area_name": "Barnsley", "cohort": "probation"})
    assert lacking.problems() == ["nothing is given for: indicator; denominator (or give a value column instead)"]
    twice = ColumnMapping(columns={"period": "Quarter", "numerator": "Caseload", "denominator": "Caseload",
                                   "indicator": "Quarter"}, fixed={"area_name": "Barnsley", "cohort": "probation",
                                                                   "indicator": "Depression"})
    assert twice.problems() == [
        "indicator: a column and a value for every row are both given: choose one",
        "column 'Quarter' is chosen for more than one field", "column 'Caseload' is chosen for more than one field"]
    assert BARNSLEY_PROBATION.problems() == []


def test_a_file_without_the_mapped_headers_says_which_are_missing(geo):
    other = "Month,Total,Count\r\n2024-04,10,2\r\n".encode()
    result = read_upload("other.csv", other, **geo, mapping=BARNSLEY_PROBATION)
    assert result.rows.empty
    assert [p.message for p in result.problems] == [
        "no row in the first 20 has all the columns of your mapping ('Quarter', 'Caseload', 'Mental health need')"]
