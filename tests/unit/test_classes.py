"""Colour classes: quintile limits worked by hand, missing values, ties, and the comparison legend."""

import numpy as np
import pandas as pd

from analysis.classes import FEW_AREAS, NO_DATA, SEQUENTIAL, comparison_legend, has_classes, quantile_classes


def test_quintiles_of_one_to_ten():
    values = pd.Series([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, np.nan], dtype=float)
    labels, colours, legend = quantile_classes(values)
    # numpy linear quantiles of 1..10 at 0, .2, .4, .6, .8, 1: 1, 2.8, 4.6, 6.4, 8.2, 10.
    assert list(legend["label"]) == ["1.0 to 2.8", "2.8 to 4.6", "4.6 to 6.4", "6.4 to 8.2", "8.2 to 10.0",
                                     NO_DATA]
    assert list(legend["areas"]) == [2, 2, 2, 2, 2, 1]
    assert labels[1] == "1.0 to 2.8" and labels[2] == "2.8 to 4.6"  # 3 is above 2.8: second class
    assert colours[0] == SEQUENTIAL[0] and colours[9] == SEQUENTIAL[4]
    assert labels[10] == NO_DATA and pd.isna(colours[10])


def test_decimals_follow_the_data():
    _, _, legend = quantile_classes(pd.Series([10.4, 12.5, 14.8, 9.1, 11.0]))
    # quantiles of 9.1, 10.4, 11.0, 12.5, 14.8 (positions 4p): 9.1, 10.14, 10.76, 11.6, 12.96, 14.8 (2 places).
    assert list(legend["label"]) == ["9.10 to 10.14", "10.14 to 10.76", "10.76 to 11.60", "11.60 to 12.96",
                                     "12.96 to 14.80"]


def test_all_equal_values_make_one_class():
    labels, colours, legend = quantile_classes(pd.Series([5.0, 5.0, 5.0, 5.0, 5.0]))
    assert list(legend["label"]) == ["5.0 to 5.0"] and list(legend["areas"]) == [5]
    assert set(colours) == {SEQUENTIAL[2]}


def test_fewer_areas_than_classes_share_one_colour_and_no_fifths():
    # The file: two areas, 41.2% and 41.4%, were coloured as the darkest and the lightest fifth.
    values = pd.Series([41.2, 41.4, np.nan])
    labels, colours, legend = quantile_classes(values)
    assert list(labels) == [FEW_AREAS, FEW_AREAS, NO_DATA]
    assert colours[0] == colours[1] and pd.isna(colours[2])
    assert list(legend["label"]) == [FEW_AREAS, NO_DATA] and list(legend["areas"]) == [2, 1]
    assert not has_classes(values) and has_classes(pd.Series([1.0, 2.0, 3.0, 4.0, 5.0]))


def test_comparison_legend_counts_each_category_and_separates_no_value():
    rows = pd.DataFrame({
        "comparison": ["Worse", "Worse", "Similar", "Not compared", "Not compared"],
        "comparison_level": [0.95, 0.95, 0.95, None, None],
        "comparison_basis": ["computed", "computed", "computed", "none", "none"],
        "value": [12.0, 13.0, 10.0, 9.0, np.nan],
    })
    legend = comparison_legend(rows)
    assert list(legend["label"]) == ["Similar to England (95%)", "Worse than England (95%)", "Not compared",
                                     NO_DATA]
    assert list(legend["areas"]) == [1, 2, 1, 1]
    assert list(legend["colour"][:2]) == ["#FFDD00", "#D4351C"]
