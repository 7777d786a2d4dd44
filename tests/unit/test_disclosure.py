"""Disclosure control (issue 6): primary and secondary suppression, the wording, the threshold setting and
the final CSV guard. Every expected value is worked by hand in the comments (threshold 5 unless stated:
counts 1 to 4 are suppressed)."""

from __future__ import annotations

import math
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import settings
from analysis.disclosure import (
    FLAG_COLUMNS,
    REASON,
    SUPPRESSED,
    DisclosureError,
    Suppression,
    TotalRule,
    footnote,
    primary_suppress,
    safe_csv_bytes,
    secondary_suppress,
    suppress,
    suppressed_text,
    threshold_statement,
    to_display,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
TEXT = "suppressed (<5)"
COUNT_REASON = Suppression.PRIMARY_COUNT
COMPLEMENT_REASON = Suppression.PRIMARY_COMPLEMENT
SECONDARY = Suppression.SECONDARY
SHOWN = Suppression.SHOWN


def hidden(result, column: str = "area_code") -> list:
    """The labels of the suppressed rows, in frame order."""
    return list(result.frame.loc[result.frame[SUPPRESSED], column])


def areas(counts: dict[str, float], total: str | None = "R") -> pd.DataFrame:
    """One row per area (and a total row R, the sum of the areas, unless total is None)."""
    rows = [{"area_code": code, "numerator": count} for code, count in counts.items()]
    if total is not None:
        rows.append({"area_code": total, "numerator": sum(counts.values())})
    return pd.DataFrame(rows)


# --- primary suppression ------------------------------------------------------------------------------

def test_counts_from_1_to_4_are_suppressed_and_0_5_6_are_shown():
    # 0: nobody, and zeros are published (NHS England HES/ECDS suppress 1-7, not 0). 1 and 4 are in 1..4.
    # 5 and 6 are at or above the threshold.
    frame = pd.DataFrame({"area_code": ["a0", "a1", "a4", "a5", "a6"], "numerator": [0, 1, 4, 5, 6]})
    result = suppress(frame, threshold=5)
    assert hidden(result) == ["a1", "a4"]
    assert list(result.frame[REASON]) == [SHOWN, COUNT_REASON, COUNT_REASON, SHOWN, SHOWN]
    assert list(result.frame["numerator"].fillna(-1)) == [0, -1, -1, 5, 6]


def test_a_higher_threshold_suppresses_more():
    # threshold 10: 1..9 suppressed, so 5 and 6 go too; 0 is still shown.
    frame = pd.DataFrame({"area_code": ["a0", "a1", "a4", "a5", "a6", "a10"], "numerator": [0, 1, 4, 5, 6, 10]})
    assert hidden(suppress(frame, threshold=10)) == ["a1", "a4", "a5", "a6"]


def test_complement_rule_hides_counts_that_leave_out_1_to_4_people():
    # denominator - numerator: 98/100 -> 2 (hidden), 100/100 -> 0 (shown, as a zero count is),
    # 95/100 -> 5 (shown), 0/100 -> 100 (shown). 0/3 is hidden (all 3 lack the need), and its reason is the
    # count rule: the denominator 3 is itself a count below 5, which takes precedence.
    frame = pd.DataFrame({"area_code": ["a", "b", "c", "d", "e"], "numerator": [98, 0, 100, 95, 0],
                          "denominator": [100, 3, 100, 100, 100]})
    result = suppress(frame, threshold=5)
    assert hidden(result) == ["a", "b"]
    assert list(result.frame[REASON]) == [COMPLEMENT_REASON, COUNT_REASON, SHOWN, SHOWN, SHOWN]


def test_a_small_denominator_is_itself_a_small_count():
    # 4/4: numerator 4 is small (the count reason wins over the complement 0); the denominator 4 is hidden too.
    frame = pd.DataFrame({"area_code": ["a"], "numerator": [4], "denominator": [4], "value": [100.0]})
    result = suppress(frame, threshold=5)
    assert result.frame.loc[0, REASON] == COUNT_REASON
    assert result.frame[["numerator", "denominator", "value"]].isna().all(axis=None)


def test_primary_suppress_returns_the_reason_per_row():
    frame = pd.DataFrame({"numerator": [3, 98, 50], "denominator": [100, 100, 100]}, index=[10, 11, 12])
    reasons = primary_suppress(frame, threshold=5)
    assert reasons.to_dict() == {10: COUNT_REASON, 11: COMPLEMENT_REASON, 12: SHOWN}
    # Without the denominator only the count rule applies.
    assert list(primary_suppress(frame, denominator_column=None, threshold=5)) == [COUNT_REASON, SHOWN, SHOWN]


def test_every_derived_column_is_blanked_with_the_count():
    # Row 0 (3 of 50, 6.0%) is suppressed, so its value, CIs and comparison must go too: 6.0% x 50 = 3.
    frame = pd.DataFrame({
        "area_code": ["E06000001", "E06000002"], "area_name": ["Hartlepool", "Middlesbrough"],
        "numerator": [3, 40], "denominator": [50, 200], "value": [6.0, 20.0],
        "ci_low": [2.1, 15.0], "ci_high": [16.2, 25.9],
        "comparison_label": ["Similar to England (95%)", "Higher than England (95%)"], "data_year": [2024, 2024],
    })
    result = suppress(frame, kept_columns=["data_year"], threshold=5)
    row = result.frame.iloc[0]
    for column in ("numerator", "denominator", "value", "ci_low", "ci_high", "comparison_label"):
        assert pd.isna(row[column]), column
    assert row["area_name"] == "Hartlepool" and row["data_year"] == 2024  # not derived from the count
    assert result.frame.iloc[1]["value"] == 20.0 and result.frame.iloc[1]["comparison_label"].startswith("Higher")
    assert result.derived_columns == ("value", "ci_low", "ci_high", "comparison_label")


def test_an_undeclared_numeric_column_stops_suppression():
    # "rate_per_1000" could be multiplied back to the count; it must be declared before anything is shown.
    frame = pd.DataFrame({"numerator": [3], "denominator": [50], "rate_per_1000": [60.0]})
    with pytest.raises(ValueError, match="rate_per_1000"):
        suppress(frame, threshold=5)
    result = suppress(frame, derived_columns=["rate_per_1000"], threshold=5)
    assert math.isnan(result.frame.loc[0, "rate_per_1000"])


def test_a_named_derived_column_must_exist():
    with pytest.raises(ValueError, match="ratio"):
        suppress(pd.DataFrame({"numerator": [3]}), derived_columns=["ratio"], threshold=5)


def test_counts_must_be_numbers_and_not_negative():
    with pytest.raises(ValueError, match="text"):
        suppress(pd.DataFrame({"numerator": ["three"]}), threshold=5)
    with pytest.raises(ValueError, match="negative"):
        suppress(pd.DataFrame({"numerator": [-1]}), threshold=5)


def test_a_suppressed_frame_cannot_be_suppressed_again():
    result = suppress(pd.DataFrame({"numerator": [3]}), threshold=5)
    with pytest.raises(ValueError, match="already"):
        suppress(result.frame, threshold=5)


def test_a_frame_with_no_small_counts_passes_unchanged():
    frame = pd.DataFrame({"area_code": ["a", "b"], "numerator": [5, 120], "denominator": [200, 400],
                          "value": [2.5, 30.0]})
    result = suppress(frame, totals=[TotalRule("area_code", None)], threshold=5)
    pd.testing.assert_frame_equal(result.frame.drop(columns=list(FLAG_COLUMNS)), frame)
    assert not result.any_suppressed and list(result.frame[REASON]) == [SHOWN, SHOWN]
    pd.testing.assert_frame_equal(result.display().drop(columns=SUPPRESSED), frame, check_dtype=False)


# --- secondary suppression ----------------------------------------------------------------------------

def test_male_3_female_20_persons_23_hides_female_too():
    # Male 3 is primary. Showing female 20 and persons 23 would give male = 23 - 20 = 3, so the
    # next-smallest cell, female 20 (smaller than persons 23), is hidden too. Persons stays.
    frame = pd.DataFrame({"area_code": ["E06000001"] * 3, "sex": ["male", "female", "persons"],
                          "numerator": [3, 20, 23], "denominator": [50, 60, 110], "value": [6.0, 33.3, 20.9]})
    result = suppress(frame, totals=[TotalRule("sex", "persons", by=["area_code"])], threshold=5)
    assert hidden(result, "sex") == ["male", "female"]
    assert list(result.frame[REASON]) == [COUNT_REASON, SECONDARY, SHOWN]
    assert result.frame.loc[1, ["numerator", "denominator", "value"]].isna().all()
    assert result.frame.loc[2, "numerator"] == 23


def test_one_suppressed_area_of_three_hides_a_second_area():
    # A 3 (primary), B 12, C 40, region 55: 55 - 12 - 40 = 3, so B (the next smallest) goes too.
    # Then A + B = 55 - 40 = 15, at least 5, and neither can be told apart.
    result = suppress(areas({"A": 3, "B": 12, "C": 40}), totals=[TotalRule("area_code", "R")], threshold=5)
    assert hidden(result) == ["A", "B"]
    assert list(result.frame[REASON]) == [COUNT_REASON, SECONDARY, SHOWN, SHOWN]


def test_a_group_with_two_suppressed_cells_needs_nothing_more():
    # A 2 and B 3 are both primary. R - C - D = 95 - 40 - 50 = 5 = A + B, not a count below 5, and
    # A and B cannot be split, so nothing more is hidden.
    result = suppress(areas({"A": 2, "B": 3, "C": 40, "D": 50}), totals=[TotalRule("area_code", "R")], threshold=5)
    assert hidden(result) == ["A", "B"]
    assert SECONDARY not in set(result.frame[REASON])


def test_two_suppressed_cells_adding_up_to_a_small_count_hide_a_third():
    # A 1 and B 2: R - C - D = 93 - 40 - 50 = 3 people in A and B together, itself a count below 5.
    # The next smallest, C 40, is hidden; A + B + C = 43 is then all that can be worked out.
    result = suppress(areas({"A": 1, "B": 2, "C": 40, "D": 50}), totals=[TotalRule("area_code", "R")], threshold=5)
    assert hidden(result) == ["A", "B", "C"]


def test_small_complements_adding_up_are_protected_too():
    # A 48/50 and B 48/50 are hidden (each leaves out 2). With C 10/50 and R 106/150 shown, R - C gives
    # A + B = 96 of 100: 4 people without the need, below 5. So C is hidden as well.
    frame = pd.DataFrame({"area_code": ["A", "B", "C", "R"], "numerator": [48, 48, 10, 106],
                          "denominator": [50, 50, 50, 150]})
    result = suppress(frame, totals=[TotalRule("area_code", "R")], threshold=5)
    assert hidden(result) == ["A", "B", "C"]
    assert list(result.frame[REASON]) == [COMPLEMENT_REASON, COMPLEMENT_REASON, SECONDARY, SHOWN]


def test_a_total_published_elsewhere_still_protects():
    # total=None: the areas' sum is published on another page, so one hidden area could be worked out.
    result = suppress(areas({"A": 3, "B": 12, "C": 40}, total=None), totals=[TotalRule("area_code", None)],
                      threshold=5)
    assert hidden(result) == ["A", "B"]


def test_a_zero_is_not_chosen_while_a_non_zero_cell_remains():
    # A 3 (primary), B 0, C 12, R 15. Hiding B would leave A + B = 15 - 12 = 3, so C (the smallest
    # non-zero cell) is hidden instead and B 0 stays.
    result = suppress(areas({"A": 3, "B": 0, "C": 12}), totals=[TotalRule("area_code", "R")], threshold=5)
    assert hidden(result) == ["A", "C"]


def test_a_missing_count_is_neither_trusted_to_protect_nor_hidden():
    # B was not published (NaN). A reader may know it from elsewhere, so A 3 still needs a partner: C 12.
    frame = pd.DataFrame({"area_code": ["A", "B", "C", "R"], "numerator": [3, math.nan, 12, 20]})
    result = suppress(frame, totals=[TotalRule("area_code", "R")], threshold=5)
    assert hidden(result) == ["A", "C"]


def test_a_group_without_its_total_row_is_not_linked():
    # No persons row in the frame: nothing to subtract from, so female 20 stays.
    frame = pd.DataFrame({"sex": ["male", "female"], "numerator": [3, 20]})
    result = suppress(frame, totals=[TotalRule("sex", "persons")], threshold=5)
    assert hidden(result, "sex") == ["male"]


def test_groups_are_kept_apart_by_the_by_columns():
    # Two indicators: only indicator 1 has a small count, so only its group gets a second suppression.
    frame = pd.DataFrame({"indicator_id": ["1"] * 3 + ["2"] * 3, "sex": ["male", "female", "persons"] * 2,
                          "numerator": [3, 20, 23, 30, 20, 50]})
    result = suppress(frame, totals=[TotalRule("sex", "persons", by="indicator_id")], threshold=5)
    assert list(result.frame[SUPPRESSED]) == [True, True, False, False, False, False]


def test_a_group_that_repeats_a_part_is_an_error():
    # Two periods mixed in one group: male appears twice, so `by` is missing "period".
    frame = pd.DataFrame({"period": ["2023", "2024", "2023", "2024", "2023", "2024"],
                          "sex": ["male", "male", "female", "female", "persons", "persons"],
                          "numerator": [3, 4, 20, 21, 23, 25]})
    with pytest.raises(ValueError, match="by"):
        suppress(frame, totals=[TotalRule("sex", "persons")], threshold=5)
    assert len(hidden(suppress(frame, totals=[TotalRule("sex", "persons", by="period")], threshold=5), "sex")) == 4


def test_areas_by_sex_with_both_totals_hide_a_rectangle():
    # Rows: A, B, C and the region R; columns: male, female, persons. A male 3 is primary.
    # Sex group A: female 20 < persons 23, so A female goes. Area group male: A male is alone there, so the
    # next-smallest male goes (C 25 < B 30 < R 58). Area group female: A female is alone, and C female (35)
    # is the smallest. That leaves the cycle A male, A female, C male, C female: each row and column has
    # two hidden cells, and no equation pins one down.
    counts = {"A": (3, 20), "B": (30, 40), "C": (25, 35)}
    rows = [(area, sex, value) for area, (male, female) in counts.items()
            for sex, value in (("male", male), ("female", female), ("persons", male + female))]
    rows += [("R", "male", 58), ("R", "female", 95), ("R", "persons", 153)]
    frame = pd.DataFrame(rows, columns=["area_code", "sex", "numerator"])
    result = suppress(frame, threshold=5, totals=[TotalRule("sex", "persons", by="area_code"),
                                                  TotalRule("area_code", "R", by="sex")])
    shown = result.frame.loc[result.frame[SUPPRESSED], ["area_code", "sex"]]
    assert sorted(map(tuple, shown.to_numpy())) == [("A", "female"), ("A", "male"), ("C", "female"), ("C", "male")]


def test_a_cell_that_the_linked_groups_pin_down_gets_a_partner():
    # A 4 x 4 table with row and column totals. The hidden cells form two blocks, {r1,r2} x {c1,c2} and
    # {r3,r4} x {c3,c4}, joined by r1c3. Every row and column has 0 or at least 2 hidden cells, each
    # adding up to 20 or more, yet (row r1 + row r2) - (column c1 + column c2) = r1c3: its value follows.
    # The audit hides the smallest cell in r1c3's row or column: r2c3 (6) beats r1c4 (10), r1's total
    # and c3's total.
    rows, columns = ["r1", "r2", "r3", "r4"], ["c1", "c2", "c3", "c4"]
    values = {(r, c): 10 for r in rows for c in columns}
    values[("r2", "c3")] = 6
    records = [(r, c, v) for (r, c), v in values.items()]
    records += [(r, "all", sum(values[(r, c)] for c in columns)) for r in rows]
    records += [("all", c, sum(values[(r, c)] for r in rows)) for c in columns]
    records.append(("all", "all", sum(values.values())))
    frame = pd.DataFrame(records, columns=["row", "column", "numerator"])
    pattern = {("r1", "c1"), ("r1", "c2"), ("r2", "c1"), ("r2", "c2"), ("r3", "c3"), ("r3", "c4"),
               ("r4", "c3"), ("r4", "c4"), ("r1", "c3")}
    primary = pd.Series([(r, c) in pattern for r, c in zip(frame["row"], frame["column"], strict=True)])
    added = secondary_suppress(frame, primary, threshold=5, totals=[
        TotalRule("column", "all", by="row"), TotalRule("row", "all", by="column")])
    assert list(map(tuple, frame.loc[added, ["row", "column"]].to_numpy())) == [("r2", "c3")]


def test_total_rule_checks_its_own_arguments():
    with pytest.raises(ValueError, match="parts"):
        TotalRule("sex", "persons", parts=("male", "persons"))
    with pytest.raises(ValueError, match="by"):
        TotalRule("sex", "persons", by=("sex",))
    with pytest.raises(ValueError, match="lacks"):
        suppress(pd.DataFrame({"numerator": [3]}), totals=[TotalRule("sex", "persons")], threshold=5)


# --- what is shown and exported -----------------------------------------------------------------------

def test_display_reads_suppressed_never_zero_or_blank():
    frame = pd.DataFrame({"area_code": ["a", "b", "c"], "numerator": [3, 23, math.nan],
                          "denominator": [50, 110, 80], "value": [6.0, 20.9, math.nan]})
    result = suppress(frame, threshold=5)
    shown = result.display()
    assert list(shown.loc[0, ["numerator", "denominator", "value"]]) == [TEXT] * 3
    assert shown.loc[1, "numerator"] == 23 and isinstance(shown.loc[1, "numerator"], int)  # 23, not 23.0
    assert pd.isna(shown.loc[2, "value"])  # missing data, not suppression: the page labels it
    assert REASON not in shown.columns  # primary and secondary must look the same
    with pytest.raises(ValueError, match="small one"):
        result.display(["area_code", REASON])


def test_to_display_writes_the_threshold_in_force():
    frame = pd.DataFrame({"numerator": [7.0], SUPPRESSED: [True]})
    assert to_display(frame, ["numerator"], threshold=10).loc[0, "numerator"] == "suppressed (<10)"
    with pytest.raises(ValueError, match="suppress first"):
        to_display(pd.DataFrame({"numerator": [7.0]}), ["numerator"], threshold=10)


def test_csv_download_carries_the_text_and_no_hidden_number():
    frame = pd.DataFrame({"area_code": ["A", "A", "A"], "sex": ["male", "female", "persons"],
                          "numerator": [3, 20, 23], "value": [6.0, 33.3, 20.9]})
    result = suppress(frame, totals=[TotalRule("sex", "persons", by="area_code")], threshold=5)
    text = result.csv_bytes(["area_code", "sex", "numerator", "value"]).decode("utf-8-sig")
    assert text.splitlines() == [
        "area_code,sex,numerator,value",
        "A,male,suppressed (<5),suppressed (<5)",
        # 20 women = 23 - 3: hidden so the 3 cannot be worked out from the total, and said so (not "<5")
        "A,female,suppressed to protect another cell,suppressed to protect another cell",
        "A,persons,23,20.9",
    ]


def test_safe_csv_bytes_raises_on_a_leaked_small_count():
    # A table that never went through suppress(): the 3 would leave the app.
    table = pd.DataFrame({"Area": ["A", "B"], "Count": [3, 40]})
    with pytest.raises(DisclosureError, match="below 5"):
        safe_csv_bytes(table, ["Count"], threshold=5)


def test_safe_csv_bytes_raises_on_a_count_close_to_its_denominator():
    table = pd.DataFrame({"Count": [98], "Denominator": [100]})
    with pytest.raises(DisclosureError, match="denominator"):
        safe_csv_bytes(table, ["Count"], threshold=5, denominator_column="Denominator")


def test_safe_csv_bytes_raises_on_a_number_put_back_in_a_suppressed_row():
    # A secondary cell (20) refilled by mistake: 20 is not small, but its row is suppressed.
    result = suppress(pd.DataFrame({"sex": ["male", "female", "persons"], "numerator": [3, 20, 23]}),
                      totals=[TotalRule("sex", "persons")], threshold=5)
    table = result.display(["sex", "numerator", SUPPRESSED])
    table.loc[1, "numerator"] = 20
    with pytest.raises(DisclosureError, match="suppressed row"):
        safe_csv_bytes(table, ["numerator"], threshold=5)


def test_safe_csv_bytes_refuses_the_reason_column_and_unknown_columns():
    result = suppress(pd.DataFrame({"numerator": [3, 40]}), threshold=5)
    with pytest.raises(DisclosureError, match="small one"):
        safe_csv_bytes(result.frame, ["numerator"], threshold=5)
    with pytest.raises(ValueError, match="Count"):  # a renamed count column cannot dodge the check
        safe_csv_bytes(result.display(), ["Count"], threshold=5)


def test_safe_csv_bytes_passes_a_clean_table():
    table = pd.DataFrame({"Area": ["A", "B"], "Count": [0, 40]})
    assert safe_csv_bytes(table, ["Count"], threshold=5).decode("utf-8-sig").splitlines() == [
        "Area,Count", "A,0", "B,40"]


# --- the threshold setting and the words --------------------------------------------------------------

def test_threshold_defaults_to_5_and_reads_the_environment():
    assert settings.threshold_from_env({}) == 5
    assert settings.threshold_from_env({"JHE_DISCLOSURE_THRESHOLD": ""}) == 5  # empty = unset
    assert settings.threshold_from_env({"JHE_DISCLOSURE_THRESHOLD": "10"}) == 10
    assert settings.threshold_from_env({"JHE_DISCLOSURE_THRESHOLD": " 7 "}) == 7


@pytest.mark.parametrize("text", ["0", "-1", "5.0", "+5", "five", "٥"])
def test_an_invalid_threshold_is_a_clear_error(text):
    with pytest.raises(settings.SettingsError, match="JHE_DISCLOSURE_THRESHOLD must be a whole number of 1 or more"):
        settings.threshold_from_env({"JHE_DISCLOSURE_THRESHOLD": text})


def _import_settings(value: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "JHE_DISCLOSURE_THRESHOLD": value}
    return subprocess.run([sys.executable, "-c", "import settings; print(settings.DISCLOSURE_THRESHOLD)"],
                          cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=60, check=False)


def test_the_threshold_is_read_once_at_start():
    assert _import_settings("8").stdout.strip() == "8"
    failed = _import_settings("abc")
    assert failed.returncode != 0
    assert "JHE_DISCLOSURE_THRESHOLD must be a whole number of 1 or more" in failed.stderr
    assert "'abc'" in failed.stderr


def test_suppress_takes_the_threshold_it_is_given_and_has_no_default():
    with pytest.raises(TypeError, match="threshold"):
        suppress(pd.DataFrame({"numerator": [7, 12]}))
    result = suppress(pd.DataFrame({"numerator": [7, 12]}), threshold=10)
    assert list(result.frame[SUPPRESSED]) == [True, False] and result.threshold == 10
    assert result.display().loc[0, "numerator"] == "suppressed (<10)"
    assert result.frame.loc[0, REASON] == Suppression.PRIMARY_COUNT


def test_the_words_on_screen():
    assert suppressed_text(5) == "suppressed (<5)"
    assert suppressed_text(10) == "suppressed (<10)"
    note = footnote(5)
    assert note.startswith("suppressed (<5): ") and "a count from 1 to 4 is not shown" in note
    assert "\"suppressed to protect another cell\": they are hidden so that a small count cannot be worked out" in note
    assert "a count of 1 is not shown" in footnote(2)
    assert threshold_statement(5, settings.threshold_set_by(5)) == (
        "Counts from 1 to 4 are suppressed, with every figure worked out from them (threshold 5, the default).")
    assert "set by JHE_DISCLOSURE_THRESHOLD" in threshold_statement(10, settings.threshold_set_by(10))
    assert suppress(pd.DataFrame({"numerator": [3]}), threshold=5).footnote() == note
    with pytest.raises(ValueError, match="1 or more"):
        suppressed_text(0)
