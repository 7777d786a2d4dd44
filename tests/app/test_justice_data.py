"""AppTest: until the justice indicators are downloaded, the Map and Area profile say in plain words which justice
data is missing and point to Data status, which names each missing file and the command that fetches it; once a
file is there, its indicator is offered in the "Justice" group.

The open data is ../shared/data imported (no Fingertips API file in it). The 41001 files added in the last test are
the made-up ones of tests/unit/test_download_fingertips.py, in Fingertips' real layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.catalogue import BY_KEY
from tests.support import apptest
from tests.support.apptest import open_page
from tests.unit.test_download_fingertips import LAD_ROWS, UTLA_ROWS, csv_body
from ui import keys

FIRST_TIME_ENTRANTS = "First-time entrants to youth justice (B04)"  # data/indicators.csv short_name of 10401


def justice_note(at) -> str:
    return next(info.value for info in at.info if info.value.startswith("Not in the data on this machine yet"))


@pytest.mark.parametrize("page", ["pages/map.py", "pages/area_profile.py"])
def test_the_map_and_area_profile_say_which_justice_data_is_missing(app_with_open_data, page):
    at = open_page(app_with_open_data, page)
    note = justice_note(at)
    assert f"**{FIRST_TIME_ENTRANTS}**" in note and "**Suicide rate**" in note
    # Plain words on the reader page; the 8 files (4 ids x 2 area types) and their commands are on Data status.
    assert "Ask your analyst to refresh the data (Data status)." in note and "make data" not in note
    assert "**Treatment engagement after prison (C20)**" in note and "could not yet be matched" in note
    links = {link.proto.label: link.proto.page for link in at.get("page_link")}
    assert links["Data status: what is missing"] == "data_status"  # its path


def test_data_status_names_each_missing_justice_file_and_its_command(app_with_open_data):
    at = open_page(app_with_open_data, "pages/data_status.py")
    frames = [frame.value for frame in at.dataframe]
    files = next(frame for frame in frames if "Command" in frame.columns and "File" in frame.columns)
    commands = dict(zip(files["File"], files["Command"], strict=True))
    assert commands[BY_KEY["fingertips_10401_utla"].path] == "python -m acquire download --only fingertips_10401_utla"
    justice = next(frame for frame in frames if "Fingertips id" in frame.columns).set_index("Fingertips id")
    assert justice.at["10401", "Command"] == ("python -m acquire download --only fingertips_10401_lad "
                                              "fingertips_10401_utla")
    assert justice.at["10401", "Status"] == "Not downloaded yet"
    unverified = justice.loc["not verified"]
    assert set(unverified["Indicator"]) == {"Treatment engagement after prison (C20)",
                                            "Re-offending: offenders who re-offend",
                                            "Re-offending: re-offences per re-offender"}


def linked_copy(open_data: Path, target: Path) -> Path:
    """``open_data`` seen through links, with its own indicators/ folder to add files to."""
    target.mkdir()
    for entry in open_data.iterdir():
        if entry.name != "indicators":
            (target / entry.name).symlink_to(entry)
    (target / "indicators").mkdir()
    for entry in (open_data / "indicators").iterdir():
        (target / "indicators" / entry.name).symlink_to(entry)
    return target


def test_a_downloaded_justice_indicator_is_offered_in_the_justice_group(monkeypatch, open_data, tmp_path):
    folder = linked_copy(open_data, tmp_path / "data")
    (folder / BY_KEY["fingertips_41001_lad"].path).write_text(csv_body(LAD_ROWS), encoding="utf-8")
    (folder / BY_KEY["fingertips_41001_utla"].path).write_text(csv_body(UTLA_ROWS), encoding="utf-8")
    at = open_page(apptest.new_app(monkeypatch, folder), "pages/map.py", level="utla")
    assert "**Suicide rate**" not in justice_note(at)  # its two files are there; the others are still missing
    labels = list(at.selectbox(key=keys.MAP_INDICATOR.key).options)  # AppTest lists the labels shown
    assert labels[:2] == ["Adult smoking (APS)", "Depression (QOF, 18+)"]
    assert labels[-1] == "Justice: Suicide rate"  # after the general-population needs
