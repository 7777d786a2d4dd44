"""Back-tests of the real Fingertips extracts in ../shared/data/indicators: row counts, England's values and the
missing cells as in the files."""

from loaders.fingertips import read_fingertips_extract
from tests.support.open_data import shared_indicator_file

KEY = ["area_code", "indicator_id", "cohort", "sex", "age", "period", "source_id"]


def test_real_smoking_extract(indicator_register):
    data = read_fingertips_extract(shared_indicator_file("fingertips_92443_smoking_prevalence_aps_ltla.csv"),
                                   indicator_register)
    measures = data.measures
    assert len(measures) == 4587  # every line of the file (no inequality rows in it)
    assert not measures.duplicated(KEY).any()
    england = measures[measures["area_code"] == "E92000001"].set_index("period")["value"]
    assert len(england) == 14 and england["2023"] == 10.9 and england["2011"] == 19.8  # as in the file
    assert measures["value"].isna().sum() == 75  # the 75 NA cells, none turned into 0
    assert (measures["area_type"] != "country").sum() == 4573 and set(measures["area_type"]) == {"country", "lad"}


def test_real_depression_extract(indicator_register):
    data = read_fingertips_extract(shared_indicator_file("fingertips_848_depression_qof_prevalence_ltla.csv"),
                                   indicator_register)
    measures = data.measures
    assert len(measures) == 3011 and not measures.duplicated(KEY).any()
    england = measures[measures["area_code"] == "E92000001"].set_index("period")["value"]
    assert england["2024/25"] == 14.3 and "2023/24" not in england.index
    assert set(data.details["compared_to_england"]) == {"Higher 99.8", "Lower 99.8", "Similar", "Not compared"}
