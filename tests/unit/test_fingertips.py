"""Fingertips API CSV and tidy extracts -> canonical rows. Fixtures are tiny files written to tmp_path;
the real extracts in shared/data/indicators are back-tested in tests/backtest/test_fingertips.py."""

import csv
import math
from pathlib import Path

import pandas as pd
import pytest

from core.errors import DataFileMalformedError
from loaders.fingertips import (
    API_CSV_COLUMNS,
    PUBLISHED_CI_95,
    canonical_area_type,
    read_fingertips_csv,
    read_fingertips_extract,
)
from loaders.schemas import CANONICAL_COLUMNS

LAD = "Districts & UAs (from Apr 2023)"
SUPPRESSED = "Value suppressed for disclosure control due to small count"


def api_row(**cells: str) -> dict:
    base = {column: "" for column in API_CSV_COLUMNS}
    base.update({"Indicator ID": "92443",
                 "Indicator Name": "Smoking Prevalence in adults (18+) - current smokers (APS)",
                 "Sex": "Persons", "Age": "18+ yrs", "Time period": "2023", "Time period Sortable": "20230000"})
    base.update(cells)
    return base


ENGLAND = api_row(**{"Area Code": "E92000001", "Area Name": "England", "Area Type": "England", "Value": "10.9",
                     "Lower CI 95.0 limit": "10.7", "Upper CI 95.0 limit": "11.1", "Lower CI 99.8 limit": "10.6",
                     "Upper CI 99.8 limit": "11.2", "Count": "4500000"})
REGION = api_row(**{"Parent Code": "E92000001", "Parent Name": "England", "Area Code": "E12000001",
                    "Area Name": "North East region (statistical)", "Area Type": "Region", "Value": "12.0",
                    "Lower CI 95.0 limit": "11.0", "Upper CI 95.0 limit": "13.0",
                    "Compared to England value or percentiles": "Worse"})
HARTLEPOOL = api_row(**{"Parent Code": "E12000001", "Parent Name": "North East region (statistical)",
                        "Area Code": "E06000001", "Area Name": "Hartlepool", "Area Type": LAD, "Value": "13.5",
                        "Lower CI 95.0 limit": "11.2", "Upper CI 95.0 limit": "15.8", "Lower CI 99.8 limit": "10.5",
                        "Upper CI 99.8 limit": "16.6", "Recent Trend": "Cannot be calculated",
                        "Compared to England value or percentiles": "Worse",
                        "Compared to Region value or percentiles": "Similar"})
MIDDLESBROUGH = api_row(**{"Area Code": "E06000002", "Area Name": "Middlesbrough", "Area Type": LAD,
                           "Value note": SUPPRESSED, "Compared to England value or percentiles": "Not compared"})
DURHAM = api_row(**{"Area Code": "E06000047", "Area Name": "County Durham", "Area Type": "Counties & UAs (from "
                    "Apr 2023)", "Value": "11.0", "Lower CI 95.0 limit": "9.0", "Upper CI 95.0 limit": "13.0"})
DECILE = api_row(**{"Area Code": "E06000001", "Area Name": "Hartlepool", "Area Type": LAD, "Value": "20.1",
                    "Category Type": "LSOA11 deprivation deciles within area (IMD2019)",
                    "Category": "Most deprived decile (IMD2019)"})


def write_api_csv(path: Path, rows: list[dict], columns=API_CSV_COLUMNS) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture
def api_csv(tmp_path):
    return write_api_csv(tmp_path / "fingertips_92443.csv", [ENGLAND, REGION, HARTLEPOOL, MIDDLESBROUGH, DURHAM,
                                                             DECILE])


def test_api_csv_becomes_canonical_rows_without_the_category_row(api_csv, indicator_register):
    data = read_fingertips_csv(api_csv, indicator_register)
    measures = data.measures.set_index("area_code")
    assert list(data.measures.columns) == CANONICAL_COLUMNS
    assert len(measures) == 5 and data.categories.empty  # the deprivation-decile row is dropped
    assert measures.loc["E06000001", "value"] == 13.5  # the area value, not its decile row's 20.1
    assert measures["area_type"].to_dict() == {"E92000001": "country", "E12000001": "region", "E06000001": "lad",
                                               "E06000002": "lad", "E06000047": "utla"}
    assert set(measures["indicator_id"]) == {"92443"} and set(measures["sex"]) == {"persons"}
    assert set(measures["cohort"]) == {"general_population"} and set(measures["source_id"]) == {"fingertips"}
    # domain and unit are not in the CSV: they come from data/indicators.csv
    assert set(measures["domain"]) == {"smoking"} and set(measures["unit"]) == {"%"}
    assert measures.loc["E06000001", ["ci_low", "ci_high"]].tolist() == [11.2, 15.8]
    assert measures.loc["E06000001", "ci_method"] == PUBLISHED_CI_95
    assert measures.loc["E92000001", "numerator"] == 4500000 and math.isnan(measures.loc["E92000001", "denominator"])


def test_suppressed_value_stays_missing_with_its_note(api_csv, indicator_register):
    data = read_fingertips_csv(api_csv, indicator_register)
    row = data.measures[data.measures["area_code"] == "E06000002"].iloc[0]
    assert math.isnan(row["value"]) and math.isnan(row["ci_low"]) and row["value"] != 0
    assert pd.isna(row["ci_method"])
    details = data.details.set_index("area_code")
    assert details.loc["E06000002", "value_note"] == SUPPRESSED
    assert pd.isna(details.loc["E06000001", "value_note"])  # blank -> missing, not ""


def test_details_keep_fingertips_comparisons_99_8_limits_and_file_rows(api_csv, indicator_register):
    data = read_fingertips_csv(api_csv, indicator_register)
    details = data.details.set_index("area_code")
    assert details.loc["E06000001", "compared_to_england"] == "Worse"
    assert details.loc["E06000001", "compared_to_parent"] == "Similar"
    assert details.loc["E06000001", "compared_to_parent_column"] == "Compared to Region value or percentiles"
    assert details.loc["E06000001", ["ci_low_99_8", "ci_high_99_8"]].tolist() == [10.5, 16.6]
    assert details.loc["E06000001", "recent_trend"] == "Cannot be calculated"
    assert details.loc["E06000001", "fingertips_area_type"] == LAD
    assert details["file_row"].tolist() == [2, 3, 4, 5, 6]  # spreadsheet rows of the file
    joined = data.joined()
    assert {"ci_low_99_8", "compared_to_england"} <= set(joined.columns) and len(joined) == 5


def test_category_rows_are_returned_separately_when_asked(api_csv, indicator_register):
    data = read_fingertips_csv(api_csv, indicator_register, include_categories=True)
    assert len(data.measures) == 5
    assert len(data.categories) == 1
    row = data.categories.iloc[0]
    assert (row["area_code"], row["value"], row["category"]) == ("E06000001", 20.1, "Most deprived decile (IMD2019)")


def test_a_dropped_category_row_is_not_checked(tmp_path, indicator_register):
    rows = [ENGLAND, HARTLEPOOL, {**DECILE, "Value": "not a number"}]
    data = read_fingertips_csv(write_api_csv(tmp_path / "cat.csv", rows), indicator_register)
    assert len(data.measures) == 2
    with pytest.raises(DataFileMalformedError) as caught:
        read_fingertips_csv(write_api_csv(tmp_path / "cat.csv", rows), indicator_register, include_categories=True)
    assert [(p.row, p.column) for p in caught.value.problems] == [(4, "Value")]


def test_newer_header_with_parent_and_time_period_range_columns(tmp_path, indicator_register):
    # Header of a current download: "Compared to parent value or percentiles" and "Time period range".
    columns = [c if c != "Compared to Region value or percentiles" else "Compared to parent value or percentiles"
               for c in API_CSV_COLUMNS] + ["Time period range"]
    rows = [{**ENGLAND, "Time period range": "1y"},
            {**HARTLEPOOL, "Compared to parent value or percentiles": "Better", "Time period range": "1y"}]
    data = read_fingertips_csv(write_api_csv(tmp_path / "new.csv", rows, columns), indicator_register)
    details = data.details.set_index("area_code")
    assert details.loc["E06000001", "compared_to_parent"] == "Better"
    assert details.loc["E06000001", "time_period_range"] == "1y"


@pytest.mark.parametrize(("label", "child", "expected"), [
    ("England", None, "country"), ("Country", None, "country"), ("Region", None, "region"),
    ("Districts & UAs (from Apr 2023)", None, "lad"), ("Districts & UAs (from Apr 2021)", None, "lad"),
    ("Counties & UAs (from Apr 2023)", None, "utla"), ("District", None, "lad"), ("County", None, "utla"),
    ("UA", None, None), ("UA", 501, "lad"), ("UA", 502, "utla"), ("UA", 101, "lad"), ("UA", 102, "utla"),
    ("GP", None, None), ("NHS Region", None, None),
])
def test_area_type_labels(label, child, expected):
    assert canonical_area_type(label, child) == expected


def test_unitary_label_needs_the_child_area_type(tmp_path, indicator_register):
    path = write_api_csv(tmp_path / "ua.csv", [ENGLAND, {**HARTLEPOOL, "Area Type": "UA"}])
    with pytest.raises(DataFileMalformedError) as caught:
        read_fingertips_csv(path, indicator_register)
    problem = caught.value.problems[0]
    assert (problem.row, problem.column) == (3, "Area Type") and "child_area_type_id" in problem.message
    data = read_fingertips_csv(path, indicator_register, child_area_type_id=502)
    assert data.measures.set_index("area_code").loc["E06000001", "area_type"] == "utla"


def test_missing_header_column_is_reported_on_row_1(tmp_path, indicator_register):
    columns = [c for c in API_CSV_COLUMNS if c != "Value note"]
    with pytest.raises(DataFileMalformedError) as caught:
        read_fingertips_csv(write_api_csv(tmp_path / "bad.csv", [ENGLAND], columns), indicator_register)
    problem = caught.value.problems[0]
    assert (problem.row, problem.column, problem.message) == (1, "Value note", "column is missing from the header")


def test_every_bad_cell_is_reported_with_row_and_column(tmp_path, indicator_register):
    rows = [ENGLAND, {**HARTLEPOOL, "Value": "13,5x", "Sex": "Not applicable"}, {**DURHAM, "Area Type": "GP"}]
    with pytest.raises(DataFileMalformedError) as caught:
        read_fingertips_csv(write_api_csv(tmp_path / "bad.csv", rows), indicator_register)
    found = {(p.row, p.column) for p in caught.value.problems}
    assert found == {(3, "Value"), (3, "Sex"), (4, "Area Type")}
    assert "fingertips_92443" not in str(caught.value) and "bad.csv" in str(caught.value)


def test_indicator_missing_from_the_register_is_reported(tmp_path, indicator_register):
    rows = [ENGLAND, {**HARTLEPOOL, "Indicator ID": "99999"}]
    with pytest.raises(DataFileMalformedError) as caught:
        read_fingertips_csv(write_api_csv(tmp_path / "unknown.csv", rows), indicator_register)
    problem = caught.value.problems[0]
    assert (problem.row, problem.column) == (3, "Indicator ID")
    assert "'99999' is not in the indicator register" in problem.message


def test_exact_duplicate_lines_are_dropped_but_conflicting_ones_reported(tmp_path, indicator_register):
    same = read_fingertips_csv(write_api_csv(tmp_path / "dup.csv", [ENGLAND, HARTLEPOOL, HARTLEPOOL]),
                               indicator_register)
    assert len(same.measures) == 2
    with pytest.raises(DataFileMalformedError) as caught:
        read_fingertips_csv(write_api_csv(tmp_path / "clash.csv", [ENGLAND, HARTLEPOOL, {**HARTLEPOOL,
                                                                                         "Value": "14.0"}]),
                            indicator_register)
    assert any("repeats a row key" in p.message for p in caught.value.problems)


# --- tidy extracts ---------------------------------------------------------------------------------

EXTRACT_HEADER = "area_code,area_name,area_type,period,indicator,measure,unit,value,compared_to_England,inequality\n"
SMOKING = "Smoking Prevalence in adults (aged 18 and over) - current smokers (APS)"


def write_extract(path: Path, lines: list[str]) -> Path:
    path.write_text(EXTRACT_HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def extract(tmp_path):
    return write_extract(tmp_path / "fingertips_92443_smoking_test_ltla.csv", [
        f"E92000001,England,Country,2023,{SMOKING},Percentage,Persons,10.9,Not compared,NA",
        f"E07000026,Allerdale,District,2023,{SMOKING},Percentage,Persons,NA,Not compared,NA",
        f"E06000001,Hartlepool,UA,2023,{SMOKING},Percentage,Persons,15.2,Worse,NA",
        f"E06000001,Hartlepool,UA,2023,{SMOKING},Percentage,Persons,21.0,Worse,Most deprived decile",
    ])


def test_extract_becomes_canonical_rows(extract, indicator_register):
    data = read_fingertips_extract(extract, indicator_register)
    measures = data.measures.set_index("area_code")
    assert len(measures) == 3  # the inequality row is dropped
    assert set(measures["indicator_id"]) == {"92443"}  # from the file name
    assert measures["area_type"].to_dict() == {"E92000001": "country", "E07000026": "lad", "E06000001": "lad"}
    assert set(measures["sex"]) == {"persons"} and set(measures["age"]) == {"18+ yrs"}  # age from the register
    assert set(measures["unit"]) == {"%"} and measures.loc["E06000001", "value"] == 15.2
    assert math.isnan(measures.loc["E07000026", "value"])  # NA -> missing, never 0
    assert measures["ci_low"].isna().all() and measures["numerator"].isna().all()
    details = data.details.set_index("area_code")
    assert details.loc["E06000001", "compared_to_england"] == "Worse"
    assert details.loc["E06000001", "file_row"] == 4


def test_extract_with_an_unmapped_measure_is_reported(tmp_path, indicator_register):
    path = write_extract(tmp_path / "fingertips_92443_x.csv",
                         [f"E92000001,England,Country,2023,{SMOKING},Rate per 100000,Persons,10.9,Not compared,NA"])
    with pytest.raises(DataFileMalformedError) as caught:
        read_fingertips_extract(path, indicator_register)
    problem = caught.value.problems[0]
    assert (problem.row, problem.column) == (2, "measure")


def test_extract_name_without_an_id_needs_indicator_id(tmp_path, indicator_register):
    path = write_extract(tmp_path / "smoking.csv",
                         [f"E92000001,England,Country,2023,{SMOKING},Percentage,Persons,10.9,Not compared,NA"])
    with pytest.raises(DataFileMalformedError, match="pass indicator_id"):
        read_fingertips_extract(path, indicator_register)
    assert read_fingertips_extract(path, indicator_register, indicator_id="92443").measures["value"].tolist() == [10.9]
