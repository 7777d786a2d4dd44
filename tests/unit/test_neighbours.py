"""Statistical neighbours (analysis.neighbours, present.neighbours): England-only filtering in ONS's order, the
neighbours' range, unweighted mean and the area's rank, the overlap of the three lists, and recoded areas. Every
expected value is worked out by hand in the comments."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.neighbours import (
    LIST_COLUMNS,
    NeighbourStatus,
    against_neighbours,
    neighbour_values,
    neighbours_of,
    on_app_codes,
    overlap,
    summarise,
)
from present import neighbours as view_model

NO_CHANGES = pd.DataFrame(columns=["old_code", "old_name", "old_parent_code", "old_end_date", "new_code", "new_name",
                                   "new_start_date", "change_type", "change_detail", "source", "notes"])


def list_rows(model: str, area: str, codes: list[str]) -> list[dict]:
    return [{"model": model, "area_code": area, "rank": rank, "neighbour_code": code}
            for rank, code in enumerate(codes, start=1)]


def lists_of(*groups: list[dict], changes: pd.DataFrame = NO_CHANGES):
    return on_app_codes(pd.DataFrame([row for group in groups for row in group], columns=LIST_COLUMNS), changes)


# ONS ranks 1-6 for E06000001: Wales, England, Scotland, England, Northern Ireland, England.
MIXED = list_rows("global", "E06000001", ["W06000001", "E06000002", "S12000005", "E06000003", "N09000001",
                                          "E06000004"])


def test_england_only_keeps_onss_order_and_names_the_areas_passed_over():
    found = neighbours_of(lists_of(MIXED), "E06000001", "global", count=2)
    # English codes in rank order: E06000002 (rank 2), E06000003 (rank 4); the second is reached at rank 4, so
    # the areas outside England passed over are those ranked 1 and 3.
    assert found.status == NeighbourStatus.LISTED
    assert found.codes == ("E06000002", "E06000003") and found.ons_ranks == (2, 4)
    assert found.outside_england == ((1, "W06000001"), (3, "S12000005"))
    assert found.listed == 6


def test_fewer_english_neighbours_than_asked_for_are_all_kept():
    found = neighbours_of(lists_of(MIXED), "E06000001", "global", count=10)
    # 3 of the 6 are English (ranks 2, 4, 6); every non-English one (ranks 1, 3, 5) was passed over.
    assert found.codes == ("E06000002", "E06000003", "E06000004")
    assert [rank for rank, _ in found.outside_england] == [1, 3, 5]
    assert "Only 3 of the 6 are in England." in view_model.list_words(found, "Hartlepool")
    assert "N09000001 (Northern Ireland, ONS rank 5)" in view_model.list_words(found, "Hartlepool")


def test_the_uk_list_is_kept_whole_when_england_only_is_off():
    found = neighbours_of(lists_of(MIXED), "E06000001", "global", count=3, england_only=False)
    assert found.codes == ("W06000001", "E06000002", "S12000005") and found.outside_england == ()


def test_an_area_missing_from_the_list_or_with_no_english_neighbour_gets_a_reason():
    lists = lists_of(MIXED, list_rows("global", "E06000009", ["W06000002", "S12000006"]))
    missing = neighbours_of(lists, "E06000099", "global")
    assert missing.status == NeighbourStatus.NOT_LISTED and missing.codes == ()
    assert "is not on ONS's global list" in view_model.status_words(missing, "Nowhere")
    abroad = neighbours_of(lists, "E06000009", "global")
    assert abroad.status == NeighbourStatus.NONE_IN_ENGLAND and abroad.codes == ()
    assert "outside England" in view_model.status_words(abroad, "Blackpool")
    assert neighbours_of(lists, "E06000001", "economic").status == NeighbourStatus.NOT_LISTED  # no such list


def test_a_recoded_area_is_read_under_the_apps_code():
    changes = pd.DataFrame([{"old_code": "E08000016", "old_name": "Barnsley", "old_parent_code": "E12000003",
                             "old_end_date": "2025", "new_code": "E08000038", "new_name": "Barnsley",
                             "new_start_date": "2025", "change_type": "recode", "change_detail": None,
                             "source": None, "notes": None}])
    lists = lists_of(list_rows("global", "E08000038", ["E08000036", "E08000037"]),
                     list_rows("global", "E08000036", ["E08000038"]), changes=changes)
    # the 2025 code is mapped back to the April 2023 code, as the area and as a neighbour
    assert neighbours_of(lists, "E08000016", "global").codes == ("E08000036", "E08000037")
    assert neighbours_of(lists, "E08000036", "global").codes == ("E08000016",)
    assert lists.list_codes == {"E08000016": "E08000038"}
    assert "ONS's lists use E08000038 for Barnsley" in view_model.recode_words(lists, "E08000016", "Barnsley")
    assert view_model.recode_words(lists, "E08000036", "Wakefield") == ""


def test_range_unweighted_mean_and_rank_by_hand():
    summary = summarise(pd.Series([4.0, math.nan, 10.0, 7.0]), 8.0)
    # 3 of 4 neighbours have a value: lowest 4, highest 10, mean (4 + 10 + 7) / 3 = 7.0; one value (10) is above
    # 8, so the area ranks 1 + 1 = 2nd of the 4 areas ranked (itself and 3 neighbours).
    assert (summary.listed, summary.with_value) == (4, 3)
    assert (summary.lowest, summary.highest, summary.mean) == (4.0, 10.0, pytest.approx(7.0))
    assert (summary.rank, summary.ranked) == (2.0, 4)


def test_a_tie_takes_the_better_rank_and_no_area_value_is_not_ranked():
    tie = summarise(pd.Series([7.0, 9.0]), 7.0)
    assert (tie.rank, tie.ranked) == (2.0, 3)  # only 9 is above 7: 1 + 1 = 2nd of 3
    unranked = summarise(pd.Series([2.0, 6.0]), math.nan)
    assert unranked.mean == pytest.approx(4.0) and math.isnan(unranked.rank) and unranked.ranked == 0
    empty = summarise(pd.Series([math.nan, math.nan]), 5.0)
    assert empty.with_value == 0 and math.isnan(empty.mean) and math.isnan(empty.rank)


VALUES = pd.DataFrame([
    # level, area, indicator, period, value
    ("utla", "E10000001", "x", "2024", 5.0), ("utla", "E06000001", "x", "2024", 3.0),
    ("lad", "E06000001", "x", "2024", 3.0), ("lad", "E07000001", "x", "2024", 9.0),
    ("lad", "E07000001", "x", "2023", 99.0), ("utla", "E06000001", "y", "2024", 1.0),
], columns=["level", "area_code", "indicator_id", "period", "value"])


def test_a_neighbours_value_comes_from_the_level_it_is_an_area_of():
    found = neighbour_values(VALUES, ["E07000001", "E10000001", "E06000001", "E06000002"], "x", "2024", "utla")
    # the district E07000001 from district rows (9; not 2023's 99), the county from upper tier (5), the unitary
    # at the page's level (3), and an area with no row: no value
    assert found.iloc[:3].tolist() == [9.0, 5.0, 3.0] and math.isnan(found.iloc[3])
    assert list(found.index) == ["E07000001", "E10000001", "E06000001", "E06000002"]


def test_each_indicator_against_the_neighbours():
    lists = lists_of(list_rows("global", "E06000002", ["E07000001", "E10000001", "E06000001"]))
    found = neighbours_of(lists, "E06000002", "global")
    profile = pd.DataFrame({"indicator_id": ["x"], "period": ["2024"], "value": [6.0]})
    row = against_neighbours(VALUES, profile, found, "utla").iloc[0]
    # neighbours 9, 5, 3: mean 17 / 3 = 5.667; range 3 to 9; only 9 is above 6, so 2nd of 4
    assert row["neighbours_mean"] == pytest.approx(17 / 3)
    assert (row["neighbours_lowest"], row["neighbours_highest"]) == (3.0, 9.0)
    assert (row["neighbours_with_value"], row["rank_among"], row["ranked"]) == (3, 2.0, 4)
    table = view_model.comparison_table(
        against_neighbours(VALUES, profile, found, "utla"),
        profile.assign(short_name="Test", unit="%", england_value=4.0), "Area B")
    assert table.iloc[0].to_dict() == {
        "Indicator": "Test", "Period": "2024", "Area B": "6.0%", "Neighbours' average": "5.7%",
        "Neighbours' range": "3.0% to 9.0%", "Neighbours with a value": "3 of 3",
        "Rank among neighbours": "2 of 4 (1 = highest)", "England": "4.0%"}


def test_the_lists_overlap_for_the_area_by_hand():
    lists = lists_of(list_rows("global", "E06000001", ["E06000011", "E06000012", "E06000013", "E06000014"]),
                     list_rows("economic", "E06000001", ["E06000012", "E06000013", "E06000015", "E06000016"]),
                     list_rows("demographic", "E06000001", ["E06000017", "E06000018", "E06000011", "E06000019"]))
    shared = overlap(lists, "E06000001", count=3).set_index(["model", "other_model"])["shared"].to_dict()
    # first 3: global 11 12 13, economic 12 13 15, demographic 17 18 11 -> g&e {12, 13}, g&d {11}, e&d none
    assert shared == {("global", "economic"): 2, ("global", "demographic"): 1, ("economic", "demographic"): 0}
    words = view_model.overlap_words(overlap(lists, "E06000001", count=3), "Hartlepool")
    assert words == ("The lists differ by model: of the first 3 English neighbours of Hartlepool, the global and "
                     "economic lists share 2, the global and demographic lists share 1 and the economic and "
                     "demographic lists share 0.")


def test_the_map_key_says_which_neighbours_are_not_on_the_map():
    lists = lists_of(list_rows("global", "E06000002", ["E07000001", "E10000001", "E06000001"]))
    found = neighbours_of(lists, "E06000002", "global")
    key, note = view_model.outline_words(found, {"E10000001", "E06000001", "E06000002"},
                                         {"E06000002": "Area B", "E07000001": "District A"})
    assert key == "Dashed outline: 2 of Area B's 3 statistical neighbours (global list, England only)."
    assert note.startswith("Not areas at this level, so not outlined: District A")


def test_neighbours_without_a_value_are_counted_and_counties_explained():
    lists = lists_of(list_rows("global", "E06000002", ["E07000001", "E10000001", "E10000002"]))
    found = neighbours_of(lists, "E06000002", "global")
    profile = pd.DataFrame({"indicator_id": ["x", "y"], "period": ["2024", "2024"], "value": [6.0, 2.0]})
    against = against_neighbours(VALUES, profile, found, "utla")
    # x: E07000001 (9) and E10000001 (5) have values, E10000002 has none -> 2 of 3; y: no neighbour has one
    assert against["neighbours_with_value"].tolist() == [2, 0]
    words = view_model.missing_words(against, {"E10000001": "County C", "E10000002": "County E"}, found)
    assert words.startswith("For 2 of the 2 indicators some neighbours have no value")
    assert "2 of the neighbours are counties (County C, County E)" in words
    full = against.assign(neighbours_with_value=against["neighbours_listed"])
    assert view_model.missing_words(full, {}, found) == ""
