"""Back-tests of the evidence file against its own quotes and sources: every figure is in the words it was read
from, every headline has a primary source or says it has none, and the review's findings stay closed."""

import re

import pytest

from analysis.headline import headline_rows
from loaders.standardisation import load_standardisation
from present.headline import headline_wording
from present.standardised import EXPECTED_COLUMN, standardised_table
from tests.conftest import BUNDLED

COHORTS = ("prison", "probation", "police_custody", "prison_release", "liaison_diversion")


NUMBER_WORDS = {2: ("twice",), 4: ("four",), 5: ("five",), 6: ("six",)}


def spellings(value: float) -> set[str]:
    """How a source may print a value: 1080 as '1080' or '1,080'; 27.4 as '27.40'; 5.2% as '52 per thousand'
    (Brugha et al. publish per 1,000); a ratio of 2 as 'twice', of 1.5 as '50% higher'."""
    found = {f"{value:g}", f"{value:.2f}", f"{value * 10:g} per thousand", f"{(value - 1) * 100:g}% higher"}
    if value == int(value):
        found |= {f"{value:,.0f}", *NUMBER_WORDS.get(int(value), ())}
    return found


def derived_from_quote(row, quote: str) -> bool:
    """An observed/expected ratio the research team derived (MO08: 342/45.8): both counts are in the quote."""
    numbers = [float(text) for text in re.findall(r"\d+(?:\.\d+)?", quote.replace(",", ""))]
    return row["ratio_type"] == "observed/expected" and any(
        abs(row["cohort_numerator"] / expected - row["published_ratio"]) < 0.005 for expected in numbers if expected)


def figures_of(row) -> list[float]:
    """The figures a row states: its value, counts, comparator and published ratio (the comparator only where the
    quote is the comparator's too, which every row with a shared source id is)."""
    columns = ["cohort_value", "cohort_numerator", "cohort_denominator", "published_ratio"]
    if row["comparator_source_id"] == row["cohort_source_id"]:
        columns += ["comparator_value", "comparator_numerator", "comparator_denominator"]
    return [row[column] for column in columns if row[column] == row[column]]


def test_every_rows_figures_appear_in_its_own_quote(bundled_evidence):
    missing = []
    for _, row in bundled_evidence.evidence.iterrows():
        quote = row["quote"] if isinstance(row["quote"], str) else ""
        for value in figures_of(row):
            if value == row["published_ratio"] and derived_from_quote(row, quote):
                continue
            if not any(re.search(rf"(?<![\d.]){re.escape(text)}(?![\d])", quote) for text in spellings(value)):
                missing.append((row["evidence_id"], value))
    assert missing == []


@pytest.mark.parametrize("cohort", COHORTS)
def test_every_headline_has_a_primary_source_or_says_it_is_secondary(bundled_comparison, cohort):
    for need, row in headline_rows(bundled_comparison, cohort):
        if row is None:
            continue
        wording = headline_wording(need, row, cohort)
        if row["source_status"] == "secondary":
            assert "secondary source only" in wording.source, (cohort, need)
        else:
            assert row["source_status"] in ("primary", "primary_mirror")
        assert f"data {int(row['data_year'])}" in wording.source and f"grade {row['grade']}" in wording.source
        assert wording.caution.startswith("Caution: ")


def test_smoking_tile_carries_its_own_caveat(bundled_comparison):
    row = dict(headline_rows(bundled_comparison, "prison"))["Smoking"]
    wording = headline_wording("Smoking", row, "prison")
    assert wording.value == "80%"  # no ratio: not like for like
    assert "Predates smoke-free prisons" in wording.caption and "14.9%" in wording.caption
    assert "Predates smoke-free prisons" in wording.slide_text


def test_standardised_comparisons_on_the_bundled_inputs(bundled_comparison):
    data = load_standardisation(BUNDLED)
    prison = standardised_table(data.comparisons, data.inputs, bundled_comparison, "prison").set_index("Need")
    # (81,856 x 16.8 + 4,007 x 13.0) / 85,863 = 16.6%: 80% / 14.9% = 5.4x crude, 80% / 16.6% = 4.8x for sex.
    smoking = prison.loc["Smoking"]
    assert (smoking["Crude ratio"], smoking["Standardised ratio"], smoking[EXPECTED_COLUMN]) == (
        "5.4×", "4.8×", "16.6%")
    assert smoking["Standardised for"] == "sex" and "age group and sex" in smoking["Not reached"]
    probation = standardised_table(data.comparisons, data.inputs, bundled_comparison, "probation").iloc[0]
    assert probation["Standardised ratio"] == "not computed" and "probation caseload" in probation["Not reached"]
