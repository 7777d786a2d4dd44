"""Back-test of the Fingertips benchmark rule on the real smoking extract in ../shared/data/indicators."""

from analysis.benchmark import NOT_COMPARED, benchmark_frame
from loaders.fingertips import read_fingertips_extract
from tests.support.open_data import shared_indicator_file


def test_real_extract_cannot_be_cross_checked_because_it_has_no_cis(indicator_register):
    """The extracts carry Fingertips' compared_to_England labels (Better/Worse/Similar) but no CIs and no
    counts, so our rule cannot reproduce those labels: every area is honestly 'Not compared'. The comparison
    with Fingertips' labels therefore cannot be checked on this file; it is checked on an API CSV fixture
    with CIs in tests/unit/test_benchmark.py, and the labels' direction is checked against the values in
    tests/backtest/test_indicators.py."""
    data = read_fingertips_extract(shared_indicator_file("fingertips_92443_smoking_prevalence_aps_ltla.csv"),
                                   indicator_register)
    joined = data.joined()
    assert joined["ci_low"].isna().all() and joined["numerator"].isna().all()
    labelled = joined["compared_to_england"].isin(["Better", "Worse", "Similar"])
    assert labelled.sum() == 685 + 409 + 3404  # Fingertips compared these, with CIs we were not given
    result = benchmark_frame(joined, polarity="low_is_good", level=0.95)
    assert (result["comparison"] == NOT_COMPARED).all()
    england_2023 = result[(result["area_code"] != "E92000001") & (result["period"] == "2023")]
    assert (england_2023["benchmark_value"] == 10.9).all()  # England 2023 as in the file
