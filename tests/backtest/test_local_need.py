"""Back-tests of local need on the real data/ files: the national cohort sizes and sex splits the estimator takes
from data/cohort_sizes.csv and cohort_facts.csv, and the estimate on the bundled evidence.

Every expected value is worked by hand in the comment beside it (never by running the code).
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.cohort_sizes import latest_snapshot
from analysis.local_need import cohort_size, cohorts
from analysis.local_need import estimate as est
from core.errors import DataFileMalformedError
from loaders.cohort_facts import COHORT_FACTS_FILE, read_cohort_facts
from loaders.national import read_cohort_sizes
from present import local_need_table as tables
from present import local_need_text as text
from tests.conftest import BUNDLED


@pytest.fixture(scope="module")
def real_sizes() -> pd.DataFrame:
    return read_cohort_sizes(BUNDLED / "cohort_sizes.csv")


@pytest.fixture(scope="module")
def real_facts() -> pd.DataFrame:
    return read_cohort_facts(BUNDLED / COHORT_FACTS_FILE)


def test_prison_releases_are_the_four_latest_quarters_added_up(real_sizes):
    # 14,920 (Jul-Sep 2024) + 15,730 (Oct-Dec 2024) + 13,296 (Jan-Mar 2025) + 14,946 (Apr-Jun 2025) = 58,892
    national = cohort_size.national_size(real_sizes, "prison_release")
    assert [figure.value for figure in national.inputs] == [14_920, 15_730, 13_296, 14_946]
    assert national.value == 58_892 and national.computed and "computed annual total" in national.label
    quarters = real_sizes[(real_sizes["cohort"] == "prison_release") & (real_sizes["period_type"] == "quarter")]
    assert sorted(quarters["reference_date"])[-4:] == list(cohorts.RELEASE_QUARTERS)  # still the latest four


def test_probation_is_the_latest_caseload_snapshot(real_sizes):
    national = cohort_size.national_size(real_sizes, "probation")
    assert national.value == 244_209 and not national.computed and national.geography_code == "K04000001"
    assert latest_snapshot(real_sizes, "probation")["value"] == national.value


def test_police_custody_uses_arrests_labelled_as_a_proxy(real_sizes):
    national = cohort_size.national_size(real_sizes, "police_custody")
    assert national.value == 720_506 and national.label.startswith("Proxy: arrests")
    assert "Arrests are not detentions" in national.reason
    arrests = real_sizes[real_sizes["cohort"] == "police_custody"]
    assert arrests["reference_date"].max() == "2024-03-31"  # still the latest arrests row


def test_liaison_and_diversion_has_no_national_size(real_sizes):
    national = cohort_size.national_size(real_sizes, "liaison_diversion")
    assert national.value is None and "enter your local figure" in national.reason


def test_published_sex_splits(real_sizes, real_facts):
    # arrests 2023/24: males 84%, females 16%
    arrests = cohort_size.published_sex_split("police_custody", cohort_sizes=real_sizes, cohort_facts=real_facts)
    assert (arrests.men, arrests.women) == pytest.approx((0.84, 0.16))
    # prison population 30 Sep 2025 (proxy for releases): women 972 + 2,535 = 3,507 of 87,465 = 4.0096%
    prison = cohort_size.published_sex_split("prison_release", cohort_sizes=real_sizes, cohort_facts=real_facts)
    assert prison.women == pytest.approx(3507 / 87465) and "proxy for releases" in prison.source
    assert cohort_size.published_sex_split("probation", cohort_sizes=real_sizes, cohort_facts=real_facts) is None


def test_real_default_is_the_england_share(real_sizes, real_facts):
    # probation: 244,209 x 56,489,800 / 59,597,300 = 231,475.55 in England; an area with England's adults gets it all
    england = pd.DataFrame([{"area_code": "E92000001", "area_name": "England", "area_type": "country",
                             "age": "20-24", "age_from": 20, "age_to": 24, "band": "five-year", "population": 1000}])
    size = cohort_size.default_cohort_size("probation", "E92000001", "country", cohort_sizes=real_sizes,
                                  cohort_facts=real_facts, population=england)
    assert size.value == pytest.approx(231_475.55, abs=0.01)


def test_every_need_in_the_evidence_has_board_words_and_local_indicators_exist(bundled_comparison):
    comparison = bundled_comparison
    for cohort in cohorts.ESTIMATOR_COHORTS:
        rows = est.evidence_rows(comparison, cohort)
        assert not rows.empty, cohort
        assert set(rows["indicator"]) <= set(text.NEED_PHRASES), cohort
    percent_ids = set(comparison.loc[comparison["unit"] == "%", "indicator_id"])
    assert set(cohorts.LOCAL_INDICATORS) <= percent_ids


def test_the_real_estimate_has_every_column_and_no_rounding(real_sizes, real_facts, bundled_comparison):
    comparison = bundled_comparison
    split = cohort_size.published_sex_split("prison_release", cohort_sizes=real_sizes, cohort_facts=real_facts)
    frame = tables.need_frame(est.estimate_need(est.evidence_rows(comparison, "prison_release"), 244.4,
                                                cohort="prison_release", sex_split=split))
    assert list(frame.columns) == tables.NEED_COLUMNS
    psychosis = frame.set_index("indicator_ids").loc["MH01"]
    # 244.4 x 5.2% = 12.7088 (95% CI 244.4 x 4.5% = 10.998 to 244.4 x 6.0% = 14.664)
    assert psychosis["expected"] == pytest.approx(12.7088)
    assert (psychosis["expected_low"], psychosis["expected_high"]) == pytest.approx((10.998, 14.664))
    assert "No national prevalence has been published for people leaving prison" in psychosis["evidence_note"]


def test_cohort_facts_file_is_valid_and_checked(tmp_path, real_facts):
    assert real_facts["fact_id"].is_unique
    england = real_facts.set_index("fact_id").loc["census2021_population_england", "value"]
    assert england == 56_489_800
    broken = pd.read_csv(BUNDLED / "cohort_facts.csv", dtype=str, keep_default_na=False)
    broken.loc[3, "value"] = "184"  # a percent above 100
    broken.loc[4, "source_url"] = "not a link"
    broken.to_csv(tmp_path / "cohort_facts.csv", index=False)
    with pytest.raises(DataFileMalformedError) as caught:
        read_cohort_facts(tmp_path / "cohort_facts.csv")
    problems = {(problem.row, problem.column) for problem in caught.value.problems}
    assert (6, "source_url") in problems and any(row == 5 for row, _ in problems)
