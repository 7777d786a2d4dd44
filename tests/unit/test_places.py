"""Keeping the place when the level changes (analysis.places.place_at) and the place in words (present.places),
on the real codes of the small lookups in test_area_groups."""

import pandas as pd

from analysis.places import place_at, places
from present.places import place_sentence
from tests.unit.test_area_groups import FORCES, LOOKUP

WHERE = places(LOOKUP, FORCES)


def test_going_up_a_level_has_one_answer():
    assert place_at(WHERE, "E07000220", "utla") == "E10000031"  # Rugby -> Warwickshire (county)
    assert place_at(WHERE, "E07000220", "pfa") == "E23000017"  # Rugby -> Warwickshire police force area
    assert place_at(WHERE, "E10000031", "pfa") == "E23000017"
    assert place_at(WHERE, "E06000063", "utla") == "E06000063"  # a unitary is its own upper-tier area


def test_going_down_keeps_the_area_last_chosen_there_else_the_first_by_name():
    # Warwickshire's districts by name: North Warwickshire, Nuneaton and Bedworth, Rugby, ...
    assert place_at(WHERE, "E10000031", "lad") == "E07000218"
    assert place_at(WHERE, "E10000031", "lad", {"lad": "E07000220"}) == "E07000220"
    # A remembered district of another county is not used: the first of this one is.
    assert place_at(WHERE, "E23000008", "lad", {"lad": "E07000220"}) == "E06000047"  # County Durham < Darlington
    assert place_at(WHERE, "E23000002", "utla", {"utla": "E06000064"}) == "E06000064"


def test_an_unknown_place_or_level_gives_none():
    assert place_at(WHERE, "E10000016", "lad") == ""  # Kent is not in this small lookup
    assert place_at(WHERE, "E07000220", "region") == ""
    assert place_at(WHERE, "", "lad") == ""


def test_a_district_split_between_partnerships_names_each():
    # Cumberland's CSPs are its three former districts (lookup rows 1 to 3 of the force).
    assert place_sentence(WHERE, "E06000063", "lad") == (
        "Cumberland is in Cumbria police force area. Cumberland is split between 3 community safety partnerships, "
        "which still follow the districts it replaced: Allerdale, Carlisle, Copeland.")


def test_a_partnership_shared_by_two_districts_says_so():
    shared = pd.concat([FORCES, pd.DataFrame([{"lad_code": "E07000219", "lad_name": "Nuneaton and Bedworth",
                                               "csp_code": "E22000321", "csp_name": "Rugby",
                                               "pfa_code": "E23000017", "pfa_name": "Warwickshire"}])])
    where = places(LOOKUP, shared.drop_duplicates("lad_code", keep="last"))
    assert place_sentence(where, "E07000220", "lad") == (
        "Rugby is in Warwickshire (county) and Warwickshire police force area. Community safety partnership: Rugby "
        "(E22000321), which it shares with 1 other district.")


def test_a_county_and_a_force_list_their_districts():
    assert place_sentence(WHERE, "E10000031", "utla") == (
        "Warwickshire (county) has 5 districts: North Warwickshire, Nuneaton and Bedworth, Rugby, Stratford-on-Avon, "
        "Warwick. It lies in Warwickshire police force area.")
    assert place_sentence(WHERE, "E23000002", "pfa") == (
        "Cumbria police force area: 2 districts (Cumberland, Westmorland and Furness) and 6 community safety "
        "partnerships.")


def test_without_the_force_lookup_the_tree_still_works():
    where = places(LOOKUP, None)
    assert not where.has_forces
    assert place_at(where, "E07000220", "utla") == "E10000031"
    assert place_at(where, "E07000220", "pfa") == ""
