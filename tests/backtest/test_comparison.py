"""Back-tests of the comparison on the bundled evidence: which row heads each need for every cohort (worked by
hand from analysis.headline's rule), the sex filter, and the ratios behind the tiles."""

import pytest

from analysis.comparison import filter_comparison
from analysis.headline import headline_rows

# Need order: mental illness, drugs and alcohol, LD and brain injury, smoking, homelessness, early death.
EXPECTED_HEADLINES = {
    # MH01: the one like-for-like mental-health pair. SM03 (grade C, primary) beats the secondary SM01/SM02/SM06.
    # LD06 (matched on deprivation) beats LD05 (2.5x, not matched on deprivation). SMK01: the only smoking row.
    # SC03 (national records, grade B) beats SC01 (secondary, different measures). MO02: all-cause SMR.
    "prison": ("MH01", "SM03", "LD06", "SMK01", "SC03", "MO02"),
    # MO03 (all-cause SMR, 1996-97) heads early death, not the newer suicide ratio MO05: the same measure as prison.
    "probation": ("MH10", "SM07", None, None, "SC05", "MO03"),
    # MO13: a count (17 deaths), the only mortality figure for police custody.
    "police_custody": ("MH12", None, "LD02", None, None, "MO13"),
    # No like-for-like all-cause ratio after release: the age-standardised suicide SMR (MO09) heads early death.
    "prison_release": (None, None, None, None, None, "MO09"),
    "liaison_diversion": ("MH13", None, None, None, None, None),
}


@pytest.mark.parametrize("cohort", EXPECTED_HEADLINES)
def test_every_cohorts_headlines(bundled_comparison, cohort):
    picked = tuple(None if row is None else row["indicator_id"] for _, row in headline_rows(bundled_comparison, cohort))
    assert picked == EXPECTED_HEADLINES[cohort]


def test_sex_filter_is_exact(bundled_comparison):
    women = filter_comparison(bundled_comparison, ["prison"], "female")
    assert set(women["sex"]) == {"female"}
    assert set(women["indicator_id"]) == {"MH05", "MH07", "MH15", "SM04"}


def test_psychosis_ratio_from_published_figures(bundled_comparison):
    row = bundled_comparison.set_index("indicator_id").loc["MH01"]
    assert row["ratio"] == pytest.approx(5.2 / 0.45)  # 11.5556: the paper says 'over 10 times greater'
    assert row["ratio_text"] == "11.6×"


def test_matched_head_injury_ratio_from_the_published_counts(bundled_comparison):
    # 1,080/4,374 = 24.69% vs 2,394/13,122 = 18.24%: RR 1.3534, log-method 95% CI 1.2705 to 1.4417.
    row = bundled_comparison.set_index("indicator_id").loc["LD06"]
    assert row["ratio"] == pytest.approx(1.3534, abs=1e-4)
    assert (row["ratio_ci_low"], row["ratio_ci_high"]) == (pytest.approx(1.2705, abs=1e-4),
                                                           pytest.approx(1.4417, abs=1e-4))
    assert row["ratio_text"] == "1.4×"


@pytest.mark.parametrize(("evidence_id", "was"), [("SM01", 64 / 13), ("SMK01", 80 / 14.9), ("SC01", 15 / 3.5),
                                                  ("MH06", 64 / 4.4), ("MH07", 50 / 4.4)])
def test_the_reviews_overstated_ratios_are_context_now(bundled_comparison, evidence_id, was):
    # The review (Dec 2026) found each not like for like: 4.9x, 5.4x, 4.3x, 14.5x and 11.4x before.
    row = bundled_comparison.set_index("indicator_id").loc[evidence_id]
    assert row["ratio_basis"] == "context_only" and row["ratio_text"] == ""
    assert was > 4
