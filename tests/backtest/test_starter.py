"""Back-test of the committed starter snapshot (data/starter) against ../shared/data: rebuilt from the same inputs
with the project's own command it is byte for byte the committed one (so it cannot drift or be edited by hand), it
holds what the app reads and nothing else, it stays small, and its map layers are read without the boundary files
they were built from."""

from __future__ import annotations

import json

from acquire.cli import main
from acquire.snapshot import same_inputs
from core.catalogue import BY_KEY
from core.web_layer import layer_path
from loaders.web_layer import read_current_web_layer
from tests.support.open_data import REPO_ROOT
from tests.unit.test_refresh import snapshot_of

STARTER = REPO_ROOT / "data" / "starter"
# What the running app reads (core/catalogue.py paths of the files ../shared/data holds, minus the 4 boundary
# files), the 4 layers built from those boundaries, the inputs' notes, the generated licences and the manifest.
EXPECTED_FILES = {
    "LICENCES.md", "SOURCES.md", "manifest.json",
    "hexjson/england_utla_2023_derived.hexjson", "hexjson/uk_lad_2023_odileeds.hexjson",
    "indicators/fingertips_848_depression_qof_prevalence_ltla.csv",
    "indicators/fingertips_92443_smoking_prevalence_aps_ltla.csv",
    "indicators/homelessness_dluhc_2023q4_ltla23.csv", "indicators/imd2025_lad24_summaries_england.csv",
    "lookups/la_code_changes_england_2019_2025.csv", "lookups/lookup_lad24_csp24_pfa24_ew.csv",
    "lookups/lookup_lad24_utla23_rgn23_england.csv", "lookups/mysociety_uk_local_authorities_past_current_future.csv",
    "population/population_census2021_by_age_england_lad24_utla23.csv",
    "similar_areas/ons_demographic_neighbours_2026.csv", "similar_areas/ons_economic_neighbours_2026.csv",
    "similar_areas/ons_global_neighbours_2026.csv",
    "web/lad.json", "web/pfa.json", "web/region.json", "web/utla.json",
}
MAX_BYTES = 4 * 1024 * 1024  # "a few MB at most": 4 MiB; today about 2.2 MB


def test_the_committed_starter_is_exactly_what_the_import_makes_from_the_shared_data(shared_data, tmp_path, capsys):
    rebuilt = tmp_path / "starter"
    assert main(["snapshot", str(shared_data), "--dest", str(rebuilt)]) == 0, capsys.readouterr().err
    committed, fresh = snapshot_of(STARTER), snapshot_of(rebuilt)
    assert set(committed) == set(fresh), "files differ: rebuild it with make starter SRC=../shared/data"
    differ = sorted(name for name in committed if committed[name] != fresh[name])
    assert differ == [], f"{differ} differ from a rebuild: run make starter SRC=../shared/data (never edit by hand)"


def test_the_starter_holds_what_the_app_reads_and_stays_small():
    files = snapshot_of(STARTER)
    assert set(files) == EXPECTED_FILES
    assert not [name for name in files if name.startswith("boundaries/")]
    assert sum(len(body) for body in files.values()) < MAX_BYTES


def test_the_starter_records_the_inputs_it_was_made_from(shared_data):
    document = json.loads((STARTER / "manifest.json").read_text(encoding="utf-8"))
    assert document["kind"] == "starter" and document["date"] == "2026-06-29"  # newest date in SOURCES.md
    assert same_inputs(document["inputs"], shared_data) == []  # every input is in ../shared/data, same SHA-256
    assert {item["file"] for item in document["inputs"]} >= {BY_KEY[key].path for key in (
        "utla_boundaries", "lad_boundaries", "region_boundaries", "pfa_boundaries")}


def test_the_map_layers_are_read_without_their_boundary_files():
    # 153 counties and unitary authorities, 296 districts, 9 regions, 39 English police force areas
    counts = {}
    for level in ("utla", "lad", "region", "pfa"):
        boundary = STARTER / BY_KEY[f"{level}_boundaries"].path
        assert not boundary.exists()
        counts[level] = len(read_current_web_layer(layer_path(STARTER, level), boundary))
    assert counts == {"utla": 153, "lad": 296, "region": 9, "pfa": 39}
