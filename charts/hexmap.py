"""Hex cartogram (Altair): every area the same size, so small urban authorities are visible."""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from charts.style import axis_config, text_colour_on

RADIUS = 1 / math.sqrt(3)  # pointy-top hexes one unit apart horizontally


def hex_centres(hexes: pd.DataFrame, layout: str) -> pd.DataFrame:
    """x, y of each hex centre for a HexJSON layout (r grows northwards, as in Open Innovations' maps)."""
    q, r = hexes["q"].astype(float), hexes["r"].astype(float)
    result = hexes.copy()
    if layout in ("odd-r", "even-r"):
        shifted = (hexes["r"] % 2 == (1 if layout == "odd-r" else 0)).astype(float)
        result["x"], result["y"] = q + 0.5 * shifted, r * 1.5 * RADIUS
    else:  # flat-top columns
        shifted = (hexes["q"] % 2 == (1 if layout == "odd-q" else 0)).astype(float)
        result["x"], result["y"] = q * 1.5 * RADIUS, r + 0.5 * shifted
    return result


def _hexagon(x: float, y: float, pointy: bool) -> list[list[float]]:
    start = 30 if pointy else 0
    ring = [[x + RADIUS * math.cos(math.radians(start + 60 * k)), y + RADIUS * math.sin(math.radians(start + 60 * k))]
            for k in range(6)]
    return [*ring, ring[0]]


def hex_features(hexes: pd.DataFrame, layout: str, properties: list[str]) -> list[dict]:
    """GeoJSON features (plane coordinates) carrying the given columns as properties."""
    centres = hex_centres(hexes, layout)
    pointy = layout.endswith("-r")
    return [{"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [_hexagon(row.x, row.y, pointy)]},
             "properties": {name: getattr(row, name) for name in properties}}
            for row in centres.itertuples()]


def short_label(name: str, limit: int = 8) -> str:
    """A hex label: the name, or its first word(s) cut to ``limit`` characters."""
    return name if len(name) <= limit else name[:limit - 1].rstrip() + "…"


def hex_map(hexes: pd.DataFrame, layout: str, fill_column: str, tooltip: dict[str, str], title: str,
            subtitle: list[str], label_limit: int = 8) -> alt.LayerChart:
    """Hexes filled with ``fill_column`` colours (missing = white), labelled, with a tooltip."""
    data = hexes.copy()
    data["label"] = data["name"].map(lambda name: short_label(name, label_limit))
    data[fill_column] = data[fill_column].fillna("#FFFFFF")
    properties = list(dict.fromkeys(["code", "name", "label", fill_column, *tooltip]))
    features = hex_features(data, layout, properties)
    centres = hex_centres(data, layout)
    shapes = alt.Chart(alt.Data(values=features)).mark_geoshape(stroke="#FFFFFF", strokeWidth=1).encode(
        color=alt.Color(f"properties.{fill_column}:N", scale=None),
        tooltip=[alt.Tooltip(f"properties.{column}:N", title=label) for column, label in tooltip.items()],
    )
    label_data = centres.assign(label=data["label"], text_colour=data[fill_column].map(text_colour_on))
    labels = alt.Chart(label_data).mark_text(fontSize=9).encode(longitude="x:Q", latitude="y:Q", text="label:N",
                           color=alt.Color("text_colour:N", scale=None))
    chart = alt.layer(shapes, labels, projection=alt.Projection(type="identity", reflectY=True)).properties(
        title=alt.TitleParams(title, subtitle=subtitle), width="container", height=720)
    return chart.configure(**axis_config())

