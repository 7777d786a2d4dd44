"""One indicator, level and period, ready to show: the values per area as text, the colour classes, the
tooltip fields and the accessible table beneath the map (pure functions, no Streamlit)."""

from __future__ import annotations

import html

import pandas as pd

from analysis.benchmark import NOT_COMPARED
from analysis.classes import comparison_legend, decimals_for, quantile_classes

COLOUR_BY_COMPARISON = "comparison"
COLOUR_BY_VALUE = "value"
COLOUR_LABELS = {COLOUR_BY_COMPARISON: "Compared with England", COLOUR_BY_VALUE: "Value (fifths of areas)"}
NO_VALUE = "no value"
TOOLTIP_FIELDS = {"area_label": "Area", "value_text": "Value", "ci_text": "95% CI",
                  "comparison_label": "Compared with England", "note": "Note"}


def value_text(value: float, unit: str, decimals: int) -> str:
    if pd.isna(value):
        return NO_VALUE
    number = f"{value:,.{decimals}f}"
    return f"{number}%" if unit == "%" else f"{number} {unit}" if unit not in ("score",) else number


def select(values: pd.DataFrame, indicator_id: str, level: str, period: str) -> pd.DataFrame:
    rows = values[(values["indicator_id"] == indicator_id) & (values["level"] == level)
                  & (values["period"] == period)]
    return rows.sort_values("area_name").reset_index(drop=True)


def view(rows: pd.DataFrame, colour_by: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(rows with value_text, ci_text, fill and class_label; legend) for one indicator, level and period."""
    result = rows.copy()
    decimals = decimals_for(result["value"])
    unit = result["unit"].iloc[0] if len(result) else ""
    result["value_text"] = [value_text(v, unit, decimals) for v in result["value"]]
    result["ci_text"] = [
        f"{lo:,.{decimals}f} to {hi:,.{decimals}f}" if pd.notna(lo) and pd.notna(hi) else "not published"
        for lo, hi in zip(result["ci_low"], result["ci_high"], strict=True)]
    result["area_label"] = result["area_name"] + " (" + result["area_code"] + ")"
    if colour_by == COLOUR_BY_COMPARISON:
        result["fill"] = result["comparison_colour"]
        result["class_label"] = result["comparison_label"]
        legend = comparison_legend(result)
    else:
        result["class_label"], result["fill"], legend = quantile_classes(result["value"])
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


def legend_html(legend: pd.DataFrame, title: str, subtitle: str) -> str:
    """The key beside the map: a swatch, the class in words and the number of areas, for every class shown.
    Areas with no value are white with a grey border; every text is escaped."""
    items = []
    for row in legend.itertuples(index=False):
        fill = row.colour if isinstance(row.colour, str) else "#FFFFFF"
        border = "#4C6272" if not isinstance(row.colour, str) else fill
        items.append(
            f'<li style="list-style:none;margin:0 0 6px 0;display:flex;align-items:center;gap:8px">'
            f'<span aria-hidden="true" style="display:inline-block;width:22px;height:16px;background:{fill};'
            f'border:1px solid {border};flex:none"></span>'
            f'<span>{html.escape(str(row.label))} <span style="color:#4C6272">({row.areas} '
            f'{"area" if row.areas == 1 else "areas"})</span></span></li>')
    return (f'<div role="group" aria-label="Map key"><p style="margin:0 0 4px 0"><b>{html.escape(title)}</b></p>'
            f'<p style="margin:0 0 8px 0;color:#4C6272">{html.escape(subtitle)}</p>'
            f'<ul style="padding:0;margin:0">{"".join(items)}</ul></div>')
