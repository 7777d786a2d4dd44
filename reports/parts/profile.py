"""The pack's area profile part: the Area profile page's table for the chosen area (every local indicator beside
England and its region, with its comparison and recent trend), for the workbook and the JSNA chapter (too wide
for a slide), and each indicator's source."""

from __future__ import annotations

import pandas as pd

from analysis.profile import area_profile
from present.area_profile import profile_table
from present.profile_rows import profile_with_trends
from reports.model import LoadedData, PackRequest, PackTable, Section, SourceRow

PROFILE_NOTES = ("Each indicator's latest period with a figure for this area. \"Compared with England\" tests the "
                 "area's confidence interval against England's value (Fingertips' rule; the level is in each "
                 "label). \"Recent trend\" is the direction over the latest periods where the data allow one.")


def area_rows(inputs: LoadedData, area_code: str, level: str, *, trends: bool = True) -> pd.DataFrame:
    """The area's profile rows (with their trends unless ``trends`` is False): the app's cached copy, which has
    them, when it gave one, else worked out."""
    if inputs.profile_rows is not None:
        return inputs.profile_rows(area_code, level)
    if not trends:
        local = inputs.local
        return area_profile(local.values, local.regions, local.register, area_code, level)
    return profile_with_trends(inputs.local, area_code, level)


def profile_part(choices: PackRequest, inputs: LoadedData, area_name: str) -> tuple[PackTable, list[SourceRow]] | None:
    """The area's profile table and its sources; None when the area has no local indicator."""
    profile = area_rows(inputs, choices.area_code, choices.level)
    if profile.empty:
        return None
    region = str(profile["region_name"].iloc[0])
    table = profile_table(profile, area_name, region)
    meta = inputs.local.register.set_index("indicator_id")
    sources = [SourceRow(f"{row.short_name}, {row.period}", str(meta.at[row.indicator_id, "indicator"]),
                         str(meta.at[row.indicator_id, "publisher"]), str(row.period),
                         str(meta.at[row.indicator_id, "source_url"]), str(meta.at[row.indicator_id, "caveat"]),
                         str(row.short_name), (Section.PROFILE,))
               for row in profile.itertuples()]
    return PackTable(Section.PROFILE, "Area profile", f"{area_name}: local indicators against England and "
                     f"{region}", table, table, notes=PROFILE_NOTES), sources
