"""Back-tests of the comparison on the bundled evidence: which row heads each need, the sex filter, and the
psychosis ratio from Brugha et al. 2005."""

import pytest

from analysis.comparison import filter_comparison, headline_rows


def test_headlines_for_prison_pick_the_strongest_evidence(bundled_comparison):
    picked = {need: (row["indicator_id"] if row is not None else None)
              for need, row in headline_rows(bundled_comparison, "prison")}
    # Mental illness: MH01 (high comparability, national probability survey) beats MH06 (moderate).
    assert picked["Mental illness"] == "MH01"
    # Homelessness: SC01 (moderate) beats SC02 (low: unemployment rate is a different definition).
    assert picked["Homelessness and unemployment"] == "SC01"
    # Early death: the standardised ratios (high) beat Rebalancing Act's unverified '50% higher' (low).
    assert picked["Early death"] == "MO02"


def test_headline_for_a_cohort_without_evidence_is_none(bundled_comparison):
    picked = dict(headline_rows(bundled_comparison, "liaison_diversion"))
    assert picked["Smoking"] is None
    assert picked["Mental illness"]["indicator_id"] == "MH13"


def test_sex_filter_is_exact(bundled_comparison):
    women = filter_comparison(bundled_comparison, ["prison"], "female")
    assert set(women["sex"]) == {"female"}
    assert set(women["indicator_id"]) == {"MH05", "MH07", "MH15", "SM04"}


def test_psychosis_ratio_from_published_figures(bundled_comparison):
    row = bundled_comparison.set_index("indicator_id").loc["MH01"]
    assert row["ratio"] == pytest.approx(5.2 / 0.45)  # 11.5556: the paper says 'over 10 times greater'
    assert row["ratio_text"] == "11.6×"
