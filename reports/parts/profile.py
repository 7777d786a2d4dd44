"""The pack's area profile part: the Area profile page's table for the chosen area (every local indicator beside
England and its region, with its comparison and recent trend), for the workbook and the JSNA chapter (too wide
for a slide), and each indicator's source."""

from __future__ import annotations

from present.area_profile import profile_table
from reports.model import LoadedData, PackRequest, PackTable, Section, SourceRow
from reports.views import views_of

PROFILE_NOTES = ("Each indicator's latest period with a figure for this area. \"Compared with England\" tests the "
                 "area's confidence interval against England's value (Fingertips' rule; the level is in each "
                 "label). \"Recent trend\" is the direction over the latest periods where the data allow one.")


def profile_part(choices: PackRequest, inputs: LoadedData, area_name: str) -> tuple[PackTable, list[SourceRow]] | None:
    """The area's profile table and its sources; None when the area has no local indicator."""
    profile = views_of(inputs).profile_rows(choices.area_code, choices.level)
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
