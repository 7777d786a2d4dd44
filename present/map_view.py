"""One indicator, level and period, ready to show on the Map page and in the board pack: the values per area as
text, the colour classes and their words, the key's title, the tooltip fields, the chosen area in a sentence, the
area a click chose and the accessible table beneath the map (pure functions, no Streamlit)."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass

import pandas as pd

from analysis.area_groups import GroupStatus
from analysis.classes import comparison_legend, decimals_for, has_classes, quantile_classes
from core.comparison_codes import NOT_COMPARED, ComparisonBasis, comparison_label

COLOUR_BY_COMPARISON = "comparison"
COLOUR_BY_VALUE = "value"
COLOUR_LABELS = {COLOUR_BY_COMPARISON: "Compared with England", COLOUR_BY_VALUE: "Value (fifths of areas)"}
COLOUR_EXPLAINED = {
    COLOUR_BY_COMPARISON: "Each area's 95% or 99.8% confidence interval is tested against England's value (the "
                          "level is in the label).",
    COLOUR_BY_VALUE: "Classes hold about a fifth of the areas with a value each; darker is lower."}
FEW_AREAS_WORDS = ("Fewer than five areas have a value, so they share one colour (no fifths): read each value in "
                   "the table")
NO_VALUE = "no value"
NO_CI = "not published"
# What a comparison's short words leave out, said once under a key when every area shares it.
BASIS_NOTES = {ComparisonBasis.PUBLISHED: "as published by Fingertips"}
TOOLTIP_FIELDS = {"area_label": "Area", "value_text": "Value", "ci_text": "95% CI",
                  "comparison_label": "Compared with England", "note": "Note"}
HEX_TOOLTIP_FIELDS = {"name": "Area", "value_text": "Value", "comparison_label": "Compared with England"}


@dataclass(frozen=True)
class MapWords:
    """The words round one map: the key's title (indicator, unit, period) and subtitle, the colouring in words
    and the unit as shown in headings."""

    title: str
    subtitle: str
    colour_words: str
    unit_text: str


def value_text(value: float, unit: str, decimals: int) -> str:
    if pd.isna(value):
        return NO_VALUE
    number = f"{value:,.{decimals}f}"
    return f"{number}%" if unit == "%" else f"{number} {unit}" if unit not in ("score",) else number


def select(values: pd.DataFrame, indicator_id: str, level: str, period: str) -> pd.DataFrame:
    rows = values[(values["indicator_id"] == indicator_id) & (values["level"] == level)
                  & (values["period"] == period)]
    return rows.sort_values("area_name").reset_index(drop=True)


def _comparison_words(rows: pd.DataFrame) -> tuple[list[str], list[str]]:
    """Per row: the comparison in short words ("Similar to England (95%)", from the category and level) and
    what they leave out ("as published by Fingertips", from the basis); the full label and "" when not compared."""
    shorts, notes = [], []
    for label, category, level, basis in zip(rows["comparison_label"], rows["comparison"], rows["comparison_level"],
                                             rows["comparison_basis"], strict=True):
        compared = category != NOT_COMPARED and pd.notna(level)
        shorts.append(comparison_label(category, float(level)) if compared else str(label))
        notes.append(BASIS_NOTES.get(basis, "") if compared else "")
    return shorts, notes


def view(rows: pd.DataFrame, colour_by: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(rows with value_text, ci_text, area_label, fill, class_label, and the class in short words and what they
    leave out, class_short and class_note (likewise comparison_short and comparison_note, whatever the colouring);
    legend) for one indicator, level and period."""
    result = rows.copy()
    decimals = decimals_for(result["value"])
    unit = result["unit"].iloc[0] if len(result) else ""
    result["value_text"] = [value_text(v, unit, decimals) for v in result["value"]]
    result["ci_text"] = [
        f"{lo:,.{decimals}f} to {hi:,.{decimals}f}" if pd.notna(lo) and pd.notna(hi) else NO_CI
        for lo, hi in zip(result["ci_low"], result["ci_high"], strict=True)]
    result["area_label"] = result["area_name"] + " (" + result["area_code"] + ")"
    result["comparison_short"], result["comparison_note"] = _comparison_words(result)
    if colour_by == COLOUR_BY_COMPARISON:
        result["fill"] = result["comparison_colour"]
        result["class_label"] = result["comparison_label"]
        result["class_short"], result["class_note"] = result["comparison_short"], result["comparison_note"]
        legend = comparison_legend(result)
    else:
        result["class_label"], result["fill"], legend = quantile_classes(result["value"])
        result["class_short"], result["class_note"] = result["class_label"], ""
    return result, legend


def comparison_available(rows: pd.DataFrame) -> bool:
    return bool((rows["comparison"] != NOT_COMPARED).any())


def map_view(values: pd.DataFrame, indicator_id: str, level: str, period: str,
             colour_by: str) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """(rows ready to show, legend, the colouring used) for one indicator, level and period. Colouring by the
    comparison with England falls back to fifths of the values when no area in the period can be compared."""
    rows = select(values, indicator_id, level, period)
    if colour_by == COLOUR_BY_COMPARISON and not comparison_available(rows):
        colour_by = COLOUR_BY_VALUE
    shown, legend = view(rows, colour_by)
    return shown, legend, colour_by


# Why no area made of districts (a police force area, a county from district data) has a value, by the reason most
# of them share (analysis.area_groups.GroupStatus).
GROUP_REASONS = {
    GroupStatus.NO_COUNTS: "they are computed from their districts' counts and denominators, which this file does "
                           "not have, and a rate is never averaged",
    GroupStatus.NOT_A_COUNT: "this indicator's figures are not counts over denominators, so they cannot be added up "
                             "from districts, and they are never averaged",
    GroupStatus.MISSING_DISTRICTS: "some of their districts have no figure for this period",
    GroupStatus.NOT_CRUDE: "the districts' figures are not count ÷ denominator (standardised or weighted), so their "
                           "counts cannot be added up",
}


def no_value_reason(rows: pd.DataFrame, level_label: str) -> str | None:
    """Why the map is empty, when no area has a value: the reason most of them share, in words (None when some
    area has a value)."""
    if rows.empty or rows["value"].notna().any():
        return None
    statuses = rows.get("group_status", pd.Series(dtype=object)).dropna()
    reason = GROUP_REASONS.get(statuses.mode().iloc[0]) if len(statuses) else None
    because = f": {reason}" if reason else ". The table under the map gives each area's reason"
    return f"No area has a value at this level ({level_label.lower()}), so the map is white{because}."


def classed(rows: pd.DataFrame) -> bool:
    """Whether enough areas have a value for the map to colour them in fifths."""
    return has_classes(rows["value"])


def map_title(meta: Mapping, period: str) -> str:
    """The map's title: "Adult smoking (APS) (%), 2024" (an indicator register row's short name and unit)."""
    return f"{meta['short_name']} ({meta['unit']}), {period}"


def map_words(meta: Mapping, period: str, colour_by: str, classed: bool = True) -> MapWords:
    """The key's title and subtitle for an indicator (a register row), a period and the colouring used;
    ``classed`` False when too few areas have a value for fifths (analysis.classes.has_classes)."""
    if colour_by == COLOUR_BY_VALUE and not classed:
        return MapWords(map_title(meta, period), f"{FEW_AREAS_WORDS}.", FEW_AREAS_WORDS, str(meta["unit"]))
    colour_words = COLOUR_LABELS[colour_by]
    return MapWords(map_title(meta, period), f"{colour_words}. {COLOUR_EXPLAINED[colour_by]}", colour_words,
                    str(meta["unit"]))


def area_sentence(row: pd.Series, unit: str) -> str:
    """The chosen area in one Markdown sentence: its value, interval, comparison and England's value."""
    has_ci = pd.notna(row["ci_low"]) and pd.notna(row["ci_high"])
    return (f"**{row['area_name']}**: {row['value_text']}" + (f" (95% CI {row['ci_text']})" if has_ci else "")
            + f". {row['comparison_label']}."
            + (f" England: {value_text(row['england_value'], unit, 1)}." if pd.notna(row["england_value"]) else ""))


def clicked_code(map_state: Mapping | None, codes: Collection[str]) -> str | None:
    """The area a click on the map chose: the id (area code) of the feature streamlit-folium returns as
    ``last_active_drawing``, if it is one of ``codes``."""
    feature = (map_state or {}).get("last_active_drawing") or {}
    code = feature.get("id") if isinstance(feature, Mapping) else None
    return code if code in codes else None


def file_slug(text: str) -> str:
    """``text`` fit for a file name: every run of other characters than letters and digits becomes "-"."""
    return re.sub(r"[^0-9A-Za-z]+", "-", text)


def hex_rows(hexes: pd.DataFrame, shown: pd.DataFrame, region: str) -> pd.DataFrame:
    """England's hexes (of ``region`` only, unless it is ""), each with its area's fill, value and comparison."""
    hexes = hexes[hexes["region"] == region] if region else hexes
    return hexes[hexes["code"].str.startswith("E")].merge(
        shown[["area_code", "fill", "value_text", "comparison_label"]], left_on="code", right_on="area_code",
        how="left")


INTERVAL_HEADINGS = ("Lower 95% limit", "Upper 95% limit")


def area_table_on_screen(table: pd.DataFrame) -> pd.DataFrame:
    """``area_table`` as the page shows it: the limits as text to one decimal place, "not published" where the
    source gave none (a blank cell would read "None"); the value stays a number (the table sorts by it) and the
    CSV keeps every number."""
    shown = table.copy()
    for heading in INTERVAL_HEADINGS:
        shown[heading] = [f"{number:,.1f}" if pd.notna(number) else NO_CI for number in table[heading]]
    return shown


def area_table(rows: pd.DataFrame, value_heading: str) -> pd.DataFrame:
    """The table beneath the map: every area, its value and interval, the comparison, and why a value is missing."""
    return pd.DataFrame({
        "Area": rows["area_name"],
        "Code": rows["area_code"],
        "Region": rows["region_name"],
        value_heading: rows["value"],
        "Lower 95% limit": rows["ci_low"],
        "Upper 95% limit": rows["ci_high"],
        "Compared with England": rows["comparison_label"],
        "England": rows["england_value"],
        "Note": rows["note"].fillna(rows["value_note"]).fillna(""),
    })
