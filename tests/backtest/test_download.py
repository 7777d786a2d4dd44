"""Back-tests of the download's conversions against the real files in ../shared/data/lookups: the district lookup
built from the ONS tables' codes and names, and the 2023 merges in the code-change history."""

import pandas as pd

from acquire.convert.census_population import MERGED_2023
from acquire.convert.lad_lookup import build_lad_lookup


def test_the_types_and_2025_codes_derived_from_ons_tables_match_the_shared_lookup(shared_data):
    # Feed build_lad_lookup the shared lookup's codes and names as the three ONS tables hold them: the types
    # (from the GSS entity code) and the 2025 codes (same code, else same name) must come out as in the file.
    shared = pd.read_csv(shared_data / "lookups" / "lookup_lad24_utla23_rgn23_england.csv", dtype=str)
    counties = shared[["lad_code", "lad_name", "utla_code", "utla_name"]].set_axis(
        ["LAD24CD", "LAD24NM", "CTYUA24CD", "CTYUA24NM"], axis=1)
    regions = shared[["lad_code", "region_code", "region_name"]].set_axis(["LAD24CD", "RGN24CD", "RGN24NM"], axis=1)
    lad2025 = shared[["lad_code_2025", "lad_name"]].set_axis(["LAD25CD", "LAD25NM"], axis=1)
    built = build_lad_lookup(counties, regions, lad2025)
    pd.testing.assert_frame_equal(built, shared.sort_values("lad_code").reset_index(drop=True))
    assert (built["lad_code"] != built["lad_code_2025"]).sum() == 2  # Barnsley and Sheffield


def test_the_2023_merges_agree_with_the_code_change_history(shared_data):
    changes = pd.read_csv(shared_data / "lookups" / "la_code_changes_england_2019_2025.csv", dtype=str)
    merges = changes[(changes["change_type"] == "merge") & (changes["new_start_date"] == "2023-04-01")]
    assert dict(zip(merges["old_code"], merges["new_code"], strict=True)) == MERGED_2023
