"""The upload reader for "Your data" (intake/uploads): a corpus of good and bad files, each built here as bytes,
with the exact messages a user sees. Spreadsheet rows: the header is row 1 unless a test says otherwise."""

from __future__ import annotations

import builtins
import codecs
import csv
import io
import struct
import zipfile

import openpyxl
import pandas as pd
import pytest

from intake.uploads import (
    COHORT_CHOICES,
    DISCLOSURE_NOTE,
    EXAMPLE_INDICATOR,
    MB,
    TEMPLATE_COLUMNS,
    UPLOAD_COLUMNS,
    UploadProblem,
    UploadResult,
    combine,
    normalise_area_name,
    read_upload,
    template_csv,
    template_xlsx,
)
from loaders.area_names import read_area_names
from loaders.lookups import read_code_changes, read_lad_lookup

HEADER = ["area_code", "cohort", "indicator", "sex", "period", "numerator", "denominator", "partner"]


@pytest.fixture(scope="module")
def geo(open_data):
    return {"lookup": read_lad_lookup(open_data), "changes": read_code_changes(open_data),
            "area_names": read_area_names(open_data)}


@pytest.fixture
def read(geo):
    def reader(name: str, data: bytes, **options) -> UploadResult:
        return read_upload(name, data, **geo, **options)
    return reader


def csv_bytes(rows: list[list], delimiter: str = ",", encoding: str = "utf-8", header: list[str] = HEADER) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(sheets: dict[str, list[list]]) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def messages(result: UploadResult) -> list[str]:
    return [str(problem) for problem in result.problems]


GOOD = ["E06000023", "prison", "Depression", "persons", "2023/24", 37, 100, "Avon Probation"]


# --- good files -------------------------------------------------------------------------------------------------

def test_a_good_csv_gives_one_row_per_input_row_in_the_canonical_shape(read):
    data = csv_bytes([GOOD, ["E08000035", "Probation", "Smoking", "F", "2023/24", 5, 20, "Leeds Partnership"]])
    result = read("partners.csv", data)
    assert result.problems == []
    assert (result.rows_read, result.rows_valid, result.encoding) == (2, 2, "utf-8")
    assert list(result.rows.columns) == UPLOAD_COLUMNS
    first = result.rows.iloc[0].to_dict()
    assert {key: first[key] for key in ("partner", "file", "row", "area_code", "area_name", "area_type", "cohort",
                                        "indicator", "sex", "period", "numerator", "denominator", "unit",
                                        "input_rows")} == {
        "partner": "Avon Probation", "file": "partners.csv", "row": 2, "area_code": "E06000023",
        "area_name": "Bristol, City of", "area_type": "utla", "cohort": "prison", "indicator": "Depression",
        "sex": "persons", "period": "2023/24", "numerator": 37.0, "denominator": 100.0, "unit": "%",
        "input_rows": 1}
    assert pd.isna(first["sheet"]) and pd.isna(first["value"]) and pd.isna(first["code_note"])
    second = result.rows.iloc[1]
    assert (second["row"], second["cohort"], second["sex"], second["area_name"]) == (3, "probation", "female",
                                                                                      "Leeds")
    assert result.summary() == "2 of 2 rows can be used."


@pytest.mark.parametrize(("delimiter", "note"), [
    (",", None), (";", "partners.csv: columns separated by semicolons"),
    ("\t", "partners.csv: columns separated by tabs")])
def test_comma_semicolon_and_tab_separated_files_are_read(read, delimiter, note):
    result = read("partners.csv", csv_bytes([GOOD], delimiter=delimiter))
    assert result.problems == [] and result.rows_valid == 1
    assert result.rows.at[0, "numerator"] == 37.0
    assert (note in result.notes) if note else not any("separated" in n for n in result.notes)


def test_utf8_with_bom(read):
    result = read("partners.csv", codecs.BOM_UTF8 + csv_bytes([GOOD]))
    assert result.problems == [] and result.encoding == "utf-8-sig"
    assert result.rows.at[0, "area_code"] == "E06000023"


def test_utf16_text_as_excel_saves_unicode_text(read):
    result = read("unicode.txt", csv_bytes([GOOD], delimiter="\t").decode().encode("utf-16"))
    assert result.problems == [] and result.rows_valid == 1
    assert (result.encoding, result.notes) == ("utf-16", ["unicode.txt: read as UTF-16 text",
                                                          "unicode.txt: columns separated by tabs"])


def test_windows_1252_is_read_and_said(read):
    data = csv_bytes([[*GOOD[:-1], "Café Project"]], encoding="cp1252")
    result = read("cafe.csv", data)
    assert result.problems == []
    assert result.rows.at[0, "partner"] == "Café Project"
    assert result.encoding == "windows-1252"
    assert "cafe.csv: read as Windows-1252 (the file is not UTF-8)" in result.notes


def test_mixed_encodings_are_read_line_by_line_and_the_lines_named(read):
    utf8_line = "E06000023,prison,Depression,persons,2023,1,2,Café UTF\r\n".encode()
    cp1252_line = "E08000035,prison,Depression,persons,2023,1,2,Café 1252\r\n".encode("cp1252")
    data = ",".join(HEADER).encode() + b"\r\n" + utf8_line + cp1252_line
    result = read("mixed.csv", data)
    assert result.problems == []
    assert list(result.rows["partner"]) == ["Café UTF", "Café 1252"]
    assert result.encoding == "utf-8 and windows-1252"
    assert result.notes[0] == ("mixed.csv: mixed encodings: line 3 is not UTF-8 and was read as Windows-1252, the "
                               "other lines as UTF-8: check accented letters on those lines")


def test_header_variants_case_spacing_and_aliases(read):
    header = ["Area Code", "COHORT", "Measure", "Gender", "Time period", "Count", "Total", "Organisation", "Notes"]
    result = read("variants.csv", csv_bytes([["e06000023", "Police custody", "Alcohol", "M", "2023", 3, 9,
                                              "Custody team", "checked"]], header=header))
    assert result.problems == []
    row = result.rows.iloc[0]
    assert (row["area_code"], row["cohort"], row["indicator"], row["sex"], row["numerator"], row["partner"]) == (
        "E06000023", "police_custody", "Alcohol", "male", 3.0, "Custody team")
    assert "variants.csv: columns not used: 'Notes'" in result.notes


def test_header_that_is_not_the_first_row(read):
    data = (b"Probation needs return\r\nSubmitted 1 May 2024\r\n\r\n" + ",".join(HEADER).encode() + b"\r\n"
            + b"E06000023,probation,Depression,persons,2023,37,20,Team A\r\n")
    result = read("titled.csv", data)
    assert "titled.csv: header found on row 4" in result.notes
    assert messages(result) == ["titled.csv, row 5, column 'numerator': 37 is larger than the denominator 20"]


def test_xlsx_with_two_data_sheets_and_an_instructions_sheet(read):
    data = xlsx_bytes({
        "Instructions": [["Fill in the Data sheets"], ["area_code", "required"]],
        "Prison": [HEADER, GOOD],
        "Probation": [["Team return"], [], HEADER,
                      ["E08000035", "probation", "Smoking", "female", "2023/24", 5, 20, "Leeds"],
                      ["E08000035", "probation", "Smoking", "male", "2023/24", 9, "n/a", "Leeds"]],
    })
    result = read("partner.xlsx", data)
    assert result.encoding is None
    assert "partner.xlsx: sheet 'Instructions' skipped" in result.notes
    assert "partner.xlsx, sheet 'Probation': header found on row 3" in result.notes
    assert list(zip(result.rows["sheet"], result.rows["row"], strict=True)) == [("Prison", 2), ("Probation", 4)]
    assert messages(result) == [
        "partner.xlsx, sheet 'Probation', row 5, column 'denominator': a numerator needs its denominator"]
    assert (result.rows_read, result.rows_valid) == (3, 2)
    assert result.summary() == "2 of 3 rows can be used; 1 row has problems."


def test_a_unit_other_than_percent_is_refused(read):
    header = ["area_code", "cohort", "indicator", "period", "value", "unit"]
    result = read("units.csv", csv_bytes([["E06000023", "prison", "A", "2023", 45, "%"],
                                          ["E06000023", "prison", "B", "2023", 45, "Percentage"],
                                          ["E06000023", "prison", "C", "2023", 45, "per 100,000"]], header=header))
    assert messages(result) == ["units.csv, row 4, column 'unit': 'per 100,000' is not a unit the app takes: values "
                                "must be percentages (%)"]


def test_value_with_ci_rows_need_no_counts(read):
    header = ["Area Name", "Cohort", "Indicator", "Period", "Percentage", "Lower CI", "Upper CI", "Partner"]
    result = read("rates.csv", csv_bytes([["Leeds", "Prison", "Depression", "2023", "45.5%", 40.1, 50.2, "HMPPS"]],
                                         header=header))
    assert result.problems == []
    row = result.rows.iloc[0]
    assert (row["value"], row["ci_low"], row["ci_high"], row["unit"]) == (45.5, 40.1, 50.2, "%")
    assert pd.isna(row["numerator"]) and pd.isna(row["denominator"])


@pytest.mark.parametrize(("label", "code"), [
    ("Probation", "probation"), ("Police custody", "police_custody"), ("Liaison and diversion", "liaison_diversion"),
    ("L&D", "liaison_diversion"), ("Prison", "prison"), ("Released from prison", "prison_release"),
    ("prison_release", "prison_release"), ("PRISON LEAVERS", "prison_release")])
def test_cohort_labels(read, label, code):
    result = read("c.csv", csv_bytes([["E06000023", label, "Depression", "", "2023", 1, 2, "P"]]))
    assert result.problems == [] and result.rows.at[0, "cohort"] == code


@pytest.mark.parametrize(("label", "code"), [
    ("All", "persons"), ("", "persons"), ("Persons", "persons"), ("M", "male"), ("Men", "male"), ("F", "female"),
    ("Women", "female"), ("female", "female")])
def test_sex_labels(read, label, code):
    result = read("s.csv", csv_bytes([["E06000023", "prison", "Depression", label, "2023", 1, 2, "P"]]))
    assert result.problems == [] and result.rows.at[0, "sex"] == code


# --- areas ------------------------------------------------------------------------------------------------------

NAME_HEADER = ["area_name", "cohort", "indicator", "period", "numerator", "denominator", "partner"]


def name_rows(*names: str) -> bytes:
    return csv_bytes([[name, "prison", f"Need {i}", "2023", 1, 2, "P"] for i, name in enumerate(names)],
                     header=NAME_HEADER)


@pytest.mark.parametrize("name", ["Kingston upon Hull, City of", "Kingston upon Hull", "Kingston-upon-Hull",
                                  "KINGSTON UPON HULL", "City of Kingston upon Hull", "Hull", "Hull City Council"])
def test_kingston_upon_hull_variants(read, name):
    result = read("names.csv", name_rows(name))
    assert result.problems == []
    assert (result.rows.at[0, "area_code"], result.rows.at[0, "area_name"]) == ("E06000010",
                                                                                "Kingston upon Hull, City of")


def test_a_name_read_through_an_alternative_is_listed_in_the_notes(read):
    result = read("names.csv", name_rows("Bristol", "Bristol, City of", "Telford & Wrekin", "St Helens"))
    assert result.problems == []
    assert list(result.rows["area_code"]) == ["E06000023", "E06000023", "E06000020", "E08000013"]
    assert result.notes[-1] == ("names.csv: area names read as: 'Bristol' read as Bristol, City of (E06000023); "
                                "'St Helens' read as St. Helens (E08000013); 'Telford & Wrekin' read as Telford "
                                "and Wrekin (E06000020)")


def test_unknown_and_ambiguous_names_get_suggestions(read):
    result = read("names.csv", name_rows("Brstol", "Newcastle", "Kingston", "London", "Atlantis"))
    assert result.rows.empty and result.rows_read == 5
    assert messages(result) == [
        "names.csv, row 2, column 'area_name': area 'Brstol' is ambiguous or unknown: did you mean Bristol, City of "
        "(E06000023)?",
        "names.csv, row 3, column 'area_name': area 'Newcastle' is ambiguous or unknown: did you mean "
        "Newcastle-under-Lyme (E07000195) or Newcastle upon Tyne (E08000021)?",
        "names.csv, row 4, column 'area_name': area 'Kingston' is ambiguous or unknown: did you mean Kingston upon "
        "Hull, City of (E06000010) or Kingston upon Thames (E09000021)?",
        "names.csv, row 5, column 'area_name': area 'London' is a region (E12000007): give a district, unitary "
        "authority or county",
        "names.csv, row 6, column 'area_name': area 'Atlantis' is ambiguous or unknown: no local authority in "
        "England has a similar name. Give its GSS code (e.g. E06000023) or its name as ONS writes it",
    ]
    assert result.problems[0] == UploadProblem("names.csv", None, 2, "area_name", "Brstol", result.problems[0].message)


def test_names_are_normalised():
    assert normalise_area_name("Bristol, City of") == normalise_area_name("City of Bristol") == "bristol"
    assert normalise_area_name("Kingston-upon-Hull") == "kingston on hull"
    assert normalise_area_name("Stratford-on-Avon") == normalise_area_name("Stratford upon Avon")
    assert normalise_area_name("City of London") == "city of london"  # not 'london'
    assert normalise_area_name("Telford & Wrekin Council") == "telford and wrekin"


def test_bad_codes(read):
    rows = [[code, "prison", "Depression", "", "2023", 1, 2, "P"] for code in
            ("E6000023", "W06000015", "E12000009", "E01000001", "")]
    result = read("codes.csv", csv_bytes(rows))
    assert messages(result) == [
        "codes.csv, row 2, column 'area_code': 'E6000023' is not a GSS code: a GSS code is a letter and 8 digits, "
        "e.g. E06000023",
        "codes.csv, row 3, column 'area_code': W06000015 is not in England: the app covers local authorities in "
        "England only",
        "codes.csv, row 4, column 'area_code': E12000009 is a region code: give a district, unitary authority or "
        "county code",
        "codes.csv, row 5, column 'area_code': E01000001 is not the code of a local authority in England (district, "
        "unitary authority or county, April 2023 codes or older)",
        "codes.csv, row 6: the area is blank: give it in 'area_code'",
    ]


def test_code_and_name_that_disagree(read):
    header = ["area_code", "area_name", "cohort", "indicator", "period", "numerator", "denominator"]
    result = read("both.csv", csv_bytes([["E06000023", "Leeds", "prison", "X", "2023", 1, 2],
                                         ["E06000023", "Bristol", "prison", "Y", "2023", 1, 2]], header=header))
    assert messages(result) == ["both.csv, row 2, column 'area_code': area code E06000023 is Bristol, City of, but "
                                "the area name is 'Leeds' (E08000035): check which is right"]
    assert result.rows_valid == 1
    recode = read("both.csv", csv_bytes([["E08000038", "Barnsley", "prison", "X", "2025", 1, 2]], header=header))
    assert recode.problems == [] and recode.rows.at[0, "area_code"] == "E08000016"


def test_abolished_councils_named_are_merged_like_their_codes(read):
    result = read("names.csv", csv_bytes([[name, "prison", "Depression", "2022", 1, 10]
                                          for name in ("Allerdale", "Carlisle City Council", "Copeland")],
                                         header=["area_name", "cohort", "indicator", "period", "numerator",
                                                 "denominator"]))
    assert result.problems == []
    assert (result.rows.at[0, "area_code"], result.rows.at[0, "numerator"], result.rows.at[0, "denominator"]) == (
        "E06000063", 3.0, 30.0)
    assert result.rows_valid == 3 and result.summary() == "3 of 3 rows can be used."


def test_merged_districts_are_added_up_only_when_all_are_there(read):
    rows = [[code, "probation", "Depression", "persons", "2022", n, d, "Cumbria Probation"]
            for code, n, d in (("E07000026", 3, 10), ("E07000028", 4, 20), ("E07000029", 5, 30))]
    rows.append(["E07000027", "probation", "Depression", "persons", "2022", 1, 10, "Cumbria Probation"])
    result = read("cumbria.csv", csv_bytes(rows))
    assert len(result.rows) == 1
    row = result.rows.iloc[0]
    assert (row["area_code"], row["area_name"], row["numerator"], row["denominator"], row["row"],
            row["input_rows"]) == ("E06000063", "Cumberland", 12.0, 60.0, 2, 3)
    assert row["code_note"] == ("counts of E07000026 Allerdale, E07000028 Carlisle, E07000029 Copeland added up to "
                                "give E06000063 Cumberland (rows 2, 3, 4)")
    assert messages(result) == [
        "cumbria.csv, row 5, column 'area_code': area Barrow-in-Furness (E07000027) cannot be placed: E06000064 "
        "Westmorland and Furness is made of E07000027 Barrow-in-Furness, E07000030 Eden, E07000031 South Lakeland; "
        "E07000030 Eden, E07000031 South Lakeland is missing for this figure, so a sum would be too small"]
    assert (result.rows_read, result.rows_valid) == (4, 3)


def test_a_split_county_cannot_be_placed(read):
    result = read("north.csv", csv_bytes([["E10000021", "prison", "Depression", "", "2020", 1, 2, "P"]]))
    assert result.rows.empty
    assert messages(result) == [
        "north.csv, row 2, column 'area_code': area Northamptonshire (E10000021) cannot be placed: E10000021 "
        "Northamptonshire was split into E06000061 North Northamptonshire and E06000062 West Northamptonshire in "
        "2021: figures for the whole county cannot be divided between them without district figures"]


def test_recoded_and_former_codes_are_brought_to_2023_codes(read):
    rows = [["E08000038", "prison", "Depression", "", "2025", 1, 2, "P"],
            ["E08000020", "prison", "Depression", "", "2023", 1, 2, "P"],
            ["E10000002", "prison", "Depression", "", "2019", 1, 2, "P"]]
    result = read("old.csv", csv_bytes(rows))
    assert result.problems == []
    assert list(result.rows["area_code"]) == ["E08000016", "E08000037", "E06000060"]
    assert list(result.rows["code_note"]) == [
        "the 2025 recode E08000038 Barnsley is mapped back to the 2023 code E08000016",
        "E08000020 is a former code of Gateshead: recoded to E08000037",
        "county to unitary in 2020: E10000002 Buckinghamshire -> E06000060 Buckinghamshire"]
    # Said on screen (the file's notes), never silently: the Barnsley file.
    assert ("old.csv: area codes placed on the April 2023 codes the app uses: the 2025 recode E08000038 Barnsley "
            "is mapped back to the 2023 code E08000016; E08000020 is a former code of Gateshead") in result.notes[-1]


# --- row checks -------------------------------------------------------------------------------------------------

def test_every_row_problem_is_reported_at_once(read):
    rows = [
        ["E06000023", "prison", "Depression", "", "2023", 37, 20, "P"],         # 2
        ["E06000023", "prison", "Anxiety", "", "2023", "ten", 20, "P"],         # 3
        ["E06000023", "prison", "Smoking", "", "2023", -3, 20, "P"],            # 4
        ["E06000023", "prison", "Alcohol", "", "2023", 2.5, 20, "P"],           # 5
        ["E06000023", "prison", "Drugs", "", "2023", 0, 0, "P"],                # 6
        ["E06000023", "Courts", "", "X", "", 1, 2, "P"],                        # 7
        ["E06000023", "prison", "Psychosis", "", "2023", "", "", "P"],          # 8
        ["E06000023", "prison", "Self-harm", "", "2023", "<5", 20, "P"],        # 9
        ["E06000023", "prison", "Hepatitis", "", "2023", "12,5", 20, "P"],      # 10
        ["E06000023", "prison", "Asthma", "", "2023", "NA", 20, "P"],           # 11
        ["E06000023", "prison", "Diabetes", "", "2023", 5, 20, "P"],            # 12: good
    ]
    result = read("checks.csv", csv_bytes(rows))
    assert messages(result) == [
        "checks.csv, row 2, column 'numerator': 37 is larger than the denominator 20",
        "checks.csv, row 3, column 'numerator': 'ten' is not a number",
        "checks.csv, row 4, column 'numerator': -3 is negative: a count cannot be below 0",
        "checks.csv, row 5, column 'numerator': 2.5 is not a whole number: counts must be whole numbers",
        "checks.csv, row 6, column 'denominator': the denominator is 0: it must be 1 or more",
        f"checks.csv, row 7, column 'cohort': 'Courts' is not a cohort: use one of {COHORT_CHOICES}",
        "checks.csv, row 7, column 'indicator': the indicator is blank: it is required",
        "checks.csv, row 7, column 'period': the period is blank: it is required",
        "checks.csv, row 7, column 'sex': 'X' is not a sex: use persons, male or female (All, M, F, Men and Women "
        "are understood too)",
        "checks.csv, row 8: no figure: give a numerator and denominator, or a value (%)",
        "checks.csv, row 9, column 'numerator': '<5' is not a number: give the figure itself (the app suppresses "
        "small counts on screen and in downloads)",
        "checks.csv, row 10, column 'numerator': '12,5' is not a number: use a full stop for decimals (12.5)",
        "checks.csv, row 11, column 'numerator': a denominator needs its numerator (or give a value)",
    ]
    assert COHORT_CHOICES == ("police_custody (Police custody), liaison_diversion (Liaison and diversion), "
                              "probation (Probation), prison (Prison), prison_release (Released from prison)")
    assert list(result.rows["indicator"]) == ["Diabetes"]
    assert (result.rows_read, result.rows_valid) == (11, 1)
    assert result.problems[1].value == "ten"


def test_percentage_and_ci_checks(read):
    header = ["area_code", "cohort", "indicator", "period", "value", "ci_low", "ci_high"]
    rows = [["E06000023", "prison", "A", "2023", 120, "", ""],
            ["E06000023", "prison", "B", "2023", 45, 50, 60],
            ["E06000023", "prison", "C", "2023", 45, 30, 40],
            ["E06000023", "prison", "D", "2023", 45, 30, ""],
            ["E06000023", "prison", "E", "2023", "", 30, 40],
            ["E06000023", "prison", "F", "2023", 45, 40, 50]]
    result = read("ci.csv", csv_bytes(rows, header=header))
    assert messages(result) == [
        "ci.csv, row 2, column 'value': 120 is outside 0 to 100: give a percentage",
        "ci.csv, row 3, column 'ci_low': the lower limit 50 is above the value 45",
        "ci.csv, row 4, column 'ci_high': the upper limit 40 is below the value 45",
        "ci.csv, row 5, column 'ci_low': give both the lower and the upper confidence limit, or neither",
        "ci.csv, row 6, column 'ci_low': a confidence interval needs its value",
    ]
    assert list(result.rows["indicator"]) == ["F"]


def test_duplicates(read):
    rows = [GOOD, GOOD,  # an exact repeat: the first is used
            ["E06000023", "prison", "Smoking", "persons", "2023", 5, 20, "P"],
            ["E06000023", "prison", "smoking", "All", "2023", 6, 20, "P"]]  # same figure, different counts
    result = read("dup.csv", csv_bytes(rows))
    assert messages(result) == [
        "dup.csv, row 3: repeats row 2 (the same partner, area, cohort, indicator, sex and period): only row 2 is "
        "used",
        "dup.csv, row 4: has the same partner, area, cohort, indicator, sex and period as row 5 but different "
        "figures: none of these rows is used",
        "dup.csv, row 5: has the same partner, area, cohort, indicator, sex and period as row 4 but different "
        "figures: none of these rows is used",
    ]
    assert list(result.rows["row"]) == [2]


def test_partner_defaults_to_the_file_name(read):
    header = ["area_code", "cohort", "indicator", "period", "numerator", "denominator"]
    result = read("Bristol probation.csv", csv_bytes([["E06000023", "probation", "X", "2023", 1, 2]], header=header))
    assert result.rows.at[0, "partner"] == "Bristol probation.csv"
    assert ("Bristol probation.csv: no partner column: 'Bristol probation.csv' is shown as the source of its "
            "figures") in result.notes
    blank = read("team.csv", csv_bytes([[*GOOD[:-1], ""], [*GOOD[:3], "male", *GOOD[4:]]]))
    assert list(blank.rows["partner"]) == ["team.csv", "Avon Probation"]
    assert "team.csv: partner blank on 1 row(s): 'team.csv' is used" in blank.notes


def test_names_and_labels_are_kept_as_text_never_interpreted(read):
    html = "<b>Team</b> <script>alert(1)</script>"
    result = read("html.csv", csv_bytes([["E06000023", "prison", "<i>Depression</i>", "", "2023", 1, 2, html],
                                         ["<img src=x onerror=alert(1)>", "prison", "X", "", "2023", 1, 2, "P"]]))
    assert result.rows.at[0, "partner"] == html
    assert result.rows.at[0, "indicator"] == "<i>Depression</i>"
    assert result.problems[0].value == "<img src=x onerror=alert(1)>"


def test_the_template_example_row_is_never_used(read):
    result = read("template.csv", template_csv())
    assert messages(result) == [
        "template.csv, row 2, column 'indicator': this is the template's example row: delete it"]
    assert result.rows.empty and result.rows_read == 1


# --- templates --------------------------------------------------------------------------------------------------

def test_template_csv_has_the_columns_and_the_example():
    text = template_csv().decode("utf-8-sig").splitlines()
    assert text[0] == ",".join(TEMPLATE_COLUMNS)
    assert text[1] == ("E06000023,\"Bristol, City of\",probation,Example: replace this row,persons,2024/25,12,100,"
                       ",,,Example partner")


def test_template_xlsx_has_a_data_sheet_and_instructions(read):
    data = template_xlsx()
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["Data", "Instructions"]
    rows = list(workbook["Data"].iter_rows(values_only=True))
    assert list(rows[0]) == TEMPLATE_COLUMNS
    assert rows[1][TEMPLATE_COLUMNS.index("indicator")] == EXAMPLE_INDICATOR
    assert (rows[1][TEMPLATE_COLUMNS.index("numerator")], rows[1][TEMPLATE_COLUMNS.index("denominator")]) == (12, 100)
    guide = [row for row in workbook["Instructions"].iter_rows(values_only=True)]
    listed = {row[0]: row for row in guide if row[0] in TEMPLATE_COLUMNS}
    assert set(listed) == set(TEMPLATE_COLUMNS)
    assert listed["cohort"][1] == "Yes" and "prison_release (Released from prison)" in listed["cohort"][3]
    assert listed["sex"][1] == "No (blank = persons)"
    assert next(row[:1] for row in guide if row[0] == DISCLOSURE_NOTE) == (DISCLOSURE_NOTE,)
    assert "suppressed on screen and in downloads" in DISCLOSURE_NOTE
    assert any("EXAMPLE" in str(row[0]) for row in guide)
    result = read("template.xlsx", data)
    assert messages(result) == [
        "template.xlsx, sheet 'Data', row 2, column 'indicator': this is the template's example row: delete it"]
    assert "template.xlsx: sheet 'Instructions' skipped" in result.notes


# --- bad files --------------------------------------------------------------------------------------------------

def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def declare_size(data: bytes, member: str, size: int) -> bytes:
    """The zip with ``member``'s uncompressed size in the central directory changed (nothing is expanded)."""
    data = bytearray(data)
    start = data.find(b"PK\x01\x02")
    while start != -1:
        name_length = struct.unpack_from("<H", data, start + 28)[0]
        if data[start + 46:start + 46 + name_length].decode() == member:
            struct.pack_into("<I", data, start + 24, size)
            return bytes(data)
        start = data.find(b"PK\x01\x02", start + 4)
    raise AssertionError(f"{member} not in the zip")


ACCEPTED = "upload a CSV (.csv) or Excel (.xlsx) file"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(20)


@pytest.mark.parametrize(("name", "data", "message"), [
    ("empty.csv", b"", "the file is empty (0 bytes)"),
    ("blank.csv", b"  \r\n\r\n ", "the file has no content (only spaces or blank lines)"),
    ("photo.csv", PNG, f"the file is a PNG image, not a CSV or Excel file: {ACCEPTED}"),
    ("photo.xlsx", b"\xff\xd8\xff\xe0" + bytes(20), f"the file is a JPEG image, not a CSV or Excel file: {ACCEPTED}"),
    ("report.csv", b"%PDF-1.7\n...", f"the file is a PDF document, not a CSV or Excel file: {ACCEPTED}"),
    ("binary.csv", b"area_code,cohort\x00\x01\x02", f"the file is not text (it holds binary data): {ACCEPTED}"),
    ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100),
     "the file is an Excel 97-2003 workbook (.xls) or a password-protected workbook: save it as Excel Workbook "
     "(.xlsx) without a password, or as CSV"),
    ("text.xlsx", b"area_code,cohort\nE06000023,prison\n",
     f"the file is named .xlsx but is not an Excel workbook (an .xlsx file is a zip archive and this is not one): "
     f"{ACCEPTED}"),
    ("damaged.xlsx", b"PK\x03\x04" + bytes(60),
     "the Excel workbook is damaged and cannot be opened (File is not a zip file)"),
    ("letter.xlsx", zip_bytes({"word/document.xml": b"<w/>", "[Content_Types].xml": b"<x/>"}),
     f"the file is a Word document, not a spreadsheet: {ACCEPTED}"),
    ("archive.zip", zip_bytes({"data.csv": b"a,b"}),
     f"the file is a zip archive, not an Excel workbook: {ACCEPTED} itself"),
    ("data.ods", b"area_code,cohort\n", f"'.ods' files are not accepted: {ACCEPTED}"),
    ("notes.csv", b"just some words\nand more words\n",
     "no header row found in the first 20 rows: the header needs at least two of the template's column names "
     "(area_code or area_name, cohort, indicator, sex, period, numerator, denominator, value, ci_low, ci_high, "
     "partner). Download the template to see them"),
    ("headers.csv", ",".join(HEADER).encode() + b"\r\n", "there are no data rows under the header (row 1)"),
])
def test_bad_files_get_one_clear_message(read, name, data, message):
    result = read(name, data)
    assert messages(result) == [f"{name}: {message}"]
    assert result.rows.empty and list(result.rows.columns) == UPLOAD_COLUMNS
    assert (result.rows_read, result.rows_valid) == (0, 0)


def test_a_header_without_the_required_columns(read):
    result = read("partial.csv", b"Area,Indicator,Numerator\r\nLeeds,Depression,3\r\n")
    assert messages(result) == ["partial.csv, row 1: the header has no column for: cohort; period; denominator (or "
                                "give a value column instead)"]
    clash = read("clash.csv", b"area_code,cohort,indicator,period,count,numerator,denominator\r\n")
    assert messages(clash) == ["clash.csv, row 1: columns 'count' and 'numerator' both look like the numerator: keep "
                               "one"]


def test_only_headers_in_a_workbook(read):
    result = read("empty.xlsx", xlsx_bytes({"Data": [HEADER], "Instructions": [["Read me"]]}))
    assert messages(result) == ["empty.xlsx, sheet 'Data': there are no data rows under the header (row 1)"]


def test_a_file_over_the_size_limit(read):
    result = read("big.csv", b"a" * (25 * MB))
    assert messages(result) == ["big.csv: the file is 25.0 MB, more than the 20 MB limit: split it into smaller "
                                "files"]
    small = read("big.csv", b"area_code,cohort\n" * 200, max_bytes=2048)
    assert messages(small) == ["big.csv: the file is 3.3 KB, more than the 2.0 KB limit: split it into smaller "
                               "files"]


def test_a_million_rows_are_refused_quickly(read):
    data = ",".join(HEADER).encode() + b"\n" + b"E06000023,prison,x,,2023,1,2,P\n" * 1_000_001
    result = read("million.csv", data, max_bytes=64 * MB)
    assert messages(result) == ["million.csv: the file has more than 100,000 data rows, the limit: split it into "
                                "smaller files (nothing was read)"]
    assert result.rows.empty and result.rows_read == 0


def test_too_many_rows_in_a_workbook(read):
    data = xlsx_bytes({"Data": [HEADER, *[GOOD[:2] + [f"Need {i}"] + GOOD[3:] for i in range(30)]]})
    result = read("many.xlsx", data, max_rows=5)
    assert messages(result) == ["many.xlsx: the file has more than 5 data rows, the limit: split it into smaller "
                                "files (nothing was read)"]
    assert read("many.xlsx", data, max_rows=30).rows_valid == 30


def test_a_zip_bomb_is_refused_before_it_is_expanded(read):
    workbook = {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}
    squeezed = zip_bytes({**workbook, "xl/worksheets/sheet1.xml": bytes(5 * MB)})
    info = zipfile.ZipFile(io.BytesIO(squeezed)).getinfo("xl/worksheets/sheet1.xml")
    ratio = info.file_size / info.compress_size
    assert ratio > 100
    assert messages(read("bomb.xlsx", squeezed)) == [
        f"bomb.xlsx: the workbook part xl/worksheets/sheet1.xml is compressed {ratio:,.0f} to 1, more than the 100 "
        "to 1 allowed: it cannot be opened safely (a 'zip bomb'?)"]
    declared = declare_size(zip_bytes({**workbook, "xl/worksheets/sheet1.xml": b"<worksheet/>"}),
                            "xl/worksheets/sheet1.xml", 300 * MB - len(b"<Types/>") - len(b"<workbook/>"))
    assert messages(read("huge.xlsx", declared)) == [
        "huge.xlsx: the workbook would expand to 300.0 MB when opened, more than the 200 MB allowed: it cannot be "
        "opened safely (a 'zip bomb' or a very large workbook). Save the data as CSV, or split it"]


def test_xml_entity_expansion_is_refused(read):
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes({"Data": [HEADER]})))
    entities = "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 10))
    sheet = (f'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY e0 "lol">{entities}]><worksheet><sheetData><row r="1">'
             '<c r="A1" t="inlineStr"><is><t>&e9;</t></is></c></row></sheetData></worksheet>')
    members = {name: source.read(name) for name in source.namelist()}
    members["xl/worksheets/sheet1.xml"] = sheet.encode()
    assert messages(read("laughs.xlsx", zip_bytes(members))) == [
        "laughs.xlsx: the workbook part xl/worksheets/sheet1.xml holds XML declarations (DOCTYPE or ENTITY) that "
        "Excel never writes: it cannot be opened safely"]


def test_a_workbook_named_csv_is_read_as_a_workbook(read):
    result = read("renamed.csv", xlsx_bytes({"Data": [HEADER, GOOD]}))
    assert result.problems == [] and result.rows_valid == 1
    assert "renamed.csv: the file is named .csv but is an Excel workbook: read as one" in result.notes


def test_nothing_is_written_to_disk(read, monkeypatch):
    csv_data, xlsx_data = csv_bytes([GOOD]), xlsx_bytes({"Data": [HEADER, GOOD]})

    def refuse(*args, **kwargs):
        raise AssertionError(f"a file was opened: {args}")

    monkeypatch.setattr(builtins, "open", refuse)
    monkeypatch.setattr(io, "open", refuse)
    assert read("p.csv", csv_data).rows_valid == 1
    assert read("p.xlsx", xlsx_data).rows_valid == 1


# --- several partners -------------------------------------------------------------------------------------------

def test_files_from_several_partners_combine_with_the_partner_as_source(read):
    probation = read("probation.csv", csv_bytes([GOOD, [*GOOD[:4], "2022/23", 30, 90, "Avon Probation"]]))
    custody = read("custody.xlsx", xlsx_bytes({"Data": [
        ["area_name", "cohort", "indicator", "period", "value", "ci_low", "ci_high"],
        ["Bristol, City of", "Police custody", "Depression", "2023/24", 25.0, 20.0, 30.0]]}))
    repeat = read("probation copy.csv", csv_bytes([GOOD]))
    result = combine([probation, custody, repeat])
    assert list(zip(result.rows["partner"], result.rows["file"], strict=True)) == [
        ("Avon Probation", "probation.csv"), ("Avon Probation", "probation.csv"), ("custody.xlsx", "custody.xlsx")]
    assert messages(result) == [
        "probation copy.csv, row 2: repeats probation.csv row 2 (the same partner, area, cohort, indicator, sex and "
        "period): only probation.csv row 2 is used"]
    assert (result.rows_read, result.rows_valid) == (4, 3)
    assert result.encoding == "utf-8"
    assert "custody.xlsx, sheet 'Data': no partner column: 'custody.xlsx' is shown as the source of its figures" \
        in result.notes
    assert combine([]).rows.empty


def test_problem_wording_with_a_sheet():
    problem = UploadProblem("partners.xlsx", "Prison", 14, "numerator", "37", "37 is larger than the denominator 20")
    assert str(problem) == "partners.xlsx, sheet 'Prison', row 14, column 'numerator': 37 is larger than the " \
                           "denominator 20"
    assert str(problem.as_problem()) == "partners.xlsx (sheet 'Prison'), row 14, column 'numerator': 37 is larger " \
                                        "than the denominator 20"
