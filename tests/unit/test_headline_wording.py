"""The words of the Overview's tiles (present.headline), for each kind of figure, worked from the row."""

import pandas as pd

from core.comparison_codes import RatioBasis
from present.headline import headline_wording

ROW = {"indicator": "Current tobacco smoking", "sex": "persons", "cohort_value": 80.0, "comparator_value": 14.9,
       "comparator": "adults in England", "cohort_source": "O'Moore 2018", "data_year": 2018, "grade": "D",
       "source_status": "secondary", "weakness": "Predates smoke-free prisons (2018)",
       "comparison_design": "same_measure_crude", "ratio_basis": RatioBasis.CONTEXT_ONLY, "period": "2018"}


def test_a_context_tile_shows_the_two_figures_no_ratio_and_its_caution():
    wording = headline_wording("Smoking", pd.Series(ROW), "prison")
    assert wording.value == "80%"
    assert wording.sentence == ("Current tobacco smoking: 80% of people in prison. No like-for-like comparison: the "
                                "same measure, but the general population's age and sex mix differs or is not "
                                "stated. General population, as context only: 14.9% (adults in England).")
    assert wording.caution == "Caution: Predates smoke-free prisons (2018)."
    assert wording.source == "O'Moore 2018 · data 2018 · grade D · secondary source only"
    assert wording.slide_text.endswith("Caution: Predates smoke-free prisons (2018).")


def test_a_count_tile_says_it_is_not_a_rate():
    row = {**ROW, "indicator": "Deaths in or following police custody", "ratio_basis": RatioBasis.COUNT,
           "cohort_count": 17.0, "period": "April 2024 to March 2025", "source_status": "primary_mirror",
           "grade": "B", "cohort_value": float("nan"), "comparator_value": float("nan")}
    wording = headline_wording("Early death", pd.Series(row), "police_custody")
    assert wording.value == "17"
    assert "A count, not a rate" in wording.sentence and "grade B" in wording.source
    assert "secondary" not in wording.source


def test_a_need_without_evidence_fits_the_tile():
    assert headline_wording("Smoking", None, "probation").value == "No national figure"
