"""AppTest: statistical neighbours on the Area profile (the list used, the neighbours, each indicator against their
range and average), on the Map (the key line for their outline) and in the board pack, on the real open data; and
the message when the lists were not imported. Expected neighbours are read from ONS's CSV in the test itself."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.support import open_data as open_data_support
from tests.support.apptest import markdown_text, new_app, open_page
from ui import keys

BARNSLEY = "E08000016"  # ONS's 2026 lists hold Barnsley under its 2025 code, E08000038


def first_neighbours(folder: Path, model: str, list_code: str, count: int) -> list[str]:
    """The first ``count`` English neighbours of ``list_code``, read straight from ONS's file."""
    with open(folder / "similar_areas" / f"ons_{model}_neighbours_2026.csv", encoding="utf-8-sig") as handle:
        row = next(r for r in csv.DictReader(handle) if r["AREACD"] == list_code)
    return [row[str(rank)] for rank in range(1, 21) if row[str(rank)].startswith("E")][:count]


@pytest.fixture
def lists_folder(open_data: Path) -> Path:
    if not (open_data / "similar_areas" / "ons_global_neighbours_2026.csv").is_file():
        open_data_support.missing(f"{open_data} was imported before similar_areas/ was")
    return open_data


def neighbour_tables(at):
    """The neighbours table and the comparison table of the neighbour section."""
    frames = [frame.value for frame in at.dataframe]
    table = next(frame for frame in frames if "ONS rank (UK list)" in frame.columns)
    comparison = next(frame for frame in frames if "Neighbours' average" in frame.columns)
    return table, comparison


def test_area_profile_shows_barnsleys_neighbours_on_the_global_list(app_with_open_data, lists_folder):
    at = open_page(app_with_open_data, "pages/area_profile.py", area=BARNSLEY, level="lad")
    assert "Areas like yours: statistical neighbours" in [header.value for header in at.subheader]
    assert at.selectbox(key=keys.NEIGHBOUR_MODEL.key).value == "global"
    table, comparison = neighbour_tables(at)
    assert table["Code"].tolist() == first_neighbours(lists_folder, "global", "E08000038", 10)
    assert table["Area"].iloc[0] == "Wakefield"  # E08000036, ONS rank 1
    assert "Left out as outside England" in markdown_text(at)
    assert "ONS's lists use E08000038 for Barnsley" in "\n".join(caption.value for caption in at.caption)
    assert "The lists differ by model" in markdown_text(at)
    assert set(comparison.columns) >= {"Neighbours' average", "Neighbours' range", "Rank among neighbours"}
    assert comparison["Neighbours with a value"].iloc[0].endswith("of 10")


def test_choosing_another_list_changes_the_neighbours_and_the_link(app_with_open_data, lists_folder):
    at = open_page(app_with_open_data, "pages/area_profile.py", area=BARNSLEY, level="lad")
    at.selectbox(key=keys.NEIGHBOUR_MODEL.key).set_value("economic").run()
    assert not at.exception
    table, _ = neighbour_tables(at)
    assert table["Code"].tolist() == first_neighbours(lists_folder, "economic", "E08000038", 10)
    assert table["Area"].iloc[0] == "County Durham"  # E06000047, first on the economic list
    assert at.query_params["neighbours"] == "economic"


def test_the_map_keys_the_neighbours_outline(app_with_open_data, lists_folder):
    at = open_page(app_with_open_data, "pages/map.py", area=BARNSLEY, level="utla")
    text = markdown_text(at)
    # Tamworth (E07000199, a district inside Staffordshire) is the one global neighbour that is not an
    # upper-tier area, so 9 of the 10 are outlined
    assert "Dashed outline: 9 of Barnsley&#x27;s 10 statistical neighbours (global list, England only)." in text
    assert any("so not outlined: Tamworth" in caption.value for caption in at.caption)


def test_the_board_pack_adds_the_neighbour_tables(app_with_open_data, lists_folder):
    at = open_page(app_with_open_data, "pages/board_pack.py", area=BARNSLEY, level="utla")
    text = markdown_text(at)
    assert "Barnsley: statistical neighbours (global list)" in text
    assert "- Neighbours\n- Neighbour comparison" in text


def test_without_the_lists_the_profile_says_so_in_plain_words(monkeypatch, tmp_path, open_data):
    folder = tmp_path / "no-lists"
    folder.mkdir()
    for item in open_data.iterdir():  # the imported folder, less similar_areas/
        if item.name != "similar_areas":
            (folder / item.name).symlink_to(item)
    at = open_page(new_app(monkeypatch, folder), "pages/area_profile.py", area=BARNSLEY, level="lad")
    boxes = [box.value for box in at.info if "statistical neighbour lists are not in the data" in box.value]
    assert boxes and "Data status" in boxes[0]  # where the analyst finds how to get them
    assert "make " not in boxes[0] and "similar_areas" not in boxes[0]  # a reader page carries no command or folder
