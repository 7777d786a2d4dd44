"""Indirect standardisation (analysis.standardisation) and its files (loaders.standardisation), worked by hand."""

import shutil

import pandas as pd
import pytest

from analysis.standardisation import NO_SAMPLE, WILSON_OVER_EXPECTED, expected_prevalence, indirectly_standardised
from core.errors import DataFileMalformedError
from loaders.standardisation import COMPARISONS_FILE, INPUTS_FILE, load_standardisation
from tests.conftest import BUNDLED


def test_expected_prevalence_for_the_prison_populations_sex_mix():
    # (81,856 x 16.8 + 4,007 x 13.0) / 85,863 = (1,375,180.8 + 52,091) / 85,863 = 1,427,271.8 / 85,863 = 16.6227
    assert expected_prevalence({"male": 81856, "female": 4007}, {"male": 16.8, "female": 13.0}) == pytest.approx(
        16.6227, abs=1e-4)


def test_age_and_sex_strata_with_an_interval_from_the_cohorts_counts():
    # E = (60x20 + 20x10 + 15x15 + 5x5) / 100 = (1200 + 200 + 225 + 25) / 100 = 16.5%.
    # 40 of 100: Wilson 95% = (41.9208 -/+ 1.96 x sqrt(24.9604)) / 103.8416 = 30.940% to 49.800%;
    # divided by 16.5: 1.8752 to 3.0182. Standardised 40 / 16.5 = 2.4242; crude 40 / 14 = 2.8571.
    mix = {"male 18-29": 60, "male 30+": 20, "female 18-29": 15, "female 30+": 5}
    rates = {"male 18-29": 20, "male 30+": 10, "female 18-29": 15, "female 30+": 5}
    result = indirectly_standardised(40, 14, mix, rates, count=40, sample=100)
    assert result.expected == pytest.approx(16.5)
    assert result.standardised_ratio == pytest.approx(2.4242, abs=1e-4)
    assert result.crude_ratio == pytest.approx(2.8571, abs=1e-4)
    assert (result.low, result.high) == (pytest.approx(1.8752, abs=1e-3), pytest.approx(3.0182, abs=1e-3))
    assert result.interval_method == WILSON_OVER_EXPECTED


def test_without_a_sample_there_is_no_interval_and_it_says_why():
    result = indirectly_standardised(80, 14.9, {"male": 81856, "female": 4007}, {"male": 16.8, "female": 13.0})
    assert (result.low, result.high, result.interval_method) == (None, None, NO_SAMPLE)
    assert f"{result.crude_ratio:.1f}, {result.standardised_ratio:.1f}" == "5.4, 4.8"  # 80/14.9; 80/16.6227


def test_a_stratum_without_a_rate_is_an_error_not_a_guess():
    with pytest.raises(ValueError, match="strata differ"):
        expected_prevalence({"male": 10, "female": 5}, {"male": 16.8})


def test_a_comparison_that_names_no_inputs_must_say_what_is_missing(tmp_path):
    for name in (INPUTS_FILE, COMPARISONS_FILE):
        shutil.copyfile(BUNDLED / name, tmp_path / name)
    frame = pd.read_csv(tmp_path / COMPARISONS_FILE, dtype=str, keep_default_na=False)
    frame.loc[1, "not_reached"] = ""
    frame.to_csv(tmp_path / COMPARISONS_FILE, index=False)
    with pytest.raises(DataFileMalformedError) as caught:
        load_standardisation(tmp_path)
    [problem] = caught.value.problems
    assert (problem.row, problem.column) == (3, "not_reached")
