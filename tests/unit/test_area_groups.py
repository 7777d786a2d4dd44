"""Police force areas and counties computed from their districts' counts (analysis.area_groups, laid on the areas
by analysis.local_indicators), and Byar's interval (analysis.rates). Real codes copied from the ONS lookups
(../shared/data/lookups), made-up counts; every expected value is worked out by hand in the comments."""

import math

import pandas as pd
import pytest

from analysis.area_groups import (
    GroupStatus,
    count_method,
    county_groups,
    force_groups,
    from_districts,
    group_population,
)
from analysis.local_indicators import lay_on_areas
from analysis.rates import byar_interval, rate_interval
from core.local_feed import LocalFeed
from loaders.indicators import read_indicator_register
from tests.conftest import BUNDLED

LOOKUP_COLUMNS = ["lad_code", "lad_name", "lad_type", "utla_code", "utla_name", "utla_type", "region_code",
                  "region_name", "lad_code_2025"]
NE, NW, WM = ("E12000001", "North East"), ("E12000002", "North West"), ("E12000005", "West Midlands")
UA, DISTRICT = "Unitary authority", "Non-metropolitan district"
WARWICKSHIRE = [("E07000218", "North Warwickshire"), ("E07000219", "Nuneaton and Bedworth"), ("E07000220", "Rugby"),
                ("E07000221", "Stratford-on-Avon"), ("E07000222", "Warwick")]
# lookup_lad24_utla23_rgn23_england.csv rows for the Durham and Cumbria forces' unitaries and Warwickshire.
LOOKUP = pd.DataFrame(
    [(code, name, UA, code, name, UA, *region, code) for code, name, region in (
        ("E06000005", "Darlington", NE), ("E06000047", "County Durham", NE), ("E06000063", "Cumberland", NW),
        ("E06000064", "Westmorland and Furness", NW))]
    + [(code, name, DISTRICT, "E10000031", "Warwickshire", "County", *WM, code) for code, name in WARWICKSHIRE],
    columns=LOOKUP_COLUMNS)
# lookup_lad24_csp24_pfa24_ew.csv rows: Cumberland and Westmorland and Furness are each split between three CSPs
# (their former districts), so they appear three times; each must still be counted once.
FORCES = pd.DataFrame(
    [("E06000005", "Darlington", "E22000072", "Darlington", "E23000008", "Durham"),
     ("E06000047", "County Durham", "E22000365", "County Durham", "E23000008", "Durham"),
     *[("E06000063", "Cumberland", csp, name, "E23000002", "Cumbria")
       for csp, name in (("E22000031", "Allerdale"), ("E22000033", "Carlisle"), ("E22000034", "Copeland"))],
     *[("E06000064", "Westmorland and Furness", csp, name, "E23000002", "Cumbria")
       for csp, name in (("E22000032", "Barrow-in-Furness"), ("E22000035", "Eden"), ("E22000036", "South Lakeland"))],
     *[(code, name, f"E22000{319 + i}", name, "E23000017", "Warwickshire") for i, (code, name) in
       enumerate(WARWICKSHIRE)]],
    columns=["lad_code", "lad_name", "csp_code", "csp_name", "pfa_code", "pfa_name"])


def district_rows(counts: dict[str, tuple[float | None, float | None, float | None]], unit: str = "%",
                  period: str = "2024") -> pd.DataFrame:
    """One indicator's rows: code -> (numerator, denominator, value)."""
    return pd.DataFrame([{"area_code": code, "period": period, "numerator": n, "denominator": d, "value": v,
                          "indicator_id": "92443", "cohort": "general_population", "sex": "persons",
                          "age": "18+ yrs", "source_id": "fingertips", "unit": unit}
                         for code, (n, d, v) in counts.items()])


def by_code(frame: pd.DataFrame) -> dict[str, pd.Series]:
    return {row["area_code"]: row for _, row in frame.iterrows()}


def test_two_forces_are_the_sums_of_their_districts_counts_with_a_wilson_interval():
    rows = district_rows({"E06000005": (30, 200, 15.0), "E06000047": (90, 800, 11.25),
                          "E06000063": (25, 400, 6.25), "E06000064": (15, 300, 5.0)})
    forces = by_code(from_districts(rows, force_groups(LOOKUP, FORCES), "%"))
    durham, cumbria = forces["E23000008"], forces["E23000002"]
    # Durham = (30 + 90) / (200 + 800) = 120 / 1000 = 12.0%. Wilson, z = 1.959964, z^2 = 3.841459:
    # centre 2(120) + 3.841459 = 243.841459; spread z sqrt(3.841459 + 4(120)(1 - 0.12)) = z sqrt(426.241459)
    # = 40.464664; divisor 2(1000 + 3.841459) = 2007.682918: (243.841459 -/+ 40.464664) / 2007.682918
    # = 10.129926% to 14.160908%.
    assert (durham["numerator"], durham["denominator"], durham["value"]) == (120, 1000, pytest.approx(12.0))
    assert (durham["ci_low"], durham["ci_high"]) == (pytest.approx(10.129926, abs=1e-5), pytest.approx(14.160908,
                                                                                                       abs=1e-5))
    # Cumbria = (25 + 15) / (400 + 300) = 40 / 700 = 5.714286% (each unitary once, though the lookup lists each
    # three times). Wilson: (2(40) + 3.841459 -/+ z sqrt(3.841459 + 160(1 - 40/700))) / 2(703.841459)
    # = (83.841459 -/+ 24.377619) / 1407.682918 = 4.224235% to 7.687745%.
    assert (cumbria["numerator"], cumbria["denominator"]) == (40, 700)
    assert cumbria["value"] == pytest.approx(40 / 700 * 100)
    assert (cumbria["ci_low"], cumbria["ci_high"]) == (pytest.approx(4.224235, abs=1e-5),
                                                       pytest.approx(7.687745, abs=1e-5))
    assert cumbria["note"].startswith("Computed from districts: 40 ÷ 700")
    assert (cumbria["region_code"], cumbria["computed_from"]) == ("E12000002", "lad")


def test_a_crude_rate_uses_byars_interval():
    rows = district_rows({"E06000005": (12, 200_000, 6.0), "E06000047": (30, 500_000, 6.0)}, unit="per 100,000")
    durham = by_code(from_districts(rows, force_groups(LOOKUP, FORCES), "per 100,000"))["E23000008"]
    # 42 / 700,000 x 100,000 = 6.0. Byar, O = 42: L = 42 (1 - 1/378 - z / (3 sqrt 42))^3 = 42 (0.896545)^3
    # = 30.266717; U = 43 (1 - 1/387 + z / (3 sqrt 43))^3 = 43 (1.097047)^3 = 56.773239; per 100,000:
    # 30.266717 / 7 = 4.323817 and 56.773239 / 7 = 8.110463.
    assert durham["value"] == pytest.approx(6.0)
    assert (durham["ci_low"], durham["ci_high"]) == (pytest.approx(4.323817, abs=1e-5),
                                                     pytest.approx(8.110463, abs=1e-5))
    assert "Byar's interval" in durham["note"]


def test_no_force_value_without_every_district_or_without_counts():
    groups = force_groups(LOOKUP, FORCES)
    missing = by_code(from_districts(district_rows({"E06000005": (30, 200, 15.0)}), groups, "%"))
    assert math.isnan(missing["E23000008"]["value"])
    assert missing["E23000008"]["group_status"] == GroupStatus.MISSING_DISTRICTS
    assert missing["E23000008"]["note"] == ("No value: 1 of its 2 districts have no figure for this period "
                                            "(County Durham).")
    rates = district_rows({"E06000005": (None, None, 15.0), "E06000047": (None, None, 11.0)})
    no_counts = by_code(from_districts(rates, groups, "%"))["E23000008"]
    assert math.isnan(no_counts["value"])  # never the average of 15.0 and 11.0
    assert no_counts["note"] == ("No value: the file has no counts and denominators for Darlington, County Durham, "
                                 "and rates are never averaged.")
    scores = by_code(from_districts(district_rows({"E06000005": (None, None, 30.1), "E06000047": (None, None, 28.0)},
                                                  unit="score"), groups, "score"))["E23000008"]
    assert scores["group_status"] == GroupStatus.NOT_A_COUNT and math.isnan(scores["value"])
    assert "never averaged" in scores["note"]


def test_a_standardised_value_with_counts_is_not_summed():
    # Darlington's 17.0 is not 30 / 200 x 100 = 15.0 (an age-standardised figure), so nothing is added up.
    rows = district_rows({"E06000005": (30, 200, 17.0), "E06000047": (90, 800, 11.25)})
    durham = by_code(from_districts(rows, force_groups(LOOKUP, FORCES), "%"))["E23000008"]
    assert durham["group_status"] == GroupStatus.NOT_CRUDE and math.isnan(durham["value"])


def test_units_that_are_counts_over_denominators():
    assert count_method("%").multiplier == 100
    assert count_method("per 100,000").multiplier == 100_000
    assert count_method("per re-offender").kind == "ratio of counts"
    assert count_method("score") is None and count_method("ratio") is None


def test_byar_matches_phe_reference_values_and_is_exact_for_small_counts():
    # design/anchors.md §3.2 (PHE testdata_Byars_Wilson.xlsx): O = 65 95% (50.163188, 82.849139), O = 10 99.8%
    # (2.916318, 24.193725). Exact Poisson 95% limits of 1 event: 0.025318 and 5.571643 (Garwood's table);
    # of 0 events: 0 and -ln(0.025) = 3.688879.
    sixty_five = byar_interval(65)
    assert (sixty_five.low, sixty_five.high) == (pytest.approx(50.163188, abs=1e-5), pytest.approx(82.849139, abs=1e-5))
    ten = byar_interval(10, 0.998)
    assert (ten.low, ten.high) == (pytest.approx(2.916318, abs=1e-5), pytest.approx(24.193725, abs=1e-5))
    one, zero = byar_interval(1), byar_interval(0)
    assert (one.low, one.high) == (pytest.approx(0.025318, abs=1e-5), pytest.approx(5.571643, abs=1e-5))
    assert (zero.low, zero.high) == (0.0, pytest.approx(3.688879, abs=1e-5))
    # A rate: 65 events per 100,000 of 130,000 people: 50.163188 / 1.3 = 38.587068 to 82.849139 / 1.3 = 63.730107.
    rate = rate_interval(65, 130_000, 100_000)
    assert (rate.low, rate.high) == (pytest.approx(38.587068, abs=1e-5), pytest.approx(63.730107, abs=1e-5))


def feed_rows(counts: dict[str, tuple[int, int]], england: tuple[float, float, float]) -> pd.DataFrame:
    """Canonical district rows of smoking (92443) with counts, and England's row (value, ci_low, ci_high)."""
    rows = [{"area_code": code, "area_name": code, "area_type": "lad", "numerator": n, "denominator": d,
             "value": n / d * 100, "ci_low": None, "ci_high": None} for code, (n, d) in counts.items()]
    rows.append({"area_code": "E92000001", "area_name": "England", "area_type": "country", "numerator": None,
                 "denominator": None, "value": england[0], "ci_low": england[1], "ci_high": england[2]})
    frame = pd.DataFrame(rows).assign(indicator_id="92443", indicator="Smoking", domain="smoking",
                                      cohort="general_population", sex="persons", age="18+ yrs", period="2024",
                                      unit="%", ci_method=None, source_id="fingertips")
    return frame.astype({"numerator": float, "denominator": float, "ci_low": float, "ci_high": float})


def test_a_county_with_district_counts_only_is_computed_from_them_and_labelled():
    counts = dict(zip([code for code, _ in WARWICKSHIRE], [(21, 100), (24, 120), (16, 80), (19, 95), (20, 105)],
                      strict=True))
    feeds = {"92443": [LocalFeed(feed_rows(counts, (18.0, 17.9, 18.1)), "districts.csv", ("lad",))]}
    register = read_indicator_register(BUNDLED / "indicators.csv")
    empty_changes = pd.DataFrame(columns=["old_code", "old_name", "new_code", "new_name", "change_type"])
    local = lay_on_areas(feeds, register, LOOKUP, empty_changes, frozenset(LOOKUP["lad_code"]) | {"E10000031"},
                         FORCES)
    values = local.values
    county = values[(values["level"] == "utla") & (values["area_code"] == "E10000031")].iloc[0]
    # Warwickshire = (21 + 24 + 16 + 19 + 20) / (100 + 120 + 80 + 95 + 105) = 100 / 500 = 20.0%. Wilson 95%:
    # (2(100) + 3.841459 -/+ z sqrt(3.841459 + 400(0.8))) / 2(503.841459) = (203.841459 -/+ 35.270719) / 1007.682918
    # = 16.728550% to 23.728911%.
    assert county["value"] == pytest.approx(20.0)
    assert (county["ci_low"], county["ci_high"]) == (pytest.approx(16.728550, abs=1e-5),
                                                     pytest.approx(23.728911, abs=1e-5))
    assert county["note"].startswith("Computed from districts: 100 ÷ 500")
    assert county["comparison"] == "Similar"  # 16.73 <= 18.0 <= 23.73: the interval contains England
    assert county["computed_from"] == "lad"
    force = values[(values["level"] == "pfa") & (values["area_code"] == "E23000017")].iloc[0]
    assert force["value"] == pytest.approx(20.0) and force["area_name"] == "Warwickshire"
    # Durham's districts have no row in this file: the force has no value and says why.
    durham = values[(values["level"] == "pfa") & (values["area_code"] == "E23000008")].iloc[0]
    assert math.isnan(durham["value"]) and durham["note"].startswith("No value: 2 of its 2 districts")


def test_a_forces_population_is_the_sum_of_its_districts():
    population = pd.DataFrame([
        {"area_code": code, "area_name": code, "area_type": "lad", "utla_code": code, "region_code": "E12000001",
         "census_2021_ltla_codes": code, "age": "20-24", "age_from": 20, "age_to": 24, "band": "five-year",
         "population": people} for code, people in (("E06000005", 5_000), ("E06000047", 30_000))])
    forces = group_population(population, force_groups(LOOKUP, FORCES))
    # Durham: 5,000 + 30,000 = 35,000 aged 20-24; Cumbria's districts are not in this file, so it is left out.
    assert forces[["area_code", "area_type", "age", "population"]].values.tolist() == [
        ["E23000008", "pfa", "20-24", 35_000]]
    assert set(county_groups(LOOKUP).members) == {"E10000031"}
