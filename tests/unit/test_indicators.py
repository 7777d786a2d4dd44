"""The indicator register (data/indicators.csv), IMD 2025 LAD summaries and MHCLG homelessness.

Tiny fixtures are written to tmp_path. The real files in shared/data/indicators, and the register's polarity claims
against Fingertips' own comparison labels, are back-tested in tests/backtest/test_indicators.py."""

import math

import pandas as pd
import pytest

from core.catalogue import BY_KEY, FINGERTIPS_INDICATORS, fingertips_key
from core.errors import DataFileMalformedError, DataFileMissingError
from core.labels import DOMAIN_LABELS
from core.vocabulary import ID_NOT_FOUND, JUSTICE_DOMAIN, POLARITIES
from loaders.indicators import (
    HOMELESSNESS_PERIOD,
    read_homelessness,
    read_imd_lad_summaries,
    read_indicator_register,
)
from loaders.schemas import CANONICAL_COLUMNS
from tests.conftest import BUNDLED

APP_INDICATORS = {"92443", "848", "imd2025_score", "homeless_households_per_1000",
                  "temporary_accommodation_per_1000"}
# Issue 16's justice indicators: five with Fingertips ids, three whose ids could not be verified (own ids).
JUSTICE_IDS = {"10401", "90244", "90245", "41001"}
JUSTICE_NOT_FOUND = {"phof_c20", "phof_reoffending_proportion", "phof_reoffences_per_reoffender"}


# --- the register --------------------------------------------------------------------------------------

def test_register_lists_every_indicator_the_app_uses_with_a_citation(indicator_register):
    assert set(indicator_register["indicator_id"]) == APP_INDICATORS | JUSTICE_IDS | JUSTICE_NOT_FOUND
    assert indicator_register["polarity"].isin(POLARITIES).all()
    for column in ("indicator", "short_name", "domain", "unit", "publisher", "source_url", "licence", "period",
                   "geography", "definition", "caveat", "verified_from"):
        assert indicator_register[column].notna().all() and (indicator_register[column].str.len() > 0).all(), column


def test_justice_rows_load_in_their_group_and_only_verified_ids_are_downloaded(indicator_register):
    rows = indicator_register.set_index("indicator_id")
    justice = rows[rows["domain"] == JUSTICE_DOMAIN]
    assert set(justice.index) == JUSTICE_IDS | JUSTICE_NOT_FOUND and DOMAIN_LABELS[JUSTICE_DOMAIN] == "Justice"
    assert rows.loc["10401", ["unit", "source_id", "id_status"]].tolist() == ["per 100,000", "fingertips",
                                                                            "verified"]
    assert rows.loc["90244", "id_status"] == "checked_at_download"  # the id, no stored source pairs it
    assert rows.loc[sorted(JUSTICE_NOT_FOUND), "id_status"].eq(ID_NOT_FOUND).all()
    # Nothing unverified is judged: no polarity and no comparison level was found for any of them.
    assert justice["polarity"].eq("no_judgement").all() and justice["comparison_level"].isna().all()
    # make data fetches exactly the rows whose id is Fingertips' (never a not_found row's own id).
    fetched = set(FINGERTIPS_INDICATORS)
    assert not fetched & JUSTICE_NOT_FOUND
    assert fetched >= JUSTICE_IDS
    assert set(rows.index[rows["id_status"] != ID_NOT_FOUND]) >= fetched
    for indicator_id in fetched:
        assert {fingertips_key(indicator_id, "lad"), fingertips_key(indicator_id, "utla")} <= set(BY_KEY)


def test_register_problems_are_reported_by_row_and_column(tmp_path):
    frame = pd.read_csv(BUNDLED / "indicators.csv", dtype=str, keep_default_na=False)
    frame.loc[1, "polarity"] = "RAG - Low is good"  # Fingertips wording is not a register code
    frame.loc[2, "indicator_id"] = "92443"  # repeated id
    frame.loc[5, "id_status"] = "probably"  # not an id status code
    frame.to_csv(tmp_path / "indicators.csv", index=False)
    with pytest.raises(DataFileMalformedError) as caught:
        read_indicator_register(tmp_path / "indicators.csv")
    found = {(p.row, p.column) for p in caught.value.problems}
    assert (3, "polarity") in found and (4, "indicator_id") in found and (7, "id_status") in found


def test_missing_register_names_the_file(tmp_path):
    with pytest.raises(DataFileMissingError, match="indicators.csv"):
        read_indicator_register(tmp_path / "indicators.csv")


# --- IMD 2025 -----------------------------------------------------------------------------------------

IMD_HEADER = ("area_code,area_name,area_type,deprivation_data_year,index_domain,average_rank,rank_average_rank,"
              "average_score,rank_average_score,proportion_bottom_decile,rank_proportion_bottom_decile\n")


def write_imd(path, lines):
    path.write_text(IMD_HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_imd_keeps_only_the_imd_average_score(tmp_path, indicator_register):
    path = write_imd(tmp_path / "imd.csv", [
        "E06000001,Hartlepool,Local Authority District (2024),2025,Index of Multiple Deprivation,23075.98,30,37.58,6,"
        "0.4211,3",
        "E06000001,Hartlepool,Local Authority District (2024),2025,Income Deprivation,22621.74,32,0.357,18,0.4035,3",
        "E06000002,Middlesbrough,Local Authority District (2024),2025,Index of Multiple Deprivation,1,1,NA,1,0.5,1",
    ])
    imd = read_imd_lad_summaries(path, indicator_register)
    assert list(imd.columns) == CANONICAL_COLUMNS and len(imd) == 2
    row = imd.set_index("area_code").loc["E06000001"]
    assert (row["indicator_id"], row["value"], row["unit"], row["period"], row["area_type"]) == (
        "imd2025_score", 37.58, "score", "2025", "lad")
    assert row["source_id"] == "mhclg_iod2025" and row["cohort"] == "general_population"
    assert math.isnan(imd.set_index("area_code").loc["E06000002", "value"])  # NA -> missing


def test_imd_with_an_unknown_geography_is_reported(tmp_path, indicator_register):
    path = write_imd(tmp_path / "imd.csv", [
        "E10000006,Cumbria,County (2019),2025,Index of Multiple Deprivation,1,1,20.0,1,0.1,1"])
    with pytest.raises(DataFileMalformedError) as caught:
        read_imd_lad_summaries(path, indicator_register)
    problem = caught.value.problems[0]
    assert (problem.row, problem.column) == (2, "area_type")


def test_imd_year_not_in_the_register_is_reported(tmp_path, indicator_register):
    path = write_imd(tmp_path / "imd.csv", [
        "E06000001,Hartlepool,Local Authority District (2024),2019,Index of Multiple Deprivation,1,1,35.0,1,0.1,1"])
    with pytest.raises(DataFileMalformedError, match="imd2019_score"):
        read_imd_lad_summaries(path, indicator_register)


# --- homelessness ---------------------------------------------------------------------------------------

HOMELESS_HEADER = ('"ltla23_code","Households assessed as homeless per (000s)",'
                   '"Households in temporary accommodation per 1,000"\n')


def test_homelessness_gives_two_rows_per_council_and_keeps_na_missing(tmp_path, indicator_register):
    path = tmp_path / "homelessness.csv"
    path.write_text(HOMELESS_HEADER + '"E07000223",1.15239558597569,4.71434557899148\n"E07000032",NA,NA\n'
                    '"E07000071",NA,3.45379798269516\n', encoding="utf-8")
    rows = read_homelessness(path, indicator_register, area_names={"E07000223": "Adur"})
    assert list(rows.columns) == CANONICAL_COLUMNS and len(rows) == 6
    table = rows.set_index(["area_code", "indicator_id"])
    assert table.loc[("E07000223", "homeless_households_per_1000"), "value"] == pytest.approx(1.15239558597569)
    assert table.loc[("E07000223", "temporary_accommodation_per_1000"), "value"] == pytest.approx(4.71434557899148)
    assert math.isnan(table.loc[("E07000032", "homeless_households_per_1000"), "value"])
    assert table.loc[("E07000071", "temporary_accommodation_per_1000"), "value"] == pytest.approx(3.45379798269516)
    assert table.loc[("E07000223", "homeless_households_per_1000"), "area_name"] == "Adur"
    assert table.loc[("E07000032", "homeless_households_per_1000"), "area_name"] == "E07000032"  # no name given
    assert set(rows["period"]) == {HOMELESSNESS_PERIOD} and set(rows["unit"]) == {"per 1,000"}


def test_homelessness_bad_number_is_reported_on_its_row(tmp_path, indicator_register):
    path = tmp_path / "homelessness.csv"
    path.write_text(HOMELESS_HEADER + '"E07000223",1.1,4.7\n"E07000032",n/a,2\n', encoding="utf-8")
    with pytest.raises(DataFileMalformedError) as caught:
        read_homelessness(path, indicator_register)
    problem = caught.value.problems[0]
    assert (problem.row, problem.column) == (3, "Households assessed as homeless per (000s)")
