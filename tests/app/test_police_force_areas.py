"""AppTest: the police force area level on the Map, the Area profile and Local need, a county's districts where the
county has no value, and the place kept when the level changes. On the imported ../shared/data folder: the expected
figures are read off its files by hand (noted beside each), never from the app's own output."""

import pandas as pd
import pytest

from tests.support.apptest import markdown_text, open_page
from tests.support.open_data import SHARED_DATA
from ui import keys

KENT_FORCE, KENT, MEDWAY = "E23000032", "E10000016", "E06000035"
ASHFORD, SWALE = "E07000105", "E07000113"
ENGLISH_FORCES = 39  # E23000001-E23000039 in lookups/lookup_lad24_csp24_pfa24_ew.csv


def captions(at) -> str:
    return "\n".join(caption.value for caption in at.caption)


def test_the_map_offers_englands_39_forces_and_says_why_kent_has_no_value(app_with_open_data):
    at = open_page(app_with_open_data, "pages/map.py", level="pfa", area=KENT_FORCE)
    assert len(at.selectbox(key=keys.AREA.key).options) == ENGLISH_FORCES + 1  # and "None chosen"
    assert at.radio(key=keys.MAP_VIEW.key).options == ["Map"]  # no hex layout of the forces
    # No force has a value (the folder's district files have no counts), and the page says why the map is white.
    assert ("No area has a value at this level (police force areas), so the map is white: they are computed from "
            "their districts' counts and denominators, which this file does not have, and a rate is never "
            "averaged.") in [info.value for info in at.info]
    text = markdown_text(at)
    assert "**Kent**: no value." in text
    # The smoking extract has no counts, so the force is not computed, and its 13 districts' own 2024 figures are
    # listed instead (extract rows: Medway 11.2, Ashford 7, Swale 14.9).
    assert ("No value: the file has no counts and denominators for Medway, Ashford, Canterbury, Dartford, Dover, "
            "Gravesham and 7 more, and rates are never averaged.") in captions(at)
    assert "**Its 13 districts** (their own figures, 2024" in text
    for line in ("- Medway: 11.2%", "- Ashford: 7.0%", "- Swale: 14.9%"):
        assert line in text
    assert "Kent police force area: 13 districts" in captions(at)
    assert "database right 2020" in captions(at)  # the force boundaries' vintage


def test_the_area_profile_of_a_force_says_each_indicator_cannot_be_added_up_and_shows_its_districts(
        app_with_open_data):
    at = open_page(app_with_open_data, "pages/area_profile.py", level="pfa", area=KENT_FORCE)
    profile, districts = at.dataframe[0].value, at.dataframe[1].value
    assert (profile["Kent"] == "no value").all()
    imd = profile[profile["Indicator"] == "IMD 2025 score"].iloc[0]
    assert imd["Note"].startswith("No value: figures in score are not a count over a denominator")
    others = profile[profile["Indicator"] != "IMD 2025 score"]
    assert others["Note"].str.endswith("and rates are never averaged.").all()
    assert [subheader.value for subheader in at.subheader][0] == "Kent's districts"
    # 13 districts (Medway and Kent's 12) x the 5 indicators of the folder.
    assert districts["Code"].nunique() == 13 and len(districts) == 13 * len(profile)
    ashford = districts[(districts["Code"] == ASHFORD) & (districts["Indicator"] == "Adult smoking (APS)")]
    assert ashford[["Period", "Value"]].values.tolist() == [["2024", "7.0%"]]


def test_local_need_for_a_force_uses_the_sum_of_its_districts_adults(app_with_open_data):
    at = open_page(app_with_open_data, "pages/local_need.py", level="pfa", area=KENT_FORCE)
    population = pd.read_csv(SHARED_DATA / "population" / "population_census2021_by_age_england_lad24_utla23.csv")
    forces = pd.read_csv(SHARED_DATA / "lookups" / "lookup_lad24_csp24_pfa24_ew.csv")
    districts = set(forces.loc[forces["pfa24_code"] == KENT_FORCE, "ltla24_code"])
    adult_bands = [f"age_{start}_{start + 4}" for start in range(20, 85, 5)] + ["age_85_plus"]
    rows = population[(population["geography"] == "LAD (2024 codes)") & population["area_code"].isin(districts)]
    # 13 district rows: Medway 209,885 + Ashford 100,958 + ... + Tunbridge Wells 87,406 = 1,416,888 adults 20+.
    assert len(rows) == 13 and int(rows[adult_bands].to_numpy().sum()) == 1_416_888
    figures = at.dataframe[0].value
    kent = figures[figures["Figure"] == "Kent: adults aged 20 and over"].iloc[0]
    assert kent["Value"] == 1_416_888
    assert kent["Note"].startswith("The sum of the force's districts (Census 2021 local authorities")
    # 244,209 on probation x (56,489,800 / 59,597,300) x 1,416,888 / 43,432,165 = 7,551.4: "about 7,600".
    assert "**Population-share estimate: about 7,600**" in markdown_text(at)
    assert "Kent, with 3.26% of England's adults aged 20 and over" in markdown_text(at)


def test_a_county_without_a_value_shows_its_districts_on_the_profile_and_the_map(app_with_open_data):
    at = open_page(app_with_open_data, "pages/area_profile.py", area=KENT)
    districts = at.dataframe[1].value
    assert districts["Code"].nunique() == 12 and MEDWAY not in set(districts["Code"])  # Medway is a unitary
    assert "Kent's districts' own figures are under it." in "\n".join(info.value for info in at.info)
    at.switch_page("pages/map.py").run()
    assert "**Its 12 districts** (their own figures, 2024" in markdown_text(at)
    assert "Kent (county) has 12 districts: Ashford, Canterbury" in captions(at)


@pytest.mark.parametrize(("start", "steps"), [
    (KENT, [("lad", ASHFORD), ("pfa", KENT_FORCE), ("lad", ASHFORD), ("utla", KENT)]),
    (SWALE, [("pfa", KENT_FORCE), ("lad", SWALE), ("utla", KENT), ("lad", SWALE), ("pfa", KENT_FORCE),
             ("utla", KENT)]),
], ids=["county", "district"])
def test_changing_the_level_keeps_the_place(app_with_open_data, start, steps):
    # Kent's districts by name start with Ashford; Swale lies in Kent (county) and in Kent's police force area.
    level = "utla" if start == KENT else "lad"
    at = open_page(app_with_open_data, "pages/map.py", level=level, area=start)
    assert at.selectbox(key=keys.AREA.key).value == start
    for level, expected in steps:
        at.radio(key=keys.LEVEL.key).set_value(level).run()
        assert not at.exception, [e.message for e in at.exception]
        assert (level, at.selectbox(key=keys.AREA.key).value) == (level, expected)
        assert at.query_params["area"] in (expected, [expected])
