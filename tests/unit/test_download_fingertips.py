"""`make data` for the Fingertips indicators, justice ones included: the metadata name check before each CSV, both
area types (501, 502) with counts, denominators and 95% / 99.8% limits kept as published, and clear refusals.

The loopback publisher is test_download.py's. The CSVs are in Fingertips' real layout: their header is copied from
legacy Fingertips' own server test (PholioVisualisation ServicesWebTest DataControllerTest.HeaderText). Their
figures are MADE UP for these tests (no Fingertips figure for indicator 41001 is stored here); each one used in an
assertion is worked out by hand in a comment.
"""

from __future__ import annotations

import json

import pytest

from acquire.cli import main
from acquire.download.fingertips import same_name
from acquire.download.hosts import ENV_BASE_URL
from acquire.download.run import download
from core.catalogue import BY_KEY
from loaders.fingertips import read_fingertips_csv
from tests.unit.test_download import (  # noqa: F401 (publisher is the loopback server fixture)
    FINGERTIPS_METADATA_PATH,
    FINGERTIPS_PATH,
    add_fingertips_metadata,
    publisher,
)

HEADER = ("Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,Category Type,"
          "Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Lower CI 99.8 limit,Upper CI 99.8 "
          "limit,Count,Denominator,Value note,Recent Trend,Compared to England value or percentiles,Compared to "
          "Region value or percentiles,Time period Sortable,New data,Compared to goal")
SUICIDE = "41001,Suicide rate"  # the id and the name data/indicators.csv records
# Made-up rows (England, then two areas). Value = Count / Denominator x 100,000:
#   England 5,000 / 50,000,000 = 10.0; Kent 150 / 1,200,000 = 12.5; Medway 20 / 250,000 = 8.0
ENGLAND = f"{SUICIDE},,,E92000001,England,England,Persons,10+ yrs,,,2021 - 23,10.0,9.7,10.3,9.6,10.4,5000,50000000"
UTLA_ROWS = [
    ENGLAND + ",,,,,20210000,,",
    f"{SUICIDE},E92000001,England,E10000016,Kent,Counties & UAs (from Apr 2023),Persons,10+ yrs,,,2021 - 23,12.5,"
    "10.6,14.7,9.9,15.6,150,1200000,,,Higher,,20210000,,",
    f"{SUICIDE},E92000001,England,E06000035,Medway,Counties & UAs (from Apr 2023),Persons,10+ yrs,,,2021 - 23,8.0,"
    "4.9,12.4,3.9,14.4,20,250000,,,Similar,,20210000,,",
]
LAD_ROWS = [
    ENGLAND + ",,,,,20210000,,",
    f"{SUICIDE},E92000001,England,E07000105,Ashford,Districts & UAs (from Apr 2023),Persons,10+ yrs,,,2021 - 23,"
    "11.0,7.6,15.4,6.3,17.4,36,327000,,,Similar,,20210000,,",
]
TARGETS = {"fingertips_41001_lad": (501, LAD_ROWS), "fingertips_41001_utla": (502, UTLA_ROWS)}


def csv_body(rows: list[str]) -> str:
    return "\n".join([HEADER, *rows]) + "\n"


def serve_suicide_csvs(publisher) -> None:  # noqa: F811 (the fixture's value)
    for area_type, rows in TARGETS.values():
        publisher.add(FINGERTIPS_PATH, csv_body(rows), indicator_ids="41001", child_area_type_id=str(area_type),
                      parent_area_type_id="15")


def test_a_justice_indicator_is_downloaded_for_both_area_types_as_published(
        publisher, tmp_path, indicator_register):  # noqa: F811
    add_fingertips_metadata(publisher, "41001", "Suicide rate")
    serve_suicide_csvs(publisher)
    lines = []
    report = download(tmp_path, list(TARGETS), origins=publisher.origin, progress=lines.append)
    assert report.failed == {}
    host = publisher.origin.removeprefix("http://")
    lad = "[1/2] indicators/fingertips_api_41001_at501.csv"
    # metadata first, then the CSV, then the loader's check: England and Ashford are 2 rows (502: 3 rows)
    assert lines[:2] == [f"{lad} indicator metadata ({host})", f"{lad} CSV ({host})"]
    assert lines[2].startswith(f"{lad}: valid (2 rows), saved: ")  # then its size (tests/unit/test_refresh.py)
    assert lines[5].startswith("[2/2] indicators/fingertips_api_41001_at502.csv: valid (3 rows), saved: ")
    asked = [(path, query.get("indicator_ids")) for path, query in publisher.requests]
    assert asked == [(FINGERTIPS_METADATA_PATH, "41001"), (FINGERTIPS_PATH, "41001")] * 2
    saved = read_fingertips_csv(tmp_path / BY_KEY["fingertips_41001_utla"].path, indicator_register,
                                child_area_type_id=502).joined().set_index("area_code")
    kent = saved.loc["E10000016"]
    # as in the file: 150 / 1,200,000 = 12.5 per 100,000, with both pairs of limits
    assert (kent["numerator"], kent["denominator"], kent["value"]) == (150, 1_200_000, 12.5)
    assert (kent["ci_low"], kent["ci_high"], kent["ci_low_99_8"], kent["ci_high_99_8"]) == (10.6, 14.7, 9.9, 15.6)
    assert (kent["area_type"], kent["domain"], kent["unit"]) == ("utla", "justice", "per 100,000")
    assert saved.loc["E92000001", "area_type"] == "country"


def test_a_renamed_indicator_fails_with_both_names_and_nothing_is_downloaded(publisher, tmp_path):  # noqa: F811
    add_fingertips_metadata(publisher, "41001", "Suicide rate (persons, 10+), new method")
    serve_suicide_csvs(publisher)
    lines = []
    report = download(tmp_path, ["fingertips_41001_utla"], origins=publisher.origin, progress=lines.append)
    reason = report.failed["fingertips_41001_utla"]
    assert ("indicator 41001 is now called 'Suicide rate (persons, 10+), new method' by Fingertips, but "
            "indicators.csv records 'Suicide rate'") in reason
    assert lines[-1].startswith("[1/1] indicators/fingertips_api_41001_at502.csv: FAILED, not saved: indicator 41001")
    assert [path for path, _ in publisher.requests] == [FINGERTIPS_METADATA_PATH]  # the CSV was never asked for
    assert report.downloaded == [] and list(tmp_path.iterdir()) == []


def test_the_command_reports_a_renamed_indicator_without_a_traceback(publisher, tmp_path, monkeypatch, capsys):  # noqa: F811
    add_fingertips_metadata(publisher, "41001", "Self-harm hospital admissions (10-24)")
    serve_suicide_csvs(publisher)
    monkeypatch.setenv(ENV_BASE_URL, publisher.origin)
    assert main(["download", "--dest", str(tmp_path), "--only", "fingertips_41001_lad"]) == 1
    out, err = capsys.readouterr()
    assert "FAILED, not saved: indicator 41001 is now called 'Self-harm hospital admissions (10-24)'" in out
    assert "Failed, nothing saved for: fingertips_41001_lad (reasons above)." in err
    assert "Traceback" not in out + err


def test_metadata_without_the_indicator_or_its_name_is_refused(publisher, tmp_path):  # noqa: F811
    publisher.add(FINGERTIPS_METADATA_PATH, "{}", indicator_ids="41001")
    publisher.add(FINGERTIPS_METADATA_PATH, json.dumps({"10401": {"IID": 10401, "Descriptive": {}}}),
                  indicator_ids="10401")
    report = download(tmp_path, ["fingertips_41001_lad", "fingertips_10401_lad"], origins=publisher.origin,
                      progress=lambda _: None)
    assert "Fingertips' metadata has no entry for indicator 41001" in report.failed["fingertips_41001_lad"]
    assert "the metadata of indicator 10401 has no Descriptive Name" in report.failed["fingertips_10401_lad"]


def test_an_area_type_fingertips_does_not_publish_is_refused_by_name(publisher, tmp_path):  # noqa: F811
    add_fingertips_metadata(publisher, "41001", "Suicide rate")
    publisher.add(FINGERTIPS_PATH, HEADER + "\n", indicator_ids="41001", child_area_type_id="501")  # header only
    report = download(tmp_path, ["fingertips_41001_lad"], origins=publisher.origin, progress=lambda _: None)
    assert ("no rows: Fingertips publishes no data for indicator 41001 at area type 501 (lad)"
            in report.failed["fingertips_41001_lad"])


@pytest.mark.parametrize(("first", "second", "same"), [
    ("Suicide rate", "suicide  rate", True),  # case and spacing only
    ("Suicide rate", "Suicide rate ", True),
    ("Suicide rate", "Suicide rates", False),
    ("Successful completion of drug treatment - opiate users",
     "Successful completion of drug treatment - non-opiate users", False),
])
def test_names_match_only_when_they_differ_in_case_or_spacing(first, second, same):
    assert same_name(first, second) is same
