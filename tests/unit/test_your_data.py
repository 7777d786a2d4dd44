"""Partners' figures: Wilson intervals from counts, values kept as given, comparisons by the app's one rule."""

import io
import math

import pandas as pd
import pytest

from analysis.your_data import AS_GIVEN, WILSON, Benchmark, compare, with_prevalence
from intake.uploads import UploadProblem
from present.partner_table import HEADINGS, partner_table
from present.your_data import problems_table


def rows():
    return pd.DataFrame({
        "area_code": ["E06000023", "E06000023", "E08000003"], "cohort": ["prison", "prison", "probation"],
        "indicator": ["Depression", "Smoking", "Depression"],
        "numerator": [30.0, math.nan, 12.0], "denominator": [120.0, math.nan, 100.0],
        "value": [math.nan, 40.0, math.nan], "ci_low": [math.nan, 35.0, math.nan],
        "ci_high": [math.nan, 45.0, math.nan]})


def test_wilson_from_counts_and_given_values_kept():
    result = with_prevalence(rows())
    # 30/120 = 25%. Wilson 95% (z = 1.959964): centre (0.25 + z²/240) / (1 + z²/120) = 0.257755, half-width
    # z * sqrt(0.25 * 0.75 / 120 + z² / 57600) / (1 + z²/120) = 0.076656 -> 18.110% to 33.441%.
    assert result.at[0, "value"] == 25.0
    assert result.at[0, "ci_low"] == pytest.approx(18.110, abs=0.001)
    assert result.at[0, "ci_high"] == pytest.approx(33.441, abs=0.001)
    assert result.at[0, "ci_method"] == WILSON
    assert (result.at[1, "value"], result.at[1, "ci_low"], result.at[1, "ci_high"]) == (40.0, 35.0, 45.0)
    assert result.at[1, "ci_method"] == AS_GIVEN


def test_comparisons_with_national_and_local_figures():
    result = compare(with_prevalence(rows()),
                     national={("prison", "Depression"): Benchmark(10.0, "the national prison figure"),
                               ("probation", "Depression"): Benchmark(12.0, "the national probation figure")},
                     general={("prison", "E06000023", "Smoking"): Benchmark(40.0, "Bristol's adult smoking (2024)")})
    assert result.at[0, "national_comparison"] == ("significantly higher than the national prison figure (10%), "
                                                   "95% level")  # 18.1% > 10%
    # 12/100: Wilson 7.0% to 19.8% contains 12%.
    assert result.at[2, "national_comparison"] == ("not significantly different from the national probation "
                                                   "figure (12%), 95% level")
    assert result.at[1, "general_comparison"] == ("not significantly different from Bristol's adult smoking "
                                                  "(2024) (40%), 95% level")
    assert result.at[1, "national_comparison"] == "no national figure chosen for this need"
    assert result.at[0, "general_comparison"] == "no local general-population figure for this need"


def partner_rows() -> pd.DataFrame:
    """Two areas' figures for one need: A by sex (male 3 of 40, female 20 of 60, persons 23 of 100), B for
    persons only (58 of 60)."""
    return pd.DataFrame({
        "partner": ["Probation"] * 4, "file": ["probation.csv"] * 4, "row": [2, 3, 4, 5], "input_rows": [1] * 4,
        "area_name": ["A", "A", "A", "B"], "area_code": ["E06000001"] * 3 + ["E06000002"],
        "area_type": ["utla"] * 4, "cohort": ["probation"] * 4, "indicator": ["Depression"] * 4,
        "sex": ["male", "female", "persons", "persons"], "period": ["2024"] * 4,
        "numerator": [3.0, 20.0, 23.0, 58.0], "denominator": [40.0, 60.0, 100.0, 60.0],
        "value": [math.nan] * 4, "ci_low": [math.nan] * 4, "ci_high": [math.nan] * 4})


def test_partner_table_suppresses_as_the_page_and_the_pack_show_it():
    table = partner_table(compare(with_prevalence(partner_rows()), {}, {}), threshold=5)
    hidden, protecting = "suppressed (<5)", "suppressed to protect another cell"
    figures = ["Numerator", "Denominator", "Prevalence (%)", "Lower 95% limit (%)", "Upper 95% limit (%)",
               "Against the national figure", "Against the local general population"]
    full = table.full.set_index(["Area", "Sex"])
    assert list(table.full.columns) == list(HEADINGS.values())
    # Male 3 is a count from 1 to 4: hidden with its rate, interval and comparisons.
    assert list(full.loc[("A", "male"), figures]) == [hidden] * 7
    # Female 20 is hidden too (secondary): persons 23 - female 20 would give male's 3. It is not "<5", and says so.
    assert list(full.loc[("A", "female"), figures]) == [protecting] * 7
    # B: 58 of 60 leaves out 2 people (the complement rule), so it is hidden as well, to protect those 2.
    assert list(full.loc[("B", "persons"), figures]) == [protecting] * 7
    # Persons 23 of 100 is shown: 23%, Wilson 95% (z = 1.959964): centre (0.23 + z²/200) / (1 + z²/100) = 0.239988,
    # half-width z * sqrt(0.23 * 0.77 / 100 + z² / 40000) / (1 + z²/100) = 0.081556 -> 15.843% to 32.154%.
    persons = full.loc[("A", "persons")]
    assert (persons["Numerator"], persons["Denominator"], persons["Prevalence (%)"]) == (23, 100, 23.0)
    assert persons["Lower 95% limit (%)"] == pytest.approx(15.843, abs=0.001)
    assert persons["Upper 95% limit (%)"] == pytest.approx(32.154, abs=0.001)
    assert persons["Cohort"] == "Probation"
    rounded = table.rounded.set_index(["Area", "Sex"]).loc[("A", "persons")]
    assert list(rounded[["Prevalence (%)", "Lower 95% limit (%)", "Upper 95% limit (%)"]]) == ["23.0", "15.8", "32.2"]
    assert table.rounded.set_index(["Area", "Sex"]).loc[("A", "male"), "Prevalence (%)"] == hidden
    csv_text = table.csv_bytes().decode("utf-8-sig")  # through the final guard
    assert (csv_text.count(hidden), csv_text.count(protecting)) == (1 * 7, 2 * 7)


HYPERLINK = '=HYPERLINK("http://example.invalid","x")'
DDE = "+cmd|' /C calc'!A0"


def test_the_figures_on_screen_have_formula_text_neutralised():
    rows = partner_rows().assign(partner=HYPERLINK, indicator=DDE, file="@partners.csv")
    table = partner_table(compare(with_prevalence(rows), {}, {}), threshold=5)
    shown = table.on_screen().set_index(["Area", "Sex"])
    # By hand: core.safe_csv puts one apostrophe before text that starts with =, +, -, @, tab or CR.
    assert set(shown["Partner (source)"]) == {'\'=HYPERLINK("http://example.invalid","x")'}
    assert set(shown["Need"]) == {"'+cmd|' /C calc'!A0"}
    assert set(shown["File"]) == {"'@partners.csv"}
    # Figures are not text that starts like a formula: 23 of 100 is 23.0%, 15.8% to 32.2% (the Wilson test above).
    persons = shown.loc[("A", "persons")]
    assert list(persons[["Prevalence (%)", "Lower 95% limit (%)", "Upper 95% limit (%)"]]) == ["23.0", "15.8", "32.2"]
    assert shown.loc[("A", "male"), "Numerator"] == "suppressed (<5)"
    # The CSV download carries the same text cells as the screen (so the table toolbar's download matches it).
    csv = pd.read_csv(io.BytesIO(table.csv_bytes()), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert set(csv["partner"]) == set(shown["Partner (source)"]) and set(csv["indicator"]) == set(shown["Need"])
    assert set(table.rounded["Need"]) == {DDE}  # the slides keep the text as given (PowerPoint runs no formula)


def test_the_problems_on_screen_have_formula_text_neutralised():
    problems = [UploadProblem("@partners.csv", None, 2, "Numerator", "=1+1", "'=1+1' is not a number"),
                UploadProblem("@partners.csv", "-Sheet", 3, "Area Code", HYPERLINK, f"{HYPERLINK} is not a GSS code"),
                UploadProblem("plain.csv", None, None, None, None, "the file is empty")]
    table = problems_table(problems)
    assert list(table.columns) == ["File", "Sheet", "Row", "Column", "Value", "Problem"]
    assert str(table["Row"].dtype) == "Int64"  # whole numbers, a blank for the whole file
    assert table.to_dict("records") == [
        {"File": "'@partners.csv", "Sheet": "", "Row": 2, "Column": "Numerator", "Value": "'=1+1",
         "Problem": "'=1+1' is not a number"},  # starts with an apostrophe already: kept as it is
        {"File": "'@partners.csv", "Sheet": "'-Sheet", "Row": 3, "Column": "Area Code",
         "Value": '\'=HYPERLINK("http://example.invalid","x")',
         "Problem": '\'=HYPERLINK("http://example.invalid","x") is not a GSS code'},
        {"File": "plain.csv", "Sheet": "", "Row": None, "Column": "", "Value": "", "Problem": "the file is empty"}]
