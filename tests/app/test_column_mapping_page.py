"""AppTest: a provider's own layout ("Quarter, Caseload, Mental health need") is mapped on the Your data page,
read by the template's rules, and the mapping is remembered for the next file with the same headers."""

import pytest

from tests.support.apptest import open_page
from ui import keys

PROVIDER_Q1 = "Quarter,Caseload,Mental health need\n2024/25 Q1,1650,690\n"
PROVIDER_Q2 = "Quarter,Caseload,Mental health need\n2024/25 Q2,1600,700\n"


@pytest.fixture
def app(app_with_open_data):
    return open_page(app_with_open_data, "pages/your_data.py")


def only_file(at):
    (partner,) = at.session_state[keys.YOUR_DATA_FILES].values()
    return partner


def test_a_provider_layout_is_mapped_read_and_remembered(app):
    at = app
    at.file_uploader(key=keys.your_data_uploader(0)).set_value([
        ("q1.csv", PROVIDER_Q1.encode(), "text/csv")]).run()
    partner = only_file(at)
    assert partner.result.rows_valid == 0
    part = lambda name: keys.your_data_mapping(partner.file_id, name)  # noqa: E731
    at.selectbox(key=part("period_column")).set_value("Quarter")
    at.selectbox(key=part("denominator_column")).set_value("Caseload")
    at.selectbox(key=part("numerator_column")).set_value("Mental health need")
    at.text_input(key=part("area_name_fixed")).set_value("Barnsley")
    at.selectbox(key=part("cohort_fixed")).set_value("probation")
    at.text_input(key=part("indicator_fixed")).set_value("Mental health need")
    at.button[[b.label for b in at.button].index("Read the file with this mapping")].click().run()
    assert not at.exception, [e.message for e in at.exception]
    partner = only_file(at)
    assert partner.result.rows_valid == 1 and partner.result.problems == []
    table = at.dataframe[0].value
    # 690 of 1,650 = 41.8% (one decimal place on screen).
    assert (table.at[0, "Area"], table.at[0, "Need"], table.at[0, "Prevalence (%)"]) == (
        "Barnsley", "Mental health need", "41.8")
    assert any("read with your column mapping" in caption.value for caption in at.caption)

    # The next file with the same headers is read with the mapping, without asking again.
    at.file_uploader(key=keys.your_data_uploader(1)).set_value([
        ("q2.csv", PROVIDER_Q2.encode(), "text/csv")]).run()
    second = [p for p in at.session_state[keys.YOUR_DATA_FILES].values() if p.name == "q2.csv"][0]
    assert second.result.rows_valid == 1 and second.mapping == partner.mapping


def test_an_incomplete_mapping_is_explained_and_nothing_is_read(app):
    at = app
    at.file_uploader(key=keys.your_data_uploader(0)).set_value([
        ("q1.csv", PROVIDER_Q1.encode(), "text/csv")]).run()
    partner = only_file(at)
    at.selectbox(key=keys.your_data_mapping(partner.file_id, "period_column")).set_value("Quarter")
    at.button[[b.label for b in at.button].index("Read the file with this mapping")].click().run()
    assert not at.exception
    assert any("The mapping cannot be used yet: nothing is given for: area\\_code or area\\_name" in error.value
               or "nothing is given for: area_code or area_name" in error.value for error in at.error)
    assert only_file(at).result.rows_valid == 0
