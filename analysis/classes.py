"""Colour classes for a choropleth: quintiles of the values shown, or the comparison with England.

Pure functions: they take a frame of one indicator, level and period and return the class, its label and its
colour per area, plus a legend (one row per class, with the number of areas in it).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.benchmark import BENCHMARK_COLOURS
from core.comparison_codes import CATEGORIES, NOT_COMPARED, ComparisonBasis, comparison_label

# Viridis at five evenly spaced stops (matplotlib's colour-blind-safe, perceptually uniform scale), darkest =
# lowest. Each differs from its neighbours in lightness, so the order reads in greyscale too.
SEQUENTIAL = ("#440154", "#3B528B", "#21918C", "#5EC962", "#FDE725")
NO_DATA = "No value"
NO_DATA_COLOUR = None  # drawn as white with a grey hatch-free outline; the legend says "No value"
CATEGORY_ORDER = CATEGORIES  # Fingertips' order: Better, Similar, Worse, Lower, Higher, Not compared
LEGEND_COLUMNS = ["label", "colour", "areas"]
# Fewer areas with a value than classes: no fifths (two areas 0.2 apart would be coloured as the two extremes).
FEW_AREAS = "A value (too few areas to split into classes)"
FEW_AREAS_COLOUR = SEQUENTIAL[2]


def has_classes(values: pd.Series, classes: int = 5) -> bool:
    """Whether ``values`` has enough areas with a value for ``classes`` quantile classes."""
    return int(values.notna().sum()) >= classes


def _format(number: float, decimals: int) -> str:
    return f"{number:,.{decimals}f}"


def decimals_for(values: pd.Series) -> int:
    """Decimal places the publisher used (at most 2), so class limits read like the values."""
    text = values.dropna().map(lambda v: f"{v:.6g}")
    places = text.map(lambda t: len(t.split(".")[1]) if "." in t else 0)
    return int(min(places.max(), 2)) if len(places) else 0


def quantile_classes(values: pd.Series, classes: int = 5) -> tuple[pd.Series, pd.Series, pd.DataFrame]:
    """Quantile classes of ``values`` (index kept): (class label, colour, legend).

    A class runs from its lower limit (included) up to the next class's lower limit; the last class includes
    the highest value. Limits are printed with one decimal place more than the values.

    Class limits are the values at the 20th, 40th ... percentiles (``numpy.quantile``, linear), so each class
    holds about a fifth of the areas with a value; tied values fall in one class, so fewer classes are made
    when many areas share a value. Fewer areas with a value than ``classes`` make no classes: they share one colour
    and the label FEW_AREAS. Missing values get "No value" (NO_DATA) and no colour.
    """
    present = values.dropna().astype(float)
    labels = pd.Series(NO_DATA, index=values.index, dtype=object)
    colours = pd.Series(NO_DATA_COLOUR, index=values.index, dtype=object)
    legend_rows = []
    if 0 < len(present) < classes:
        labels[present.index], colours[present.index] = FEW_AREAS, FEW_AREAS_COLOUR
        legend_rows.append({"label": FEW_AREAS, "colour": FEW_AREAS_COLOUR, "areas": len(present)})
    elif not present.empty:
        edges = np.unique(np.quantile(present, np.linspace(0, 1, classes + 1)))
        if len(edges) == 1:
            edges = np.array([edges[0], edges[0]])
        palette = _spread(len(edges) - 1)
        decimals = decimals_for(present) + 1  # one place more than the data, so a limit never looks like a value
        bins = np.clip(np.searchsorted(edges, present, side="right") - 1, 0, len(edges) - 2)
        for number in range(len(edges) - 1):
            low, high = edges[number], edges[number + 1]
            label = f"{_format(low, decimals)} to {_format(high, decimals)}"
            members = present.index[bins == number]
            labels[members] = label
            colours[members] = palette[number]
            legend_rows.append({"label": label, "colour": palette[number], "areas": len(members)})
    missing = int(values.isna().sum())
    if missing:
        legend_rows.append({"label": NO_DATA, "colour": NO_DATA_COLOUR, "areas": missing})
    return labels, colours, pd.DataFrame(legend_rows, columns=LEGEND_COLUMNS)


def _spread(count: int) -> list[str]:
    """``count`` colours from SEQUENTIAL, spread from the darkest to the lightest."""
    if count >= len(SEQUENTIAL):
        return list(SEQUENTIAL)
    if count == 1:
        return [SEQUENTIAL[2]]
    positions = np.round(np.linspace(0, len(SEQUENTIAL) - 1, count)).astype(int)
    return [SEQUENTIAL[p] for p in positions]


def comparison_legend(rows: pd.DataFrame) -> pd.DataFrame:
    """Legend for the comparison view: one row per category and level on screen, in Fingertips' order."""
    legend_rows = []
    levels = rows["comparison_level"]  # 0.95 or 0.998, None where not compared
    for category in CATEGORY_ORDER:
        chosen = rows["comparison"] == category
        if not chosen.any():
            continue
        if category == NOT_COMPARED:
            without_value = chosen & rows["value"].isna()
            for label, members in ((NOT_COMPARED, chosen & ~without_value), (NO_DATA, without_value)):
                if members.any():
                    legend_rows.append({"label": label, "colour": None, "areas": int(members.sum())})
            continue
        for level in sorted(levels[chosen].dropna().unique()):
            members = chosen & (levels == level)
            published = (rows.loc[members, "comparison_basis"] == ComparisonBasis.PUBLISHED).all()
            label = comparison_label(category, level) + (f" (as {ComparisonBasis.PUBLISHED})" if published else "")
            legend_rows.append({"label": label, "colour": BENCHMARK_COLOURS[(category, level)],
                                "areas": int(members.sum())})
    return pd.DataFrame(legend_rows, columns=LEGEND_COLUMNS)
