"""Back-test of the police force area level on the imported ../shared/data folder: England's 39 forces, each made
of whole districts, none given a value from the folder's rates (its district files have no counts), and the
Census adults of a force equal to its county and unitary authorities' (read off the population file by hand)."""

import pandas as pd
import pytest

from analysis.area_groups import force_groups, group_population
from loaders.lookups import read_csp_pfa_lookup, read_lad_lookup
from loaders.population import read_population
from tests.conftest import BUNDLED
from ui.cache import read_local_indicators


@pytest.fixture(scope="module")
def local(open_data):
    return read_local_indicators(open_data, BUNDLED / "indicators.csv")


def test_every_indicator_is_laid_on_englands_39_forces_and_none_is_averaged(local):
    forces = local.values[local.values["level"] == "pfa"]
    smoking = forces[(forces["indicator_id"] == "92443") & (forces["period"] == "2024")]
    assert sorted(smoking["area_code"]) == [f"E230000{n:02d}" for n in range(1, 40)]
    assert forces["value"].isna().all()  # the extracts and MHCLG tables carry rates and scores, no counts
    kent = smoking.set_index("area_code").loc["E23000032"]
    assert kent["note"].endswith("and rates are never averaged.") and kent["region_name"] == "South East"
    # Cumbria's 2024 smoking figures are for the districts Cumberland and Westmorland and Furness replaced.
    assert smoking.set_index("area_code").at["E23000002", "note"].startswith("No value: 2 of its 2 districts")


def test_a_forces_adults_are_its_counties_and_unitaries_adults(open_data):
    population = read_population(open_data / "population" / "population_census2021_by_age_england_lad24_utla23.csv")
    groups = force_groups(read_lad_lookup(open_data), read_csp_pfa_lookup(open_data))
    assert len(groups.members["E23000032"]) == 13 and len(groups.members) == 39
    forces = group_population(population, groups)
    adults = forces[(forces["band"] == "five-year") & (forces["age_from"] >= 20)]
    kent = int(adults.loc[adults["area_code"] == "E23000032", "population"].sum())
    # Population file, adults 20+ (age_20_24 ... age_85_plus): Kent county (UTLA row) 1,207,003 + Medway 209,885.
    assert kent == 1_207_003 + 209_885 == 1_416_888
    england = int(adults["population"].sum())
    assert england == int(pd.read_csv(open_data / "population" /
                                      "population_census2021_by_age_england_lad24_utla23.csv").query(
        "geography == 'Country'")[[f"age_{a}_{a + 4}" for a in range(20, 85, 5)] + ["age_85_plus"]].sum().sum())
