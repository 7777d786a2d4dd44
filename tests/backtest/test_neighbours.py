"""Back-test of ONS's statistical neighbour lists (../shared/data/similar_areas, the 2026 update) and of what the
Area profile and the board pack make of them for Barnsley and Kent.

Expected values were read by hand from the files:
* ons_global_neighbours_2026.csv, row E10000016 (Kent): ranks 1-3 are E10000020 Norfolk, E10000013
  Gloucestershire, E06000059 Dorset; every one of its first 10 is English.
* The same file, row E08000038 (Barnsley's 2025 code): ranks 1-5 E08000036 Wakefield, E08000037 Gateshead,
  E08000018 Rotherham, E08000024 Sunderland, E08000027 Dudley; rank 6 W06000020 (Wales) is left out, so the
  6th English neighbour is E08000013 St Helens (ONS rank 7); the 10th is E06000010 Hull (ONS rank 13).
* indicators/fingertips_92443_smoking_prevalence_aps_ltla.csv, period 2024: Barnsley 12.5; its 10 neighbours
  11.5, 8.3, 13.5, 9.4, 11.7, 11.7, 11.4, 14.1, 19.1, 18.4 -> sum 129.1, mean 12.91, range 8.3 to 19.1; four are
  above 12.5 (13.5, 14.1, 19.1, 18.4), so Barnsley ranks 5th of 11.
"""

from __future__ import annotations

import statistics
from datetime import date

import pandas as pd
import pytest

from analysis.neighbours import against_neighbours, neighbours_of, on_app_codes, overlap
from analysis.profile import area_profile
from core import paths
from loaders.lookups import read_code_changes
from loaders.similar_areas import read_neighbour_lists
from reports.model import LoadedData, PackRequest
from reports.parts.neighbours import neighbours_part
from ui.cache import read_local_indicators

BARNSLEY, KENT = "E08000016", "E10000016"


@pytest.fixture(scope="module")
def lists(shared_data):
    return on_app_codes(read_neighbour_lists(shared_data), read_code_changes(shared_data))


def test_the_three_lists_cover_397_areas_with_20_ranked_neighbours(shared_data):
    rows = read_neighbour_lists(shared_data)
    per_area = rows.groupby(["model", "area_code"]).size()
    assert rows.groupby("model")["area_code"].nunique().to_dict() == {"global": 397, "economic": 397,
                                                                       "demographic": 397}
    # 15 combined authorities (E47) have 5 neighbours; every other area has 20 (397 x 20 - 15 x 15 = 7,715)
    assert rows.groupby("model").size().to_dict() == dict.fromkeys(("global", "economic", "demographic"), 7715)
    assert set(per_area[per_area.index.get_level_values(1).str.startswith("E47")]) == {5}


def test_kents_first_neighbours_in_onss_order(lists):
    found = neighbours_of(lists, KENT, "global")
    assert found.codes[:3] == ("E10000020", "E10000013", "E06000059") and found.ons_ranks == tuple(range(1, 11))
    assert found.outside_england == ()


def test_barnsley_is_read_from_its_2025_code_and_wales_is_left_out(lists):
    found = neighbours_of(lists, BARNSLEY, "global")
    assert lists.list_codes[BARNSLEY] == "E08000038"
    assert found.codes[:6] == ("E08000036", "E08000037", "E08000018", "E08000024", "E08000027", "E08000013")
    assert found.ons_ranks[5] == 7 and found.ons_ranks[-1] == 13 and found.codes[-1] == "E06000010"
    assert (6, "W06000020") in found.outside_england


def test_the_lists_share_two_to_five_of_ten_english_neighbours_on_average(lists):
    # SOURCES.md: the global and demographic lists share on average 2.2 of their first 10 English neighbours,
    # the global and economic lists 4.6 (English areas; combined authorities left out here)
    areas = sorted({code for code in lists.rows["area_code"] if code.startswith("E") and not code.startswith("E47")})
    shared = [overlap(lists, area).set_index(["model", "other_model"])["shared"] for area in areas]
    assert statistics.mean(int(s[("global", "economic")]) for s in shared) == pytest.approx(4.6, abs=0.05)
    assert statistics.mean(int(s[("global", "demographic")]) for s in shared) == pytest.approx(2.2, abs=0.1)


@pytest.fixture(scope="module")
def local(open_data):
    return read_local_indicators(open_data, paths.bundled_data_dir() / paths.REGISTER_FILE)


def smoking_against(local, lists, area: str):
    profile = area_profile(local.values, local.regions, local.register, area, "utla")
    found = neighbours_of(lists, area, "global")
    return against_neighbours(local.values, profile, found, "utla").set_index("indicator_id").loc["92443"]


def test_barnsleys_smoking_against_its_neighbours(lists, local):
    smoking = smoking_against(local, lists, BARNSLEY)
    assert smoking["period"] == "2024" and smoking["value"] == 12.5
    assert smoking["neighbours_mean"] == pytest.approx(129.1 / 10)
    assert (smoking["neighbours_lowest"], smoking["neighbours_highest"]) == (8.3, 19.1)
    assert (smoking["neighbours_with_value"], smoking["rank_among"], smoking["ranked"]) == (10, 5.0, 11)


def test_kents_smoking_neighbours_are_the_two_unitaries_with_a_value(lists, local):
    # The smoking file is for districts and unitaries only, so Kent and its 8 county neighbours have no 2024
    # value; Dorset (9.9) and Somerset (11.3) do: mean (9.9 + 11.3) / 2 = 10.6, and Kent is not ranked.
    smoking = smoking_against(local, lists, KENT)
    assert (smoking["neighbours_with_value"], smoking["neighbours_listed"]) == (2, 10)
    assert smoking["neighbours_mean"] == pytest.approx(10.6)
    assert (smoking["neighbours_lowest"], smoking["neighbours_highest"]) == (9.9, 11.3)
    assert smoking["ranked"] == 0


def test_the_board_packs_neighbour_tables_for_barnsley(lists, local):
    request = PackRequest(title="t", made_on=date(2026, 12, 1), threshold=5, threshold_set_by="default",
                          area_code=BARNSLEY, level="utla")
    part = neighbours_part(request, LoadedData(pd.DataFrame(), pd.DataFrame(), local=local, neighbours=lists),
                           "Barnsley")
    neighbours, comparison = part.tables
    assert neighbours.frame["Area"].tolist()[:3] == ["Wakefield", "Gateshead", "Rotherham"]
    smoking = comparison.frame.set_index("Indicator").loc["Adult smoking (APS)"]
    assert smoking["Neighbours' average (mean, unweighted)"] == pytest.approx(12.91)  # 129.1 / 10
    assert comparison.display.set_index("Indicator").loc["Adult smoking (APS)", "Neighbours' range"] == (
        "8.3% to 19.1%")
