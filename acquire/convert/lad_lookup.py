"""Three ONS lookup tables -> the app's district lookup (lookups/lookup_lad24_utla23_rgn23_england.csv).

* ``LAD24_CTYUA24_EW_LU``: district code and name -> county or unitary authority (UTLA) code and name;
* ``LAD24_RGN24_EN_LU``: district -> region code and name;
* ``LAD25_CTYUA25_EW_LU_v2``: the April 2025 district codes, for ``lad_code_2025``.

Derived columns (how, so it can be checked): ``lad_type`` and ``utla_type`` come from the GSS entity code, the
first three characters of the code (E06 unitary authority, E07 non-metropolitan district, E08 metropolitan
district, E09 London borough, E10 county). ``lad_code_2025`` is the district's own code when the 2025 lookup still
has it, otherwise the code of the 2025 district with exactly the same name (Barnsley E08000016 -> E08000038,
Sheffield E08000019 -> E08000039); a district found neither way is an error, not a guess.
"""

from __future__ import annotations

import re

import pandas as pd

from acquire.errors import DownloadError

ENGLISH_LAD = re.compile(r"^E0[6-9]\d{6}$")  # an English district or unitary authority (E06-E09)
LAD_TYPES = {"E06": "Unitary authority", "E07": "Non-metropolitan district", "E08": "Metropolitan district",
             "E09": "London borough"}
UTLA_TYPES = {**LAD_TYPES, "E10": "County"}
LOOKUP_COLUMNS = ["lad_code", "lad_name", "lad_type", "utla_code", "utla_name", "utla_type", "region_code",
                  "region_name", "lad_code_2025"]


def build_lad_lookup(counties: pd.DataFrame, regions: pd.DataFrame, lad2025: pd.DataFrame) -> pd.DataFrame:
    """The app's lookup columns from the three ONS tables. Raises DownloadError, naming the districts, when the
    tables do not match one to one."""
    counties = counties[counties["LAD24CD"].str.match(ENGLISH_LAD)].drop_duplicates()
    regions = regions[regions["LAD24CD"].str.match(ENGLISH_LAD)].drop_duplicates()
    _check_one_to_one(counties, regions)
    merged = counties.merge(regions[["LAD24CD", "RGN24CD", "RGN24NM"]], on="LAD24CD", validate="one_to_one")
    lookup = pd.DataFrame({
        "lad_code": merged["LAD24CD"], "lad_name": merged["LAD24NM"],
        "lad_type": merged["LAD24CD"].str[:3].map(LAD_TYPES),
        "utla_code": merged["CTYUA24CD"], "utla_name": merged["CTYUA24NM"],
        "utla_type": merged["CTYUA24CD"].str[:3].map(UTLA_TYPES),
        "region_code": merged["RGN24CD"], "region_name": merged["RGN24NM"],
        "lad_code_2025": _codes_2025(merged, lad2025),
    })
    return lookup.sort_values("lad_code").reset_index(drop=True)[LOOKUP_COLUMNS]


def _check_one_to_one(counties: pd.DataFrame, regions: pd.DataFrame) -> None:
    problems = []
    for name, table in (("LAD24_CTYUA24", counties), ("LAD24_RGN24", regions)):
        repeated = sorted(table.loc[table["LAD24CD"].duplicated(), "LAD24CD"])
        if repeated:
            problems.append(f"{name} lists {', '.join(repeated)} more than once")
    only_one = sorted(set(counties["LAD24CD"]) ^ set(regions["LAD24CD"]))
    if only_one:
        problems.append(f"districts in only one of the county and region lookups: {', '.join(only_one)}")
    if problems:
        raise DownloadError("; ".join(problems))


def _codes_2025(merged: pd.DataFrame, lad2025: pd.DataFrame) -> list[str]:
    """Each district's April 2025 code: its own when still in force, else the one 2025 district of its name."""
    codes_2025 = set(lad2025["LAD25CD"])
    by_name = lad2025.drop_duplicates().groupby("LAD25NM")["LAD25CD"].agg(list).to_dict()
    found, unmatched = [], []
    for code, name in zip(merged["LAD24CD"], merged["LAD24NM"], strict=True):
        same_name = [c for c in by_name.get(name, []) if ENGLISH_LAD.match(c)]
        if code in codes_2025:
            found.append(code)
        elif len(same_name) == 1:
            found.append(same_name[0])
        else:
            unmatched.append(f"{code} {name}")
    if unmatched:
        raise DownloadError(f"no 2025 district code (same code, or one district of the same name) for "
                            f"{', '.join(unmatched)}")
    return found
