"""Statistical neighbours as shown on the Area profile, the Map and in the board pack: the list used and why some
areas are left out, the neighbours themselves, how far ONS's three lists agree for the area, and each indicator
beside the neighbours' range and average (pure functions, no Streamlit)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from analysis.neighbours import (
    DEFAULT_COUNT,
    NeighbourLists,
    Neighbours,
    NeighbourStatus,
    against_neighbours,
    neighbours_of,
    overlap,
)
from core.codes import COUNTY_PREFIX
from present.map_view import value_text

DEFAULT_MODEL = "global"
MODEL_LABELS = {"global": "Global", "economic": "Economic", "demographic": "Demographic"}
MODEL_SCOPE = {"global": "all of ONS's indicators", "economic": "the economic indicators only",
               "demographic": "the demographic indicators only"}
COUNTRIES = {"W": "Wales", "S": "Scotland", "N": "Northern Ireland"}
NOT_RANKED = "not ranked"
NO_NEIGHBOUR_VALUE = "no neighbour has a value"

SOURCE_TITLE = "ONS statistical nearest neighbours (Explore Local Statistics, 2026 update)"
SOURCE_PUBLISHER = "Office for National Statistics"
SOURCE_YEAR = "2026"
SERVICE_URL = "https://www.ons.gov.uk/explore-local-statistics/"
REPOSITORY_URL = "https://github.com/ONSdigital/explore-local-statistics-app"
METHOD_URL = ("https://www.ons.gov.uk/peoplepopulationandcommunity/wellbeing/methodologies/"
              "clusteringsimilarlocalauthoritiesandstatisticalnearestneighboursintheukmethodology")
SOURCE_FILES = ("repository ONSdigital/explore-local-statistics-app (MIT licence; no separate data licence stated), "
                "scripts/config/clusters/<model>-neighbours.csv, 2026 update (commit 99fc2df3, 12 March 2026)")
METHOD_NOTE = ("ONS's method (Subnational Statistics and Analysis, clustering and nearest neighbours): the "
               "indicators are standardised, gaps are filled with medians and areas are ranked by Euclidean "
               "distance; an area's own parent and child areas are left out of its list.")
MODELS_DIFFER = ("ONS builds three lists from three models (global: all its indicators; economic; demographic), "
                 "and they rank different areas as most similar: for English areas the global and demographic "
                 "lists share on average about 2 of their first 10 English neighbours, the global and economic "
                 "lists between 4 and 5. Say which list a comparison uses.")
AVERAGE_NOTE = ("Neighbours' average: the mean of the neighbours' own values, unweighted (each area counts once, "
                "whatever its population), over the neighbours with a value in the same period; the range is the "
                "lowest to the highest of those values. Rank among neighbours: 1 = highest value, among the area "
                "and its neighbours with a value.")


def model_label(model: str) -> str:
    return f"{MODEL_LABELS.get(model, model)} list"


def country_of(code: str) -> str:
    return COUNTRIES.get(code[:1], "outside England")


def area_names(values: pd.DataFrame) -> dict[str, str]:
    """Code -> name of every area at any level of the local indicators' frame."""
    first = values.drop_duplicates("area_code")
    return dict(zip(first["area_code"], first["area_name"], strict=True))


def recode_words(lists: NeighbourLists, code: str, name: str) -> str:
    """Why ONS's lists hold the area under another code ("" when they use the same one)."""
    list_code = lists.list_codes.get(code)
    if list_code is None:
        return ""
    return (f"ONS's lists use {list_code} for {name}, the code in force after 2025; it is read as {code}, the "
            f"April 2023 code the app's boundaries and indicators use ({lists.recode_reasons[code]}).")


def status_words(found: Neighbours, name: str) -> str:
    """Why an area has no neighbours on the list ("" when it has some)."""
    label = model_label(found.model).lower()
    if found.status == NeighbourStatus.NOT_LISTED:
        return (f"{name} ({found.area_code}) is not on ONS's {label}. The lists (2026) cover districts, unitary "
                "authorities, counties and combined authorities by the codes in force in 2025, so an area whose "
                "code or boundary changed since, or one that is not a council area, has no neighbours there.")
    if found.status == NeighbourStatus.NONE_IN_ENGLAND:
        return (f"Every neighbour ONS's {label} gives {name} is outside England, and the indicators here cover "
                "England only.")
    return ""


def list_words(found: Neighbours, name: str) -> str:
    """Which list is used, how many neighbours and which areas outside England were passed over."""
    label = model_label(found.model)
    head = (f"**{label}** (ONS Explore Local Statistics, 2026; built on {MODEL_SCOPE.get(found.model, found.model)})"
            f": the first {len(found.codes)} areas in England among the {found.listed} ONS ranks as most similar "
            f"to {name}, in ONS's order.")
    if len(found.codes) < found.count:
        head += f" Only {len(found.codes)} of the {found.listed} are in England."
    if found.outside_england:
        passed = ", ".join(f"{code} ({country_of(code)}, ONS rank {rank})" for rank, code in found.outside_england)
        head += f" Left out as outside England (the indicators cover England only): {passed}."
    return head


def overlap_words(shared: pd.DataFrame, name: str) -> str:
    """How many neighbours each pair of ONS's lists shares for the area, in one sentence ("" for one list)."""
    if shared.empty:
        return ""
    pairs = [f"the {row.model} and {row.other_model} lists share {row.shared}" + (
        f" (of {row.first} and {row.second})" if row.first != row.second else "")
        for row in shared.itertuples(index=False)]
    joined = pairs[0] if len(pairs) == 1 else ", ".join(pairs[:-1]) + " and " + pairs[-1]
    count = int(shared[["first", "second"]].max().max())
    return f"The lists differ by model: of the first {count} English neighbours of {name}, {joined}."


def neighbour_table(found: Neighbours, names: Mapping[str, str]) -> pd.DataFrame:
    """The neighbours in order: position, name, code and the rank ONS gives them on its UK-wide list."""
    return pd.DataFrame({"Neighbour": range(1, len(found.codes) + 1),
                         "Area": [names.get(code, code) for code in found.codes],
                         "Code": list(found.codes), "ONS rank (UK list)": list(found.ons_ranks)})


def _range_text(low: float, high: float, unit: str) -> str:
    return NO_NEIGHBOUR_VALUE if pd.isna(low) else f"{value_text(low, unit, 1)} to {value_text(high, unit, 1)}"


def comparison_table(against: pd.DataFrame, profile: pd.DataFrame, name: str) -> pd.DataFrame:
    """Each indicator (analysis.neighbours.against_neighbours, with the profile's short name, unit and England
    value) as shown: the area, its neighbours' average and range, how many had a value, its rank, England."""
    meta = profile.set_index("indicator_id")
    units = against["indicator_id"].map(meta["unit"])
    return pd.DataFrame({
        "Indicator": against["indicator_id"].map(meta["short_name"]),
        "Period": against["period"],
        name: [value_text(v, u, 1) for v, u in zip(against["value"], units, strict=True)],
        "Neighbours' average": [NO_NEIGHBOUR_VALUE if pd.isna(v) else value_text(v, u, 1)
                                for v, u in zip(against["neighbours_mean"], units, strict=True)],
        "Neighbours' range": [_range_text(lo, hi, u) for lo, hi, u in
                              zip(against["neighbours_lowest"], against["neighbours_highest"], units, strict=True)],
        "Neighbours with a value": [f"{n} of {m}" for n, m in
                                    zip(against["neighbours_with_value"], against["neighbours_listed"], strict=True)],
        "Rank among neighbours": [NOT_RANKED if pd.isna(r) else f"{int(r)} of {k} (1 = highest)"
                                  for r, k in zip(against["rank_among"], against["ranked"], strict=True)],
        "England": [value_text(v, u, 1) for v, u in
                    zip(against["indicator_id"].map(meta["england_value"]), units, strict=True)],
    })


def missing_words(against: pd.DataFrame, names: Mapping[str, str], found: Neighbours) -> str:
    """Which neighbours lack a value for some indicator, and why that may be ("" when every one has them all)."""
    short = against[against["neighbours_with_value"] < against["neighbours_listed"]]
    if short.empty:
        return ""
    counties = [names.get(code, code) for code in found.codes if code.startswith(COUNTY_PREFIX)]
    why = (f" {len(counties)} of the neighbours are counties ({', '.join(counties)}): a county has a value only "
           "from county-level data, which is not on this machine for every indicator (Data status), not from "
           "district figures."
           if counties else "")
    return (f"For {len(short)} of the {len(against)} indicators some neighbours have no value in the same period, "
            f"so the average and range are over fewer than {len(found.codes)} areas (the count is in the table)."
            + why)


def comparison_frame(against: pd.DataFrame, profile: pd.DataFrame, name: str) -> pd.DataFrame:
    """The same rows as ``comparison_table``, numbers unrounded (the board pack's workbook and a CSV)."""
    meta = profile.set_index("indicator_id")
    return pd.DataFrame({
        "Indicator": against["indicator_id"].map(meta["short_name"]), "Period": against["period"],
        "Unit": against["indicator_id"].map(meta["unit"]), name: against["value"],
        "Neighbours' average (mean, unweighted)": against["neighbours_mean"],
        "Neighbours' lowest": against["neighbours_lowest"], "Neighbours' highest": against["neighbours_highest"],
        "Neighbours with a value": against["neighbours_with_value"], "Neighbours": against["neighbours_listed"],
        "Rank among neighbours (1 = highest)": against["rank_among"], "Areas ranked": against["ranked"],
        "England": against["indicator_id"].map(meta["england_value"]),
    })


@dataclass(frozen=True)
class NeighbourView:
    """Everything the neighbour section shows for one area and list."""

    neighbours: Neighbours
    status: str  # why there are none ("" when there are)
    words: str  # which list, how many, who was left out
    recoded: str  # why the list holds the area under another code ("")
    agreement: str  # how far the three lists agree for the area ("")
    missing: str  # which neighbours lack values, and why ("")
    table: pd.DataFrame  # neighbour_table
    against: pd.DataFrame  # analysis.neighbours.against_neighbours (unrounded)
    comparison: pd.DataFrame  # comparison_table


def neighbour_view(lists: NeighbourLists, values: pd.DataFrame, profile: pd.DataFrame, area: str, level: str,
                   model: str, names: Mapping[str, str], count: int = DEFAULT_COUNT) -> NeighbourView:
    """The neighbour section for ``area`` at ``level`` on ``model``'s list, against ``profile``'s indicators
    (analysis.profile.area_profile)."""
    name = names.get(area, area)
    found = neighbours_of(lists, area, model, count=count)
    against = against_neighbours(values, profile, found, level)
    return NeighbourView(found, status_words(found, name),
                         list_words(found, name) if found.status == NeighbourStatus.LISTED else "",
                         recode_words(lists, area, name), overlap_words(overlap(lists, area, count=count), name),
                         missing_words(against, names, found), neighbour_table(found, names), against,
                         comparison_table(against, profile, name))


def outline_words(found: Neighbours, drawn: set[str], names: Mapping[str, str]) -> tuple[str, str]:
    """The map key's line for the neighbours' outline, and which neighbours are not areas of the map's level."""
    shown = [code for code in found.codes if code in drawn]
    key = (f"Dashed outline: {len(shown)} of {names.get(found.area_code, found.area_code)}'s {len(found.codes)} "
           f"statistical neighbours ({model_label(found.model).lower()}, England only).")
    missing = [names.get(code, code) for code in found.codes if code not in drawn]
    note = (f"Not areas at this level, so not outlined: {', '.join(missing)} (choose the other level under "
            "Areas to see them)." if missing else "")
    return key, note
