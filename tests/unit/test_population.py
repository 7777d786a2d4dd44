"""Census 2021 population by age (loaders/population.py): the checks and the tidy frame.

The tiny file holds two real districts (Hartlepool, a unitary; Cambridge, a district of Cambridgeshire), their
upper-tier authorities, regions and England, with the Census 2021 counts of ../shared/data's population file.
"""

from __future__ import annotations

import pandas as pd
import pytest

from core.errors import DataFileMalformedError, DataFileMissingError
from loaders.population import FILE_COLUMNS, PopulationFileSchema, read_population
from loaders.schemas import CanonicalSchema
from loaders.schemas.rules import row_rules

HARTLEPOOL = [4982, 5582, 5920, 5180, 5110, 5495, 5884, 5463, 5065, 5417, 6577, 7132, 6297, 5247, 5084, 3222, 2463,
              2217]
CAMBRIDGE = [6347, 6702, 6645, 11529, 20309, 16272, 13548, 10509, 9142, 8008, 7794, 6922, 5335, 4557, 4140, 3116,
             2371, 2430]
# all ages, 0-14, 15-64, 65+ as published in the file (sums of the bands above)
HARTLEPOOL_TOTALS = [92337, 16484, 57620, 18233]
CAMBRIDGE_TOTALS = [145676, 19694, 109368, 16614]
BOTH_TOTALS = [a + b for a, b in zip(HARTLEPOOL_TOTALS, CAMBRIDGE_TOTALS, strict=True)]  # 238013, ...
BOTH = [a + b for a, b in zip(HARTLEPOOL, CAMBRIDGE, strict=True)]


def rows() -> list[list]:
    return [
        ["E06000001", "Hartlepool", "LAD (2024 codes)", "E06000001", "E12000001", "E06000001",
         *HARTLEPOOL_TOTALS, *HARTLEPOOL],
        ["E07000008", "Cambridge", "LAD (2024 codes)", "E10000003", "E12000006", "E07000008",
         *CAMBRIDGE_TOTALS, *CAMBRIDGE],
        ["E06000001", "Hartlepool", "UTLA/CTYUA (2023 codes)", "E06000001", "E12000001", "E06000001",
         *HARTLEPOOL_TOTALS, *HARTLEPOOL],
        ["E10000003", "Cambridgeshire", "UTLA/CTYUA (2023 codes)", "E10000003", "E12000006", "E07000008",
         *CAMBRIDGE_TOTALS, *CAMBRIDGE],
        ["E12000001", "North East", "Region", "", "E12000001", "", *HARTLEPOOL_TOTALS, *HARTLEPOOL],
        ["E12000006", "East of England", "Region", "", "E12000006", "", *CAMBRIDGE_TOTALS, *CAMBRIDGE],
        ["E92000001", "England", "Country", "", "", "", *BOTH_TOTALS, *BOTH],
    ]


def write(tmp_path, table: list[list]) -> str:
    path = tmp_path / "population.csv"
    pd.DataFrame(table, columns=FILE_COLUMNS).to_csv(path, index=False)
    return path


def problems_of(path) -> set[tuple]:
    with pytest.raises(DataFileMalformedError) as caught:
        read_population(path)
    return {(p.row, p.column, p.message) for p in caught.value.problems}


def test_a_valid_file_becomes_one_row_per_area_and_age_band(tmp_path):
    frame = read_population(write(tmp_path, rows()))
    assert len(frame) == 7 * 22  # 7 areas x (all ages + 3 broad + 18 five-year bands)
    hartlepool = frame[(frame["area_type"] == "lad") & (frame["area_code"] == "E06000001")].set_index("age")
    assert hartlepool.loc["all ages", "population"] == 92337
    assert hartlepool.loc["0-4", "population"] == 4982
    assert hartlepool.loc["85+", ["population", "age_from"]].tolist() == [2217, 85]
    assert pd.isna(hartlepool.loc["85+", "age_to"]) and hartlepool.loc["80-84", "age_to"] == 84
    assert hartlepool.loc["15-64", "band"] == "broad" and hartlepool.loc["20-24", "band"] == "five-year"
    england = frame[frame["area_type"] == "country"].set_index("age")["population"]
    assert england["all ages"] == 238013  # 92337 + 145676
    assert frame.groupby("area_type")["area_code"].nunique().to_dict() == {"country": 1, "lad": 2, "region": 2,
                                                                          "utla": 2}
    cambridgeshire = frame[frame["area_code"] == "E10000003"].iloc[0]
    assert (cambridgeshire["utla_code"], cambridgeshire["region_code"]) == ("E10000003", "E12000006")


def test_bands_that_do_not_add_up_are_reported_by_row(tmp_path):
    table = rows()
    table[0][10] = 4983  # Hartlepool's under-5s one too many: neither all ages nor 0-14 add up any more
    found = problems_of(write(tmp_path, table))
    assert (2, None, "the five-year age bands do not add up to all_ages (rule five_year_bands_add_up)") in found
    assert any(row == 2 and "age_0_14" in message for row, _, message in found)


def test_counts_must_be_whole_numbers_and_present(tmp_path):
    table = rows()
    table[1][12] = "12.5"
    table[2][6] = ""
    found = problems_of(write(tmp_path, table))
    assert (3, "age_10_14", "'12.5' is not a whole number") in found
    assert (4, "all_ages", "is blank but a value is required") in found


def test_a_total_that_differs_from_its_districts_is_reported(tmp_path):
    table = rows()
    for column in (6, 7, 10):  # England: all ages, 0-14 and 0-4 each one higher, so its own bands still add up
        table[6][column] += 1
    found = problems_of(write(tmp_path, table))
    assert found == {(8, None, "this total differs from the sum of its districts (LAD rows) in the file "
                               "(rule totals_match_districts)")}


def test_codes_geographies_and_parents_are_checked(tmp_path):
    table = rows()
    table[0][2] = "District"
    table[1][3] = ""  # Cambridge without its UTLA
    table[3][0] = "E1000003"
    found = problems_of(write(tmp_path, table))
    assert {(row, column) for row, column, _ in found} == {(2, "geography"), (3, None), (5, None), (5, "area_code")}
    assert (2, "geography", "'District' is not one of the allowed values ('LAD (2024 codes)', "
                            "'UTLA/CTYUA (2023 codes)', 'Region', 'Country')") in found
    assert any(row == 3 and "needs utla_code and region_code" in message for row, _, message in found)


def test_a_missing_column_or_file_is_named(tmp_path):
    path = write(tmp_path, rows())
    pd.read_csv(path).drop(columns="age_85_plus").to_csv(path, index=False)
    assert problems_of(path) == {(1, "age_85_plus", "column is missing from the header")}
    with pytest.raises(DataFileMissingError, match="make data"):
        read_population(tmp_path / "absent.csv")


def test_each_schema_words_its_own_row_rules():
    assert row_rules(PopulationFileSchema)["five_year_bands_add_up"] == \
        "the five-year age bands do not add up to all_ages"
    assert "five_year_bands_add_up" not in row_rules(CanonicalSchema)  # no module adds to another's rules
    assert set(row_rules(CanonicalSchema)) == {"ci_contains_value", "numerator_not_above_denominator",
                                               "percentage_at_most_100"}
