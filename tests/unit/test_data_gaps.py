"""The words and tables about missing local data (present.data_gaps) and the indicator picker's groups
(present.indicator_groups), on small hand-made registers."""

import pandas as pd

from present import data_gaps, indicator_groups
from present.data_gaps import NO_VERIFIED_ID, NOT_DOWNLOADED, JusticeGap

REGISTER = pd.DataFrame({
    "indicator_id": ["92443", "10401", "41001", "phof_c20", "848"],
    "short_name": ["Adult smoking (APS)", "First-time entrants", "Suicide rate", "Treatment after prison",
                   "Depression (QOF, 18+)"],
    "domain": ["smoking", "justice", "justice", "justice", "mental_health"],
    "id_status": ["verified", "verified", "verified", "not_found", "verified"],
})


def test_each_justice_indicator_gets_its_missing_files_or_the_reason_there_are_none():
    # 10401 lacks both tier files; 41001 lacks only its district file; C20 has no verified id at all.
    missing = {"fingertips_10401_lad", "fingertips_10401_utla", "fingertips_41001_lad", "utla_hexjson"}
    gaps = data_gaps.justice_gaps(REGISTER, missing)
    assert [(g.indicator_id, g.status, g.missing_keys) for g in gaps] == [
        ("10401", NOT_DOWNLOADED, ("fingertips_10401_lad", "fingertips_10401_utla")),
        ("41001", NOT_DOWNLOADED, ("fingertips_41001_lad",)),
        ("phof_c20", NO_VERIFIED_ID, ()),
    ]
    assert gaps[1].missing_files == ("indicators/fingertips_api_41001_at501.csv",)


def test_the_page_words_name_the_indicators_and_why_in_plain_words():
    gaps = [JusticeGap("10401", "First-time entrants", NOT_DOWNLOADED, ("fingertips_10401_lad",
                                                                       "fingertips_10401_utla")),
            JusticeGap("41001", "Suicide rate", NOT_DOWNLOADED, ("fingertips_41001_lad",)),
            JusticeGap("phof_c20", "Treatment after prison", NO_VERIFIED_ID)]
    words = data_gaps.justice_gap_words(gaps)
    # No file, id or command on a reader page: Data status has them.
    assert words == ("Not in the data on this machine yet: **First-time entrants** and **Suicide rate**. Ask your "
                     "analyst to refresh the data (Data status). Not available: **Treatment after prison**, which "
                     "could not yet be matched to a published national indicator.")


def test_nothing_is_said_when_every_justice_file_is_there():
    gaps = data_gaps.justice_gaps(REGISTER[REGISTER["id_status"] == "verified"], missing=set())
    assert [g.status for g in gaps] == [data_gaps.IN_FOLDER, data_gaps.IN_FOLDER]
    assert data_gaps.justice_gap_words(gaps) is None


def test_data_status_tables_give_the_exact_command_for_each_file():
    files = data_gaps.missing_files_table({"fingertips_41001_utla", "utla_hexjson"})
    assert files["File"].tolist() == ["hexjson/england_utla_2023_derived.hexjson",
                                      "indicators/fingertips_api_41001_at502.csv"]  # catalogue order
    assert files["Command"].tolist() == ["make data-import SRC=<folder>",  # no publisher serves this one
                                         "python -m acquire download --only fingertips_41001_utla"]
    table = data_gaps.justice_table(data_gaps.justice_gaps(REGISTER, {"fingertips_10401_lad",
                                                                      "fingertips_10401_utla"}))
    row = table.set_index("Fingertips id").loc["10401"]
    assert row["Command"] == "python -m acquire download --only fingertips_10401_lad fingertips_10401_utla"
    assert row["Files not in the data folder"] == ("indicators/fingertips_api_10401_at501.csv, "
                                                   "indicators/fingertips_api_10401_at502.csv")
    assert table["Status"].tolist()[1:] == ["In the data folder", data_gaps.STATUS_WORDS[NO_VERIFIED_ID]]
    assert table["Fingertips id"].tolist()[2] == "not verified"


def test_the_picker_offers_general_needs_then_the_justice_group():
    options = indicator_groups.indicator_options(REGISTER, ["41001", "848", "10401", "92443"])
    assert options == ["92443", "848", "10401", "41001"]  # register order inside each group
    rows = REGISTER.set_index("indicator_id")
    assert indicator_groups.indicator_label(rows.loc["41001"]) == "Justice: Suicide rate"
    assert indicator_groups.indicator_label(rows.loc["848"]) == "Depression (QOF, 18+)"


def test_one_missing_indicator_and_no_unverified_one():
    words = data_gaps.justice_gap_words([JusticeGap("41001", "Suicide rate", NOT_DOWNLOADED,
                                                    ("fingertips_41001_lad",))])
    assert words == ("Not in the data on this machine yet: **Suicide rate**. Ask your analyst to refresh the data "
                     "(Data status).")  # and nothing about unverified ids: none in this list
