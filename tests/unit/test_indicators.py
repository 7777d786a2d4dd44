"""The indicator register (data/indicators.csv), IMD 2025 LAD summaries and MHCLG homelessness.

Tiny fixtures are written to tmp_path; the real files in shared/data/indicators are read when present.
The polarity tests check the register's claims against Fingertips' own comparison labels."""

import math

import pandas as pd
import pytest

from core.errors import DataFileMalformedError, DataFileMissingError
from core.vocabulary import POLARITIES
from loaders.fingertips import read_fingertips_extract
from loaders.indicators import (
    HOMELESSNESS_PERIOD,
    read_homelessness,
    read_imd_lad_summaries,
    read_indicator_register,
)
from loaders.schemas import CANONICAL_COLUMNS
from tests.conftest import BUNDLED
from tests.unit.test_fingertips import shared_indicator_file

APP_INDICATORS = {"92443", "848", "imd2025_score", "homeless_households_per_1000",
                  "temporary_accommodation_per_1000"}


@pytest.fixture(scope="module")
def register():
    return read_indicator_register(BUNDLED / "indicators.csv")


# --- the register --------------------------------------------------------------------------------------

def test_register_lists_every_indicator_the_app_uses_with_a_citation(register):
    assert set(register["indicator_id"]) == APP_INDICATORS
    assert register["polarity"].isin(POLARITIES).all()
    for column in ("indicator", "short_name", "domain", "unit", "publisher", "source_url", "licence", "period",
                   "geography", "definition", "caveat", "verified_from"):
        assert register[column].notna().all() and (register[column].str.len() > 0).all(), column


def test_register_polarity_and_units(register):
    rows = register.set_index("indicator_id")
    assert rows.loc["92443", ["unit", "polarity", "domain"]].tolist() == ["%", "low_is_good", "smoking"]
    assert rows.loc["848", ["unit", "polarity", "domain"]].tolist() == ["%", "no_judgement", "mental_health"]
    assert rows.loc["imd2025_score", "unit"] == "score"
    assert rows.loc["homeless_households_per_1000", "unit"] == "per 1,000"
    # a polarity inferred rather than read from Fingertips metadata says so
    assert "not read from the indicator's metadata" in rows.loc["92443", "notes"]


def test_register_problems_are_reported_by_row_and_column(tmp_path):
    frame = pd.read_csv(BUNDLED / "indicators.csv", dtype=str, keep_default_na=False)
    frame.loc[1, "polarity"] = "RAG - Low is good"  # Fingertips wording is not a register code
    frame.loc[2, "indicator_id"] = "92443"  # repeated id
    frame.to_csv(tmp_path / "indicators.csv", index=False)
    with pytest.raises(DataFileMalformedError) as caught:
        read_indicator_register(tmp_path / "indicators.csv")
    found = {(p.row, p.column) for p in caught.value.problems}
    assert (3, "polarity") in found and (4, "indicator_id") in found


def test_missing_register_names_the_file(tmp_path):
    with pytest.raises(DataFileMissingError, match="indicators.csv"):
        read_indicator_register(tmp_path / "indicators.csv")


# --- IMD 2025 -----------------------------------------------------------------------------------------

IMD_HEADER = ("area_code,area_name,area_type,deprivation_data_year,index_domain,average_rank,rank_average_rank,"
              "average_score,rank_average_score,proportion_bottom_decile,rank_proportion_bottom_decile\n")


def write_imd(path, lines):
    path.write_text(IMD_HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_imd_keeps_only_the_imd_average_score(tmp_path, register):
    path = write_imd(tmp_path / "imd.csv", [
        "E06000001,Hartlepool,Local Authority District (2024),2025,Index of Multiple Deprivation,23075.98,30,37.58,6,"
        "0.4211,3",
        "E06000001,Hartlepool,Local Authority District (2024),2025,Income Deprivation,22621.74,32,0.357,18,0.4035,3",
        "E06000002,Middlesbrough,Local Authority District (2024),2025,Index of Multiple Deprivation,1,1,NA,1,0.5,1",
    ])
    imd = read_imd_lad_summaries(path, register)
    assert list(imd.columns) == CANONICAL_COLUMNS and len(imd) == 2
    row = imd.set_index("area_code").loc["E06000001"]
    assert (row["indicator_id"], row["value"], row["unit"], row["period"], row["area_type"]) == (
        "imd2025_score", 37.58, "score", "2025", "lad")
    assert row["source_id"] == "mhclg_iod2025" and row["cohort"] == "general_population"
    assert math.isnan(imd.set_index("area_code").loc["E06000002", "value"])  # NA -> missing


def test_imd_with_an_unknown_geography_is_reported(tmp_path, register):
    path = write_imd(tmp_path / "imd.csv", [
        "E10000006,Cumbria,County (2019),2025,Index of Multiple Deprivation,1,1,20.0,1,0.1,1"])
    with pytest.raises(DataFileMalformedError) as caught:
        read_imd_lad_summaries(path, register)
    problem = caught.value.problems[0]
    assert (problem.row, problem.column) == (2, "area_type")


def test_imd_year_not_in_the_register_is_reported(tmp_path, register):
    path = write_imd(tmp_path / "imd.csv", [
        "E06000001,Hartlepool,Local Authority District (2024),2019,Index of Multiple Deprivation,1,1,35.0,1,0.1,1"])
    with pytest.raises(DataFileMalformedError, match="imd2019_score"):
        read_imd_lad_summaries(path, register)


def test_real_imd_file(register):
    imd = read_imd_lad_summaries(shared_indicator_file("imd2025_lad24_summaries_england.csv"), register)
    assert len(imd) == 296 and imd["area_code"].is_unique
    assert imd.set_index("area_code").loc["E06000001", "value"] == 37.58  # Hartlepool, as in the file
    assert imd["value"].notna().all() and imd["value"].between(5.9, 43.5).all()


# --- homelessness ---------------------------------------------------------------------------------------

HOMELESS_HEADER = ('"ltla23_code","Households assessed as homeless per (000s)",'
                   '"Households in temporary accommodation per 1,000"\n')


def test_homelessness_gives_two_rows_per_council_and_keeps_na_missing(tmp_path, register):
    path = tmp_path / "homelessness.csv"
    path.write_text(HOMELESS_HEADER + '"E07000223",1.15239558597569,4.71434557899148\n"E07000032",NA,NA\n'
                    '"E07000071",NA,3.45379798269516\n', encoding="utf-8")
    rows = read_homelessness(path, register, area_names={"E07000223": "Adur"})
    assert list(rows.columns) == CANONICAL_COLUMNS and len(rows) == 6
    table = rows.set_index(["area_code", "indicator_id"])
    assert table.loc[("E07000223", "homeless_households_per_1000"), "value"] == pytest.approx(1.15239558597569)
    assert table.loc[("E07000223", "temporary_accommodation_per_1000"), "value"] == pytest.approx(4.71434557899148)
    assert math.isnan(table.loc[("E07000032", "homeless_households_per_1000"), "value"])
    assert table.loc[("E07000071", "temporary_accommodation_per_1000"), "value"] == pytest.approx(3.45379798269516)
    assert table.loc[("E07000223", "homeless_households_per_1000"), "area_name"] == "Adur"
    assert table.loc[("E07000032", "homeless_households_per_1000"), "area_name"] == "E07000032"  # no name given
    assert set(rows["period"]) == {HOMELESSNESS_PERIOD} and set(rows["unit"]) == {"per 1,000"}


def test_homelessness_bad_number_is_reported_on_its_row(tmp_path, register):
    path = tmp_path / "homelessness.csv"
    path.write_text(HOMELESS_HEADER + '"E07000223",1.1,4.7\n"E07000032",n/a,2\n', encoding="utf-8")
    with pytest.raises(DataFileMalformedError) as caught:
        read_homelessness(path, register)
    problem = caught.value.problems[0]
    assert (problem.row, problem.column) == (3, "Households assessed as homeless per (000s)")


def test_real_homelessness_file(register):
    imd = read_imd_lad_summaries(shared_indicator_file("imd2025_lad24_summaries_england.csv"), register)
    names = dict(zip(imd["area_code"], imd["area_name"], strict=True))
    rows = read_homelessness(shared_indicator_file("homelessness_dluhc_2023q4_ltla23.csv"), register, names)
    assert len(rows) == 2 * 296
    missing = rows[rows["value"].isna()].groupby("indicator_id").size().to_dict()
    assert missing == {"homeless_households_per_1000": 8, "temporary_accommodation_per_1000": 12}
    assert set(rows["area_code"]) == set(imd["area_code"])  # LTLA 2023 codes = LAD24 codes
    assert (rows["area_name"] != rows["area_code"]).all()  # every code named from the IMD file
    assert not rows.duplicated(["area_code", "indicator_id", "period"]).any()


# --- polarity: the register's claims against Fingertips' own labels --------------------------------------

def _with_england(data):
    joined = data.joined()
    england = joined[joined["area_code"] == "E92000001"].set_index("period")["value"]
    return joined.assign(england=joined["period"].map(england))


def test_smoking_labels_show_low_is_good(register):
    """Fingertips labelled 92443 with RAG words, and 'Better' always means below England: low is good."""
    data = read_fingertips_extract(shared_indicator_file("fingertips_92443_smoking_prevalence_aps_ltla.csv"),
                                   register)
    rows = _with_england(data)
    better = rows[rows["compared_to_england"] == "Better"]
    worse = rows[rows["compared_to_england"] == "Worse"]
    assert len(better) == 685 and (better["value"] < better["england"]).all()
    assert len(worse) == 409 and (worse["value"] > worse["england"]).all()
    assert register.set_index("indicator_id").loc["92443", "polarity"] == "low_is_good"


def test_depression_labels_show_no_judgement_at_99_8(register):
    """Fingertips labelled 848 'Higher 99.8'/'Lower 99.8' (no better/worse): no judgement, compared at 99.8%."""
    data = read_fingertips_extract(shared_indicator_file("fingertips_848_depression_qof_prevalence_ltla.csv"),
                                   register)
    rows = _with_england(data)
    higher = rows[rows["compared_to_england"] == "Higher 99.8"]
    lower = rows[rows["compared_to_england"] == "Lower 99.8"]
    assert len(higher) == 1414 and (higher["value"] > higher["england"]).all()
    assert len(lower) == 1243 and (lower["value"] < lower["england"]).all()
    assert not rows["compared_to_england"].isin(["Better", "Worse"]).any()
    assert register.set_index("indicator_id").loc["848", "polarity"] == "no_judgement"
