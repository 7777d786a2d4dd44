"""Loading data/national_prevalence.csv, sources.csv and cohort_sizes.csv: good files and broken ones."""

import pandas as pd
import pytest

from core.errors import DataFileMalformedError, DataFileMissingError
from loaders.national import evidence_to_canonical, load_national_evidence, read_evidence
from loaders.schemas import CANONICAL_COLUMNS
from tests.conftest import set_cell, write_evidence_folder


def test_missing_file_names_the_file(tmp_path):
    with pytest.raises(DataFileMissingError) as caught:
        load_national_evidence(tmp_path)
    assert "national_prevalence.csv" in str(caught.value)
    assert "file not found" in str(caught.value)


def test_missing_column_is_reported_on_the_header_row(data_copy):
    path = data_copy / "national_prevalence.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False).drop(columns=["comparability"])
    frame.to_csv(path, index=False)
    with pytest.raises(DataFileMalformedError) as caught:
        read_evidence(path)
    problem = caught.value.problems[0]
    assert (problem.row, problem.column, problem.message) == (1, "comparability", "column is missing from the header")


def test_every_bad_cell_is_reported_with_row_and_column(data_copy):
    path = data_copy / "national_prevalence.csv"
    set_cell(path, 0, "cohort_value", "five")  # spreadsheet row 2
    set_cell(path, 4, "cohort", "jail")  # row 6
    set_cell(path, 9, "cohort_denominator", "12.5")  # row 11
    with pytest.raises(DataFileMalformedError) as caught:
        read_evidence(path)
    found = {(p.row, p.column) for p in caught.value.problems}
    assert {(2, "cohort_value"), (6, "cohort"), (11, "cohort_denominator")} <= found
    text = str(caught.value)
    assert "national_prevalence.csv, row 2, column 'cohort_value': 'five' is not a number" in text
    assert "row 6, column 'cohort': 'jail' is not one of the allowed values" in text
    assert "'12.5' is not a whole number" in text


def test_interval_that_excludes_its_value_is_rejected(data_copy):
    path = data_copy / "national_prevalence.csv"
    set_cell(path, 0, "cohort_ci_high", "5.0")  # MH01: value 5.2, CI 4.5 to 5.0
    with pytest.raises(DataFileMalformedError) as caught:
        read_evidence(path)
    assert [(p.row, p.column) for p in caught.value.problems] == [(2, None)]
    assert ("row 2: the cohort CI (cohort_ci_low to cohort_ci_high) does not contain cohort_value"
            in str(caught.value))


def test_a_citation_that_points_at_another_row_is_rejected(data_copy):
    # A slide or a workbook row is read alone, so "Same paper" names no source; "Samele C" (a surname) is fine.
    path = data_copy / "national_prevalence.csv"
    set_cell(path, 0, "comparator_citation", "Same paper (household arm)")
    with pytest.raises(DataFileMalformedError) as caught:
        read_evidence(path)
    assert [(p.row, p.column) for p in caught.value.problems] == [(2, None)]
    assert "row 2: a citation must name its source in full" in str(caught.value)
    set_cell(path, 0, "comparator_citation", "Samele C, McKinnon I, et al. (2021)")
    assert len(read_evidence(path)) > 0


def test_duplicate_evidence_id_is_rejected(data_copy):
    path = data_copy / "national_prevalence.csv"
    set_cell(path, 1, "evidence_id", "MH01")
    with pytest.raises(DataFileMalformedError, match="evidence_id"):
        read_evidence(path)


def test_unknown_source_id_is_reported(data_copy):
    set_cell(data_copy / "national_prevalence.csv", 2, "cohort_source_id", "nobody2099")
    with pytest.raises(DataFileMalformedError) as caught:
        load_national_evidence(data_copy)
    assert "row 4, column 'cohort_source_id': 'nobody2099' is not a source_id in sources.csv" in str(caught.value)


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "is empty"), (b"\xff\xfe\x00bad", "is not UTF-8"), (None, "has a header but no data rows")],
)
def test_unreadable_files_get_a_clear_message(data_copy, content, message):
    path = data_copy / "national_prevalence.csv"
    if content is None:
        content = path.read_bytes().splitlines()[0] + b"\n"
    path.write_bytes(content)
    with pytest.raises(DataFileMalformedError, match=message):
        read_evidence(path)


def test_canonical_frame_for_a_hand_made_row(tmp_path):
    folder = write_evidence_folder(tmp_path, [{"cohort_value": "20", "cohort_numerator": "20",
                                                "cohort_denominator": "100", "comparator_value": "5"}])
    bundle = load_national_evidence(folder)
    measures = bundle.measures.set_index("cohort")
    assert measures.loc["prison", ["numerator", "denominator", "value"]].tolist() == [20, 100, 20]
    assert measures.loc["general_population", "value"] == 5
    assert measures.loc["general_population", "source_id"] == "src_b"
    assert evidence_to_canonical(bundle.evidence).shape == (2, len(CANONICAL_COLUMNS))


def test_an_unreadable_number_is_reported_once(data_copy):
    path = data_copy / "national_prevalence.csv"
    set_cell(path, 3, "cohort_value", "about 20")  # row 5: not also "a row with unit '%' has no cohort_value"
    with pytest.raises(DataFileMalformedError) as caught:
        read_evidence(path)
    assert [(p.row, p.column) for p in caught.value.problems] == [(5, "cohort_value")]
