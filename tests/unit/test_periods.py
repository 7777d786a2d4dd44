"""core.periods: the one order of period labels, worked by hand."""

from __future__ import annotations

import math

import pytest

from core.periods import latest_period, order_periods, period_key, period_years


@pytest.mark.parametrize(("label", "years"), [
    ("2021", (2021, 2021)),  # calendar year
    ("2019/20", (2019, 2020)),  # financial year
    ("2017 - 19", (2017, 2019)),  # rolling three years
    ("2019-2021", (2019, 2021)),
    ("1998 - 00", (1998, 2000)),  # across a century
    ("2016/17 - 18/19", (2016, 2019)),  # three financial years
    ("October-December 2023", (2023, 2023)),  # a quarter
    ("2023/24 Q1", (2023, 2024)),
    ("2023-10-01", (2023, 2023)),  # a date: its month and day are not years
    ("not stated", None),
])
def test_years_a_label_covers(label, years):
    assert period_years(label) == years


def test_financial_years_in_order():
    assert order_periods(["2024/25", "2014/15", "2019/20", "2015/16"]) == ["2014/15", "2015/16", "2019/20",
                                                                         "2024/25"]


def test_labels_starting_in_the_same_year_by_last_year_then_month():
    # 2019 (ends 2019) < 2019/20 (ends 2020) < 2019 - 21 (ends 2021); both 2018 labels end in 2018, so by month.
    labels = ["2019 - 21", "2019/20", "2019", "October-December 2018", "January-March 2018"]
    assert order_periods(labels) == ["January-March 2018", "October-December 2018", "2019", "2019/20", "2019 - 21"]


def test_quarters_by_month_or_quarter_number():
    assert order_periods(["Oct-Dec 2023", "Jan-Mar 2024", "Apr-Jun 2023", "Jan-Mar 2023", "Jul-Sep 2023"]) == [
        "Jan-Mar 2023", "Apr-Jun 2023", "Jul-Sep 2023", "Oct-Dec 2023", "Jan-Mar 2024"]
    assert order_periods(["2023/24 Q3", "2023/24 Q1", "2022/23 Q4"]) == ["2022/23 Q4", "2023/24 Q1", "2023/24 Q3"]


def test_labels_without_a_year_come_first_and_duplicates_and_missing_go():
    assert period_key("not stated") == (0, 0, 0, "not stated")
    assert order_periods(["2021", None, math.nan, "2021", "not stated", 2020]) == ["not stated", "2020", "2021"]


def test_latest_period_does_not_depend_on_row_order():
    assert latest_period(["2024/25", "2022/23", "2014/15"]) == "2024/25"
    assert latest_period(["2011", "2024", "2013"]) == "2024"
    assert latest_period([]) is None
