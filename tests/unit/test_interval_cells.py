"""Interval cells read "not published" where there is no interval, never "None" (issue 18)."""

import math

import pandas as pd

from present.area_profile import NOT_PUBLISHED, _interval
from present.tables import interval_text


def test_interval_text_without_limits_says_not_published():
    assert interval_text(None, 5.0, None) == "CI not published"
    assert interval_text(4.0, math.nan, "as published") == "CI not published"


def test_interval_text_without_method_has_no_none():
    # 4.46 -> "4.5", 6.04 -> "6.0" at one decimal place
    assert interval_text(4.46, 6.04, None) == "4.5 to 6.0"
    assert interval_text(4.46, 6.04, "as published") == "4.5 to 6.0 (as published)"


def test_area_profile_interval_needs_both_limits():
    cells = _interval(pd.Series([1.0, None, 2.0]), pd.Series([3.0, 4.0, None]))
    assert cells == ["1.0 to 3.0", NOT_PUBLISHED, NOT_PUBLISHED]
    assert NOT_PUBLISHED == "not published"
