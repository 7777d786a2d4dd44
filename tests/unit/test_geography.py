"""Lookups, code changes and roll-ups, with expected values worked out by hand on tiny files written here."""

from pathlib import Path

import pandas as pd
import pytest

from analysis.geography_codes import CodeReason, map_to_current_codes
from analysis.geography_rollup import roll_up
from core.errors import DataFileMalformedError, DataFileMissingError
from loaders.lookups import CODE_CHANGES_FILE, LAD_LOOKUP_FILE, codes_in_force, read_code_changes, read_lad_lookup
from loaders.schemas import GeographyReportSchema

CHANGES_HEADER = ("old_code,old_name,old_parent_code,old_end_date,new_code,new_name,new_start_date,change_type,"
                  "source,notes")
# A few real changes (ONS Code History Database), enough for every kind of change.
CHANGES_ROWS = [
    "E07000190,Taunton Deane,E10000027,2019-03-31,E07000246,Somerset West and Taunton,2019-04-01,merge,ONS,",
    "E07000191,West Somerset,E10000027,2019-03-31,E07000246,Somerset West and Taunton,2019-04-01,merge,ONS,",
    "E07000187,Mendip,E10000027,2023-03-31,E06000066,Somerset,2023-04-01,merge,ONS,",
    "E07000188,Sedgemoor,E10000027,2023-03-31,E06000066,Somerset,2023-04-01,merge,ONS,",
    "E07000189,South Somerset,E10000027,2023-03-31,E06000066,Somerset,2023-04-01,merge,ONS,",
    "E07000246,Somerset West and Taunton,E10000027,2023-03-31,E06000066,Somerset,2023-04-01,merge,ONS,",
    "E10000027,Somerset,E12000009,2023-03-31,E06000066,Somerset,2023-04-01,county to unitary,ONS,Same area",
    "E10000021,Northamptonshire,E12000004,2021-03-31,E06000061,North Northamptonshire,2021-04-01,county split,ONS,",
    "E10000021,Northamptonshire,E12000004,2021-03-31,E06000062,West Northamptonshire,2021-04-01,county split,ONS,",
    "E07000150,Corby,E10000021,2021-03-31,E06000061,North Northamptonshire,2021-04-01,merge,ONS,",
    "E07000152,East Northamptonshire,E10000021,2021-03-31,E06000061,North Northamptonshire,2021-04-01,merge,ONS,",
    "E07000153,Kettering,E10000021,2021-03-31,E06000061,North Northamptonshire,2021-04-01,merge,ONS,",
    "E07000156,Wellingborough,E10000021,2021-03-31,E06000061,North Northamptonshire,2021-04-01,merge,ONS,",
    "E10000009,Dorset,E12000009,2019-03-31,E06000059,Dorset,2019-04-01,county to unitary,ONS,",
    'E07000048,Christchurch,E10000009,2019-03-31,E06000058,"Bournemouth, Christchurch and Poole",2019-04-01,'
    "merge,ONS,",
    "E07000049,East Dorset,E10000009,2019-03-31,E06000059,Dorset,2019-04-01,merge,ONS,",
    "E08000016,Barnsley,E12000003,2025,E08000038,Barnsley,2025,recode (minor boundary change),ONS 2025,",
    "E08000019,Sheffield,E12000003,2025,E08000039,Sheffield,2025,recode (minor boundary change),ONS 2025,",
]
LOOKUP_HEADER = "lad_code,lad_name,lad_type,utla_code,utla_name,utla_type,region_code,region_name,lad_code_2025"
# A cut-down lookup: in this fixture Cambridgeshire has only two districts (it really has five).
LOOKUP_ROWS = [
    "E07000008,Cambridge,Non-metropolitan district,E10000003,Cambridgeshire,County,E12000006,East of England,E07000008",
    "E07000010,Fenland,Non-metropolitan district,E10000003,Cambridgeshire,County,E12000006,East of England,E07000010",
    "E06000031,Peterborough,Unitary authority,E06000031,Peterborough,Unitary authority,E12000006,East of England,"
    "E06000031",
    "E08000016,Barnsley,Metropolitan district,E08000016,Barnsley,Metropolitan district,E12000003,"
    "Yorkshire and The Humber,E08000038",
]


def write_csv(path: Path, header: str, rows: list[str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def changes(tmp_path) -> pd.DataFrame:
    return read_code_changes(write_csv(tmp_path / "lookups" / CODE_CHANGES_FILE, CHANGES_HEADER, CHANGES_ROWS))


@pytest.fixture
def lookup(tmp_path) -> pd.DataFrame:
    write_csv(tmp_path / "lookups" / LAD_LOOKUP_FILE, LOOKUP_HEADER, LOOKUP_ROWS)
    return read_lad_lookup(tmp_path)  # a data folder: the file is found in its lookups/ sub-folder


def figures(rows: list[tuple]) -> pd.DataFrame:
    """(area_code, period, numerator, denominator) rows; value is the percentage, CI left blank."""
    frame = pd.DataFrame(rows, columns=["area_code", "period", "numerator", "denominator"])
    frame.insert(1, "area_name", "as published")
    frame["numerator"] = frame["numerator"].astype(float)
    frame["denominator"] = frame["denominator"].astype(float)
    frame["value"] = frame["numerator"] / frame["denominator"] * 100
    frame["ci_low"] = float("nan")
    return frame


def by_code(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.set_index("area_code")


# --- reading ---------------------------------------------------------------------------------------------------

def test_code_changes_are_read_with_the_recode_qualifier_set_apart(changes):
    assert len(changes) == len(CHANGES_ROWS)
    barnsley = changes[changes["old_code"] == "E08000016"].iloc[0]
    assert barnsley["change_type"] == "recode" and barnsley["change_detail"] == "minor boundary change"
    assert changes["change_type"].value_counts().to_dict() == {
        "merge": 12, "county to unitary": 2, "county split": 2, "recode": 2}


def test_code_change_errors_name_row_column_and_rule(tmp_path):
    rows = [
        "E07000190,Taunton Deane,E10000027,2019-03-31,E07000246,Somerset West and Taunton,2019-04-01,abolished,ONS,",
        "E07000191,West Somerset,E10000027,2019-03-31,E07000191,West Somerset,2019-04-01,merge,ONS,",
        "E07000187,Mendip,E10000027,2023-03-31,E06000066,Somerset,2023-04-01,merge,ONS,",
        "E07000187,Mendip,E10000027,2023-03-31,E06000065,North Yorkshire,2023-04-01,merge,ONS,",
    ]
    path = write_csv(tmp_path / CODE_CHANGES_FILE, CHANGES_HEADER, rows)
    with pytest.raises(DataFileMalformedError) as caught:
        read_code_changes(path)
    text = str(caught.value)
    assert "row 2, column 'change_type': 'abolished' is not one of the allowed values" in text
    assert "row 3: old_code and new_code are the same" in text
    assert "row 4: this old_code has several rows (successors) but change_type is not 'county split'" in text
    assert "row 5: this old_code has several rows" in text


def test_lookup_rules_and_missing_lookup(tmp_path):
    with pytest.raises(DataFileMissingError, match=f"{LAD_LOOKUP_FILE} is missing"):
        read_lad_lookup(tmp_path)
    wrong = [LOOKUP_ROWS[0], LOOKUP_ROWS[1].replace("E12000006", "E12000005"),
             "E06000031,Peterborough,Unitary authority,E10000003,Cambridgeshire,County,E12000006,East of England,"
             "E06000031"]
    path = write_csv(tmp_path / LAD_LOOKUP_FILE, LOOKUP_HEADER, wrong)
    with pytest.raises(DataFileMalformedError) as caught:
        read_lad_lookup(path)
    text = str(caught.value)
    assert "row 2: this row's UTLA is given a different region on another row" in text
    assert "row 4: a unitary, metropolitan district or London borough must be its own UTLA" in text


def test_codes_in_force_follow_the_vintage(lookup):
    in_2023, in_2025 = codes_in_force(lookup), codes_in_force(lookup, 2025)
    assert {"E07000008", "E10000003", "E12000006", "E92000001", "E08000016"} <= in_2023
    assert "E08000038" not in in_2023
    assert "E08000038" in in_2025 and "E08000016" not in in_2025
    with pytest.raises(ValueError, match="cannot list 2022 codes"):
        codes_in_force(lookup, 2022)


# --- mapping codes ---------------------------------------------------------------------------------------------

def test_a_merge_adds_counts_of_two_old_districts(changes):
    frame = figures([("E07000190", "2018", 30, 100), ("E07000191", "2018", 10, 50),
                     ("E07000190", "2017", 5, 10), ("E07000191", "2017", 1, 10)])
    mapped, report = map_to_current_codes(frame, changes, target_vintage=2022, recompute_value_per=100)
    # Somerset West and Taunton (2019) = Taunton Deane + West Somerset:
    # 2018: 30 + 10 = 40 of 100 + 50 = 150, so 40 / 150 x 100 = 26.67%; 2017: 6 of 20 = 30%.
    assert mapped["area_code"].tolist() == ["E07000246", "E07000246"]
    assert mapped["area_name"].tolist() == ["Somerset West and Taunton"] * 2
    assert mapped["period"].tolist() == ["2018", "2017"]
    assert mapped["numerator"].tolist() == [40, 6] and mapped["denominator"].tolist() == [150, 20]
    assert mapped["value"].tolist() == pytest.approx([26.666667, 30.0])
    assert mapped["ci_low"].isna().all() and set(mapped["code_status"]) == {"merged"}
    assert set(report["action"]) == {"merged"} and report.set_index("code")["rows"].to_dict() == {
        "E07000190": 2, "E07000191": 2}
    assert set(report["new_code"]) == {"E07000246"}
    # Without recompute_value_per a merged row's rate is left empty: rates cannot be added.
    plain, _ = map_to_current_codes(frame, changes, target_vintage=2022)
    assert plain["value"].isna().all() and plain["numerator"].tolist() == [40, 6]


def test_default_2023_codes_chain_merges_and_refuse_incomplete_sums(changes):
    two = figures([("E07000190", "2018", 30, 100), ("E07000191", "2018", 10, 50)])
    mapped, report = map_to_current_codes(two, changes)
    # By 2023 both are part of Somerset (E06000066), whose other districts are missing: kept and flagged, not summed.
    assert mapped["area_code"].tolist() == ["E07000190", "E07000191"]
    assert set(mapped["code_status"]) == {"flagged"}
    assert "E07000187 Mendip, E07000188 Sedgemoor, E07000189 South Somerset is missing" in mapped["code_note"][0]
    assert report["action"].tolist() == ["flagged", "flagged"]
    five = figures([("E07000187", "2018", 1, 10), ("E07000188", "2018", 2, 10), ("E07000189", "2018", 3, 10),
                    ("E07000190", "2018", 4, 10), ("E07000191", "2018", 5, 10)])
    somerset, _ = map_to_current_codes(five, changes)
    # Taunton Deane + West Somerset -> Somerset West and Taunton (2019) -> Somerset (2023), with the other three:
    # 1 + 2 + 3 + 4 + 5 = 15 of 50.
    assert somerset[["area_code", "numerator", "denominator"]].values.tolist() == [["E06000066", 15, 50]]


def test_a_split_county_is_flagged_not_dropped(changes):
    frame = figures([("E10000021", "2019", 70, 100), ("E07000150", "2019", 1, 10), ("E07000152", "2019", 2, 10),
                     ("E07000153", "2019", 3, 10), ("E07000156", "2019", 4, 10)])
    mapped, report = map_to_current_codes(frame, changes)
    county = by_code(mapped).loc["E10000021"]
    assert county["code_status"] == "flagged" and county["numerator"] == 70 and county["value"] == 70
    assert "split into E06000061 North Northamptonshire and E06000062 West Northamptonshire" in county["code_note"]
    # Its North Northamptonshire districts can be added up: 1 + 2 + 3 + 4 = 10 of 40.
    north = by_code(mapped).loc["E06000061"]
    assert (north["numerator"], north["denominator"], north["code_status"]) == (10, 40, "merged")
    assert len(mapped) == 2
    flagged = report[report["action"] == "flagged"]
    assert flagged["code"].tolist() == ["E10000021"] and "cannot be divided" in flagged["reason"].iloc[0]


def test_barnsley_and_sheffield_recodes_both_ways(changes):
    frame = figures([("E08000038", "2025", 10, 100), ("E08000039", "2025", 20, 100), ("E06000031", "2025", 3, 10)])
    to_2023, report = map_to_current_codes(frame, changes)
    assert to_2023["area_code"].tolist() == ["E08000016", "E08000019", "E06000031"]
    assert to_2023["area_name"].tolist() == ["Barnsley", "Sheffield", "as published"]
    assert to_2023["code_status"].tolist() == ["recoded", "recoded", "unchanged"]
    assert to_2023["value"].tolist() == [10, 20, 30]  # one-to-one: the published rate is kept
    assert report[["code", "new_code", "action"]].values.tolist() == [
        ["E08000038", "E08000016", "recoded"], ["E08000039", "E08000019", "recoded"]]
    to_2025, _ = map_to_current_codes(to_2023.drop(columns=["code_status", "code_note"]), changes,
                                      target_vintage=2025)
    assert to_2025["area_code"].tolist() == ["E08000038", "E08000039", "E06000031"]


def test_unknown_codes_are_reported_and_kept(changes, lookup):
    frame = figures([("E99999999", "2023", 1, 10), ("X123", "2023", 2, 10), ("E07000008", "2023", 3, 10)])
    mapped, report = map_to_current_codes(frame, changes, known_codes=codes_in_force(lookup))
    assert mapped["area_code"].tolist() == ["E99999999", "X123", "E07000008"]
    assert mapped["code_status"].tolist() == ["unknown", "unknown", "unchanged"]
    reasons = report.set_index("code")["reason"]
    assert reasons["E99999999"] == "E99999999 is not a 2023 code and is not in the code-change table"
    assert reasons["X123"] == "'X123' is not an ONS (GSS) code"
    # Without a list of codes in force only malformed codes can be called unknown.
    _, report = map_to_current_codes(frame, changes)
    assert report["code"].tolist() == ["X123"]


def test_rates_without_counts_are_flagged_not_summed(changes):
    frame = figures([("E07000190", "2018", 30, 100), ("E07000191", "2018", 10, 50)])
    frame["numerator"] = float("nan")
    mapped, report = map_to_current_codes(frame, changes, target_vintage=2022)
    assert mapped["area_code"].tolist() == ["E07000190", "E07000191"]
    assert mapped["value"].tolist() == [30, 20]
    assert "E07000190, E07000191 has no counts (numerator, denominator)" in mapped["code_note"][0]
    assert set(report["action"]) == {"flagged"}


def test_old_and_new_codes_for_the_same_figure_are_not_added_twice(changes):
    both = figures([("E08000016", "2024", 10, 100), ("E08000038", "2024", 11, 100)])
    mapped, _ = map_to_current_codes(both, changes)
    assert mapped["area_code"].tolist() == ["E08000016", "E08000038"]
    assert set(mapped["code_status"]) == {"flagged"} and "counting the same area twice" in mapped["code_note"][0]
    overlapping = figures([("E07000190", "2018", 3, 10), ("E07000191", "2018", 1, 10), ("E07000246", "2018", 4, 20)])
    mapped, _ = map_to_current_codes(overlapping, changes, target_vintage=2022)
    assert set(mapped["code_status"]) == {"flagged"} and len(mapped) == 3


def test_key_columns_say_which_rows_are_the_same_figure(changes):
    frame = figures([("E07000190", "2018", 30, 100), ("E07000191", "2018", 10, 50)])
    frame["indicator"] = "Smoking"
    frame["compared_to_england"] = ["Similar", "Worse"]  # a per-area judgement, not part of what the figure is
    # By default every text column is part of the key, so these rows are not the same figure: nothing is added up,
    # and the note says that the missing district is in the frame under another key.
    mapped, _ = map_to_current_codes(frame, changes, target_vintage=2022)
    assert set(mapped["code_status"]) == {"flagged"} and "pass key_columns" in mapped["code_note"][0]
    mapped, _ = map_to_current_codes(frame, changes, target_vintage=2022, key_columns=["period", "indicator"])
    merged = mapped.iloc[0]
    assert (merged["area_code"], merged["numerator"], merged["denominator"]) == ("E07000246", 40, 150)
    assert merged["indicator"] == "Smoking"  # the same on both rows: kept
    assert pd.isna(merged["compared_to_england"])  # different: emptied


def test_a_county_whose_unitary_is_a_different_area_is_flagged(changes):
    mapped, report = map_to_current_codes(figures([("E10000009", "2018", 5, 10)]), changes)
    assert mapped["area_code"].tolist() == ["E10000009"] and mapped["code_status"].tolist() == ["flagged"]
    assert "E07000048 Christchurch went to E06000058 Bournemouth, Christchurch and Poole" in report["reason"][0]


def test_each_row_has_a_reason_code_and_the_advice_can_be_left_out(changes):
    frame = figures([("E10000021", "2019", 70, 100), ("E07000190", "2018", 30, 100), ("E08000038", "2025", 1, 10),
                     ("X1", "2019", 1, 2), ("E06000031", "2019", 1, 2)])
    mapped, _ = map_to_current_codes(frame, changes)
    assert mapped["code_reason"].tolist() == [CodeReason.SPLIT, CodeReason.PART_MISSING, CodeReason.RECODED,
                                              CodeReason.NOT_GSS, None]
    assert mapped["code_note"][0].endswith("without district figures, so they are kept under the old code")
    assert mapped["code_note"][1].endswith("so a sum would be too small: not combined")
    plain, _ = map_to_current_codes(frame, changes, advice=False)
    assert plain["code_note"][0] == ("E10000021 Northamptonshire was split into E06000061 North Northamptonshire and "
                                     "E06000062 West Northamptonshire in 2021: figures for the whole county cannot "
                                     "be divided between them without district figures")
    # Somerset (2023) = Mendip, Sedgemoor, South Somerset and Somerset West and Taunton; only Taunton Deane is here.
    assert plain["code_note"][1] == (
        "E06000066 Somerset is made of E07000187 Mendip, E07000188 Sedgemoor, E07000189 South Somerset, E07000246 "
        "Somerset West and Taunton; E07000187 Mendip, E07000188 Sedgemoor, E07000189 South Somerset, E07000246 "
        "Somerset West and Taunton is missing for this figure, so a sum would be too small")
    merged, _ = map_to_current_codes(figures([("E07000190", "2018", 3, 10), ("E07000191", "2018", 1, 10)]),
                                     changes, target_vintage=2022)
    assert merged["code_reason"].tolist() == [CodeReason.MERGED]


def test_the_report_has_the_columns_the_schema_describes(changes):
    _, report = map_to_current_codes(figures([("E10000021", "2019", 7, 10), ("E08000038", "2025", 1, 10)]), changes)
    assert list(report.columns) == list(GeographyReportSchema.to_schema().columns)
    GeographyReportSchema.validate(report)
    assert report[["code", "action", "rows"]].values.tolist() == [["E10000021", "flagged", 1],
                                                                   ["E08000038", "recoded", 1]]


def test_bad_arguments_are_refused(changes):
    with pytest.raises(ValueError, match="no column 'code'"):
        map_to_current_codes(figures([]), changes, code_column="code")
    with pytest.raises(ValueError, match="target_vintage must be a year from 2019 to 2025"):
        map_to_current_codes(figures([]), changes, target_vintage=2030)


# --- rolling up ------------------------------------------------------------------------------------------------

def test_three_districts_roll_up_to_their_utla_and_region(lookup):
    frame = figures([("E07000008", "2023", 12, 100), ("E07000010", "2023", 8, 60), ("E06000031", "2023", 30, 140)])
    frame.insert(2, "area_type", "lad")
    utla, report = roll_up(frame, lookup, to="utla", recompute_value_per=100)
    # Cambridgeshire = Cambridge + Fenland: 12 + 8 = 20 of 100 + 60 = 160, 12.5%. Peterborough is its own UTLA:
    # 30 of 140 = 21.43%.
    assert utla[["area_code", "area_name", "area_type", "numerator", "denominator"]].values.tolist() == [
        ["E10000003", "Cambridgeshire", "utla", 20, 160], ["E06000031", "Peterborough", "utla", 30, 140]]
    assert utla["value"].tolist() == pytest.approx([12.5, 21.428571])
    assert utla["rollup_status"].tolist() == ["complete", "complete"] and report.empty
    region, _ = roll_up(frame, lookup, to="region")
    # East of England: 12 + 8 + 30 = 50 of 100 + 60 + 140 = 300; without recompute_value_per the value is empty.
    assert region[["area_code", "area_name", "numerator", "denominator"]].values.tolist() == [
        ["E12000006", "East of England", 50, 300]]
    assert region["value"].isna().all()


def test_roll_up_reports_unmatched_codes_and_incomplete_totals(lookup):
    frame = figures([("E07000008", "2023", 12, 100), ("E06000031", "2023", 30, 140), ("E10000003", "2023", 1, 2),
                     ("E08000038", "2023", 5, 50), ("E99999999", "2023", 1, 1)])
    rolled, report = roll_up(frame, lookup, to="utla")
    cambridgeshire = by_code(rolled).loc["E10000003"]
    assert cambridgeshire["rollup_status"] == "incomplete" and pd.isna(cambridgeshire["numerator"])
    assert cambridgeshire["rollup_note"] == "no total: 1 of 2 districts missing (E07000010 Fenland)"
    assert by_code(rolled).loc["E06000031", "numerator"] == 30
    unmatched = report[report["action"] == "unmatched"].set_index("code")["reason"]
    assert sorted(unmatched.index) == ["E08000038", "E10000003", "E99999999"]
    assert "2025 code: map it to the 2023 code E08000016" in unmatched["E08000038"]
    assert "not a district (LAD) code" in unmatched["E10000003"]
    assert report[report["action"] == "incomplete"]["code"].tolist() == ["E10000003"]


def test_roll_up_checks_its_arguments(lookup):
    with pytest.raises(ValueError, match="to must be one of utla, region"):
        roll_up(figures([]), lookup, to="lad")
