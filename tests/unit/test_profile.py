"""Area profile: latest period with a value, rank in region, spread of areas, spine positions worked by hand."""

import numpy as np
import pandas as pd

from analysis.profile import area_profile, spine_positions
from charts.spine import end_words

REGISTER = pd.DataFrame({"indicator_id": ["a", "b"], "indicator": ["Ind A", "Ind B"], "short_name": ["A", "B"],
                         "unit": ["%", "score"], "polarity": ["low_is_good", "no_judgement"]})


def frame():
    rows = []
    for period, vals in (("2023", [5.0, 15.0, 20.0, 8.0]), ("2024", [np.nan, 12.0, 18.0, 6.0])):
        for code, region, value in zip(["X1", "X2", "X3", "X4"], ["R1", "R1", "R1", "R2"], vals, strict=True):
            rows.append({"level": "utla", "area_code": code, "area_name": code, "region_code": region,
                         "region_name": region, "indicator_id": "a", "period": period, "value": value,
                         "ci_low": np.nan, "ci_high": np.nan, "comparison": "Not compared",
                         "comparison_label": "Not compared", "comparison_colour": None, "england_value": 10.0,
                         "note": None, "source_file": "f.csv"})
    return pd.DataFrame(rows)


def test_latest_period_with_a_value_and_rank_in_region():
    profile = area_profile(frame(), pd.DataFrame(columns=["region_code", "indicator_id", "period", "value"]),
                           REGISTER, "X1", "utla")
    row = profile.iloc[0]
    assert row["period"] == "2023"  # X1 has no 2024 value
    assert row["value"] == 5.0
    assert (row["region_rank"], row["region_areas"]) == (3, 3)  # 20 and 15 are higher in R1
    assert (row["lowest"], row["highest"], row["areas_with_value"]) == (5.0, 20.0, 4)
    latest = area_profile(frame(), pd.DataFrame(columns=["region_code", "indicator_id", "period", "value"]),
                          REGISTER, "X3", "utla").iloc[0]
    assert (latest["period"], latest["region_rank"], latest["region_areas"]) == ("2024", 1, 2)


def test_spine_positions():
    profile = pd.DataFrame({"indicator_id": ["a", "b"], "short_name": ["A", "B"], "polarity": ["low_is_good",
                                                                                              "no_judgement"],
                            "value": [15.0, 15.0], "england_value": [10.0, 10.0], "lowest": [5.0, 5.0],
                            "q25": [8.0, 8.0], "q75": [12.0, 12.0], "highest": [20.0, 20.0]})
    positions = spine_positions(profile).set_index("indicator_id")
    # reach = max(10 - 5, 20 - 10) = 10; 15 lies 5 / (2 x 10) = 0.25 right of the centre.
    assert positions.at["b", "area"] == 0.75
    assert (positions.at["b", "lowest"], positions.at["b", "highest"]) == (0.25, 1.0)
    assert (positions.at["b", "q25"], positions.at["b", "q75"]) == (0.4, 0.6)
    # Low is good: flipped, so the worse (higher) values lie left of England.
    assert positions.at["a", "area"] == 0.25
    assert (positions.at["a", "lowest"], positions.at["a", "highest"]) == (0.0, 0.75)


def test_the_spine_chart_names_each_lines_ends_by_its_polarity():
    # Smoking (low is good) is flipped: higher, worse values on the left. Depression (QOF) has no judgement: its
    # higher values sit on the right under "Higher", never under "Better".
    profile = pd.DataFrame({"indicator_id": ["92443", "848"], "short_name": ["Smoking", "Depression"],
                            "polarity": ["low_is_good", "no_judgement"], "value": [15.0, 15.0],
                            "england_value": [10.0, 10.0], "lowest": [5.0, 5.0], "q25": [8.0, 8.0],
                            "q75": [12.0, 12.0], "highest": [20.0, 20.0]})
    positions = spine_positions(profile).set_index("indicator_id")
    assert end_words(positions.at["92443", "flipped"], positions.at["92443", "judged"]) == (
        "Worse (higher)", "Better (lower)")
    assert end_words(positions.at["848", "flipped"], positions.at["848", "judged"]) == ("Lower", "Higher")
    assert end_words(False, True) == ("Worse (lower)", "Better (higher)")  # high is good
