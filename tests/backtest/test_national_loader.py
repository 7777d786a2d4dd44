"""Back-tests of the bundled national evidence (data/national_prevalence.csv, sources.csv, cohort_sizes.csv): its
row counts and the published figures of named rows."""

import pandas as pd

from loaders.national import read_cohort_sizes
from loaders.schemas import CANONICAL_COLUMNS
from tests.conftest import BUNDLED


def test_bundled_files_load_with_expected_row_counts(bundled_evidence):
    # 55 evidence rows; 30 publish a general-population percentage: the 29 of the first 40 (all but MH08, MH09,
    # PH01, MO01-MO08) and LD06 of the 15 added in December 2026 (the others are ratios, counts or lone figures).
    assert len(bundled_evidence.evidence) == 55
    assert len(bundled_evidence.measures) == 55 + 30
    assert (bundled_evidence.measures["cohort"] == "general_population").sum() == 30
    assert list(bundled_evidence.measures.columns) == CANONICAL_COLUMNS


def test_psychosis_row_matches_brugha_2005(bundled_evidence):
    # Brugha et al. 2005: prison 52 per 1,000 (95% CI 45-60), household 4.5 per 1,000 (3.1-5.8).
    rows = bundled_evidence.measures[bundled_evidence.measures["indicator_id"] == "MH01"].set_index("cohort")
    assert rows.loc["prison", ["value", "ci_low", "ci_high"]].tolist() == [5.2, 4.5, 6.0]
    assert rows.loc["general_population", ["value", "ci_low", "ci_high"]].tolist() == [0.45, 0.31, 0.58]
    assert rows.loc["general_population", "area_code"] == "K03000001"  # Great Britain households
    assert rows.loc["prison", "ci_method"] == "published by the source"


def test_ratio_only_row_keeps_the_published_ratio_and_words(bundled_evidence):
    # ONS 2023: 'the risk of male prisoners dying by suicide was 3.9 times higher'
    row = bundled_evidence.measures[bundled_evidence.measures["indicator_id"] == "MO04"].iloc[0]
    assert (row["unit"], row["value"], row["sex"]) == ("ratio", 3.9, "male")
    assert bundled_evidence.evidence.set_index("evidence_id").loc["MO04", "ratio_wording"] == "3.9 times higher"
    assert not (bundled_evidence.measures["indicator_id"] == "MO04").sum() > 1  # no invented comparator row


def test_comparator_sex_is_what_the_comparator_measured(bundled_evidence):
    # MH04 compares male prisoners with ALL adults (PRT compilation): the comparator row is persons.
    rows = bundled_evidence.measures[bundled_evidence.measures["indicator_id"] == "MH04"].set_index("cohort")
    assert rows.loc["prison", "sex"] == "male"
    assert rows.loc["general_population", "sex"] == "persons"


def test_cohort_sizes_keep_non_numeric_values_as_published():
    sizes = read_cohort_sizes(BUNDLED / "cohort_sizes.csv")
    assert len(sizes) == 23
    prison = sizes[(sizes["cohort"] == "prison") & (sizes["reference_date"] == "2025-09-30")].iloc[0]
    assert prison["value"] == 87465  # MoJ OMSQ: '87,465 prisoners in England and Wales as at 30 September 2025'
    police_contact = sizes[sizes["cohort"] == "police_contact"].iloc[0]
    assert pd.isna(police_contact["value"]) and police_contact["value_as_published"] == "<2"
