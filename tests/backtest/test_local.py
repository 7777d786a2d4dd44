"""Local indicators laid on every area: values as published, codes brought to April 2023, no rates added up,
and the comparison with England computed (from limits) or as published. A back-test of the imported open data (the
real Fingertips extracts and lookups): expected values read from the files."""

import shutil

import pandas as pd
import pytest

from analysis.local_indicators import COUNTY_NOTE, periods
from core import catalogue
from core.comparison_codes import NOT_COMPARED, ComparisonBasis
from tests.conftest import BUNDLED
from ui.cache import read_local_indicators as load_local_indicators

REGISTER = BUNDLED / "indicators.csv"


@pytest.fixture(scope="module")
def local(open_data):
    return load_local_indicators(open_data, REGISTER)


def one(values, indicator_id, level, period, code):
    rows = values[(values["indicator_id"] == indicator_id) & (values["level"] == level)
                  & (values["period"] == period) & (values["area_code"] == code)]
    assert len(rows) == 1
    return rows.iloc[0]


def test_every_area_at_each_level_once_per_period(local):
    values = local.values
    smoking_2024 = values[(values["indicator_id"] == "92443") & (values["period"] == "2024")]
    assert (smoking_2024["level"] == "utla").sum() == 153
    assert (smoking_2024["level"] == "lad").sum() == 296
    assert not smoking_2024.duplicated(["level", "area_code"]).any()


def test_values_and_published_comparison_as_in_the_extract(local):
    # fingertips_92443 ... 2024: "E08000003,Manchester,UA,2024,...,15.6,Worse"; England 2024 is 10.4.
    manchester = one(local.values, "92443", "lad", "2024", "E08000003")
    assert manchester["value"] == 15.6
    assert manchester["england_value"] == 10.4
    assert manchester["comparison"] == "Worse"
    assert manchester["comparison_basis"] == ComparisonBasis.PUBLISHED
    assert manchester["comparison_label"] == "Worse than England (95%) as published by Fingertips"
    assert manchester["comparison_colour"] == "#D4351C"
    # 848 2024/25: Camden 11.6 "Lower 99.8" (no-judgement scheme: light blue at 99.8%).
    camden = one(local.values, "848", "lad", "2024/25", "E09000007")
    assert (camden["value"], camden["comparison"], camden["comparison_level"]) == (11.6, "Lower", 0.998)
    assert camden["comparison_colour"] == "#AFCFE5"


def test_a_unitary_value_is_its_upper_tier_value_and_a_county_has_none(local):
    hartlepool_lad = one(local.values, "92443", "lad", "2024", "E06000001")
    hartlepool_utla = one(local.values, "92443", "utla", "2024", "E06000001")
    assert hartlepool_lad["value"] == hartlepool_utla["value"] == 14.8
    kent = one(local.values, "92443", "utla", "2024", "E10000016")
    assert pd.isna(kent["value"])
    assert kent["note"] == COUNTY_NOTE
    assert kent["comparison"] == NOT_COMPARED


def test_merged_areas_get_no_value_and_the_reason(local):
    # The smoking extract has Cumbria's old districts for 2024; Cumberland (E06000063) replaced three of them.
    cumberland = one(local.values, "92443", "lad", "2024", "E06000063")
    assert pd.isna(cumberland["value"])
    assert "E07000026 Allerdale" in cumberland["note"] and "E07000028 Carlisle" in cumberland["note"]
    assert "cannot be added up" in cumberland["note"]
    flagged = local.report[(local.report["indicator_id"] == "92443") & (local.report["code"] == "E07000026")]
    assert set(flagged["action"]) == {"flagged"}


def test_a_current_code_wins_over_old_codes_for_the_same_area(local):
    # Buckinghamshire: the extract has both E06000060 (8.3 in 2024) and the old districts (NA): keep 8.3.
    bucks = one(local.values, "92443", "utla", "2024", "E06000060")
    assert bucks["value"] == 8.3


def test_indicators_without_england_are_not_compared(local):
    imd = local.values[(local.values["indicator_id"] == "imd2025_score") & (local.values["level"] == "lad")]
    assert len(imd) == 296
    assert (imd["comparison"] == NOT_COMPARED).all()
    assert imd["value"].notna().all()


def test_periods_oldest_first(local):
    assert periods(local.values, "848", "lad")[-2:] == ["2022/23", "2024/25"]
    assert periods(local.values, "92443", "utla")[0] == "2011"


API_HEADER = ("Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,"
              "Category Type,Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Lower CI 99.8 limit,"
              "Upper CI 99.8 limit,Count,Denominator,Value note,Recent Trend,Compared to England value or percentiles,"
              "Compared to Region value or percentiles,Time period Sortable,New data,Compared to goal")


def api_line(code, name, area_type, value, low, high):
    return (f"92443,Smoking prevalence,,,{code},{name},{area_type},Persons,18+ yrs,,,2024,{value},{low},{high},,,,,,,"
            ",,20240000,,")


@pytest.fixture
def api_folder(open_data, tmp_path):
    """A data folder with the lookups and a Fingertips API file for counties and UAs (area type 502)."""
    folder = tmp_path / "data"
    shutil.copytree(open_data / "lookups", folder / "lookups")
    (folder / "indicators").mkdir()
    lines = [API_HEADER,
             api_line("E92000001", "England", "England", 10.0, 9.9, 10.1),
             api_line("E10000016", "Kent", "Counties & UAs (from Apr 2023)", 12.0, 10.5, 13.5),
             api_line("E08000003", "Manchester", "Counties & UAs (from Apr 2023)", 13.0, 10.2, 15.8),
             api_line("E09000007", "Camden", "Counties & UAs (from Apr 2023)", 7.0, 5.5, 8.5)]
    (folder / catalogue.fingertips_api_path("92443", 502)).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_api_data_is_compared_by_its_limits(api_folder):
    local = load_local_indicators(api_folder, REGISTER)
    utla = local.values[(local.values["indicator_id"] == "92443") & (local.values["level"] == "utla")]
    by_code = utla.set_index("area_code")
    # Kent 10.5-13.5 lies above England's 10.0: worse (low is good). Manchester 10.2-15.8: above too.
    # Camden 5.5-8.5 lies below: better.
    assert by_code.at["E10000016", "comparison"] == "Worse"
    assert by_code.at["E10000016", "comparison_basis"] == ComparisonBasis.COMPUTED
    assert by_code.at["E10000016", "comparison_label"] == "Worse than England (95%)"
    assert by_code.at["E08000003", "comparison"] == "Worse"
    assert by_code.at["E09000007", "comparison"] == "Better"
    assert by_code.at["E09000007", "ci_low"] == 5.5
    # A county has its own value from upper-tier data.
    assert by_code.at["E10000016", "value"] == 12.0
    # Areas the file does not cover stay on the map with no value.
    assert pd.isna(by_code.at["E06000001", "value"])
    assert len(utla) == 153
    # No district file: the district level is not offered for this indicator; police force areas are laid from the
    # upper-tier areas (each lies in one force), and Kent's force has no value without Medway's figure.
    assert set(local.values.loc[local.values["indicator_id"] == "92443", "level"]) == {"utla", "pfa"}
    kent_force = local.values[(local.values["level"] == "pfa") & (local.values["area_code"] == "E23000032")].iloc[0]
    assert pd.isna(kent_force["value"])
    assert kent_force["note"] == ("No value: 1 of its 2 counties and unitary authorities have no figure for this "
                                  "period (Medway).")
