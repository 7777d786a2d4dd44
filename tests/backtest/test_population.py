"""Back-test of the real Census 2021 population file in ../shared/data/population: the areas of each type,
England's total and Cumberland's."""

from loaders.population import read_population

SHARED_FILE = "population/population_census2021_by_age_england_lad24_utla23.csv"  # in ../shared/data


def test_the_shared_population_file_is_valid(shared_data):
    frame = read_population(shared_data / SHARED_FILE)
    totals = frame[frame["age"] == "all ages"]
    assert totals.groupby("area_type").size().to_dict() == {"country": 1, "lad": 296, "region": 9, "utla": 153}
    assert totals.set_index("area_code").loc["E92000001", "population"] == 56490052
    cumberland = totals[(totals["area_type"] == "lad") & (totals["area_code"] == "E06000063")].iloc[0]
    assert (cumberland["population"], cumberland["census_2021_ltla_codes"]) == (273255,
                                                                                "E07000026|E07000028|E07000029")
