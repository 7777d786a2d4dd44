"""Choropleth maps (folium) that draw with no request to any host but the app.

folium declares Leaflet, jQuery, Bootstrap and Font Awesome from CDNs as class attributes; a
GeoJSON choropleth needs only Leaflet, which the app serves itself (loaders/web_assets.py). No
basemap tiles, no branca colormap (streamlit-folium would add two d3 CDN links for one): the legend
is drawn beside the map by the page.
"""

from __future__ import annotations

import html

import folium
import geopandas as gpd

from loaders.web_assets import LEAFLET_URL

folium.Map.default_js = [("leaflet", f"{LEAFLET_URL}/leaflet.js")]
folium.Map.default_css = [("leaflet_css", f"{LEAFLET_URL}/leaflet.css")]

NO_DATA_FILL = "#FFFFFF"
BORDER = "#FFFFFF"
REGION_OUTLINE = "#212B32"
HIGHLIGHT = "#000000"


def _escaped(frame: gpd.GeoDataFrame, columns: list[str]) -> gpd.GeoDataFrame:
    """Tooltip text is inserted as HTML by Leaflet: escape every value so names stay text."""
    result = frame.copy()
    for column in columns:
        result[column] = result[column].map(lambda v: "" if v is None else html.escape(str(v)))
    return result


def choropleth_map(areas: gpd.GeoDataFrame, fill_column: str, tooltip: dict[str, str],
                   highlight_code: str | None = None, outlines: gpd.GeoDataFrame | None = None,
                   height_px: int = 640) -> folium.Map:
    """A map of ``areas`` (EPSG:4326, columns code, name, the fill colour and the tooltip columns).

    ``tooltip`` maps column -> label. The area ``highlight_code`` gets a thick outline; ``outlines``
    (e.g. regions) are drawn as lines on top and do not take clicks.
    """
    if areas.crs is None or areas.crs.to_epsg() != 4326:
        raise ValueError("areas must be in EPSG:4326 (longitude, latitude)")
    fields = list(tooltip)
    data = _escaped(areas[["code", "name", fill_column, *[f for f in fields if f not in ("code", "name")],
                           "geometry"]], [c for c in dict.fromkeys(["code", "name", *fields])])
    west, south, east, north = data.total_bounds
    fmap = folium.Map(tiles=None, location=[(south + north) / 2, (west + east) / 2], zoom_start=6,
                      height=height_px, control_scale=False, prefer_canvas=False,
                      attribution_control=True)
    folium.GeoJson(
        data,
        name="areas",
        style_function=lambda feature: {"fillColor": feature["properties"][fill_column] or NO_DATA_FILL,
                                        "color": BORDER, "weight": 0.6, "fillOpacity": 0.95},
        highlight_function=lambda feature: {"weight": 2.5, "color": HIGHLIGHT},
        tooltip=folium.GeoJsonTooltip(fields=fields, aliases=[f"{label}:" for label in tooltip.values()],
                                      sticky=False, localize=False, labels=True),
    ).add_to(fmap)
    if outlines is not None:
        folium.GeoJson(outlines[["code", "geometry"]], name="outlines", interactive=False,
                       style_function=lambda _: {"fill": False, "color": REGION_OUTLINE, "weight": 1.2}).add_to(fmap)
    if highlight_code is not None and (data["code"] == highlight_code).any():
        folium.GeoJson(data.loc[data["code"] == highlight_code, ["code", "geometry"]], name="selected",
                       interactive=False,
                       style_function=lambda _: {"fill": False, "color": HIGHLIGHT, "weight": 3.5}).add_to(fmap)
    fmap.fit_bounds([[south, west], [north, east]])
    return fmap
