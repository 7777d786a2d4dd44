"""Choropleth maps (folium) that draw with no request to any host but the app, and send little.

folium declares Leaflet, jQuery, Bootstrap and Font Awesome from CDNs as class attributes; a
GeoJSON choropleth needs only Leaflet, which the app serves itself (loaders/web_assets.py). No
basemap tiles, no branca colormap (streamlit-folium would add two d3 CDN links for one): the legend
is drawn beside the map by the page.

Geometry is sent quantised: coordinates as whole numbers of 1/1000 degree (about 70 m east-west, 110 m
north-south in England, finer than the simplified boundaries), each point as the difference from the one
before, decoded into GeoJSON by a few lines of JavaScript in the page. Each area carries only its tooltip
text and fill colour.
"""

from __future__ import annotations

import html

import folium
import geopandas as gpd
import shapely
from branca.element import MacroElement
from jinja2 import Template

from loaders.web_assets import LEAFLET_URL

folium.Map.default_js = [("leaflet", f"{LEAFLET_URL}/leaflet.js")]
folium.Map.default_css = [("leaflet_css", f"{LEAFLET_URL}/leaflet.css")]

NO_DATA_FILL = "#FFFFFF"
BORDER = "#768692"  # NHS mid grey: white (no value) areas keep an outline
REGION_OUTLINE = "#212B32"
HIGHLIGHT = "#000000"
SCALE = 1000  # quantisation: units per degree


def _ring_deltas(ring: shapely.LinearRing) -> list[int]:
    """[x0, y0, dx1, dy1, ...] in 1/SCALE degrees; repeated points (after rounding) are dropped."""
    flat: list[int] = []
    last_x = last_y = 0
    for x, y in ring.coords:
        qx, qy = round(x * SCALE), round(y * SCALE)
        if flat and qx == last_x and qy == last_y:
            continue
        flat += [qx - last_x, qy - last_y]
        last_x, last_y = qx, qy
    return flat


def quantise(geometry) -> list[list[list[int]]]:
    """A Polygon or MultiPolygon as polygons -> rings -> delta-encoded integer coordinates."""
    polygons = geometry.geoms if geometry.geom_type == "MultiPolygon" else [geometry]
    return [[_ring_deltas(polygon.exterior), *(_ring_deltas(hole) for hole in polygon.interiors)]
            for polygon in polygons]


class CompactGeoJson(MacroElement):
    """A GeoJSON layer sent as quantised, delta-encoded polygons with one tooltip (HTML) and fill per area."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function () {
            var packed = {{ this.packed|tojson }};
            var style = {{ this.style|tojson }};
            var hover = {{ this.hover|tojson }};
            function ring(flat) {
                var out = [], x = 0, y = 0;
                for (var i = 0; i < flat.length; i += 2) {
                    x += flat[i]; y += flat[i + 1];
                    out.push([x / packed.k, y / packed.k]);
                }
                return out;
            }
            var features = packed.f.map(function (f) {
                return {type: "Feature", id: f[0], properties: {tip: f[1], fill: f[2]},
                        geometry: {type: "MultiPolygon", coordinates: f[3].map(function (p) { return p.map(ring); })}};
            });
            var layer = L.geoJson({type: "FeatureCollection", features: features}, {
                interactive: {{ this.interactive|tojson }},
                style: function (feature) {
                    return feature.properties.fill ? Object.assign({}, style, {fillColor: feature.properties.fill})
                                                   : style;
                },
                onEachFeature: function (feature, path) {
                    if (!feature.properties.tip) { return; }
                    path.bindTooltip(feature.properties.tip, {sticky: false});
                    path.on("mouseover", function () { path.setStyle(hover); path.bringToFront(); });
                    path.on("mouseout", function () { layer.resetStyle(path); });
                }
            });
            layer.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
    """)

    def __init__(self, ids: list[str], geometries, tooltips: list[str] | None, fills: list[str | None] | None,
                 style: dict, hover: dict | None = None, interactive: bool = True, name: str = "areas"):
        super().__init__()
        self._name = name
        count = len(ids)
        tooltips = tooltips if tooltips is not None else [None] * count
        fills = fills if fills is not None else [None] * count
        self.packed = {"k": SCALE, "f": [[code, tip, fill, quantise(geometry)] for code, tip, fill, geometry
                                         in zip(ids, tooltips, fills, geometries, strict=True)]}
        self.style = style
        self.hover = hover or {}
        self.interactive = interactive


# Jinja's tojson (HTML-safe: < > & ' escaped) without the spaces after , and : (a sixth of the bytes).
CompactGeoJson._template.environment.policies["json.dumps_kwargs"] = {"sort_keys": False, "separators": (",", ":")}


def _shown(value: object) -> bool:
    return value is not None and value == value and str(value) != ""


def tooltip_html(frame: gpd.GeoDataFrame, tooltip: dict[str, str]) -> list[str]:
    """One tooltip per area: the first field in bold, then "label: value" lines; every value escaped."""
    first, *others = tooltip
    lines = []
    for row in frame[list(tooltip)].itertuples(index=False):
        values = dict(zip(tooltip, row, strict=True))
        text = f"<b>{html.escape(str(values[first]))}</b>"
        text += "".join(f"<br>{html.escape(tooltip[field])}: {html.escape(str(values[field]))}"
                        for field in others if _shown(values[field]))
        lines.append(text)
    return lines


def choropleth_map(areas: gpd.GeoDataFrame, fill_column: str, tooltip: dict[str, str],
                   highlight_code: str | None = None, outlines: gpd.GeoDataFrame | None = None,
                   height_px: int = 640) -> folium.Map:
    """A map of ``areas`` (EPSG:4326, columns code, the fill colour and the tooltip columns).

    ``tooltip`` maps column -> label; the first column is the tooltip's bold heading. The area
    ``highlight_code`` gets a thick outline; ``outlines`` (e.g. regions) are drawn as lines on top and take
    no clicks. Areas with no fill are white.
    """
    if areas.crs is None or areas.crs.to_epsg() != 4326:
        raise ValueError("areas must be in EPSG:4326 (longitude, latitude)")
    west, south, east, north = areas.total_bounds
    fmap = folium.Map(tiles=None, location=[(south + north) / 2, (west + east) / 2], zoom_start=6,
                      height=height_px, control_scale=False, prefer_canvas=False, attribution_control=True)
    fills = [None if fill is None or fill != fill else str(fill) for fill in areas[fill_column]]
    CompactGeoJson(list(areas["code"]), areas.geometry, tooltip_html(areas, tooltip), fills,
                   style={"fillColor": NO_DATA_FILL, "color": BORDER, "weight": 0.5, "fillOpacity": 0.95},
                   hover={"weight": 2.5, "color": HIGHLIGHT}).add_to(fmap)
    if outlines is not None:
        CompactGeoJson(list(outlines["code"]), outlines.geometry, None, None, interactive=False, name="outlines",
                       style={"fill": False, "color": REGION_OUTLINE, "weight": 1.2}).add_to(fmap)
    selected = areas[areas["code"] == highlight_code] if highlight_code is not None else areas.iloc[0:0]
    if not selected.empty:
        CompactGeoJson(list(selected["code"]), selected.geometry, None, None, interactive=False, name="selected",
                       style={"fill": False, "color": HIGHLIGHT, "weight": 3.5}).add_to(fmap)
    # White behind the map (Leaflet's default is grey), so "no value" areas read as white.
    fmap.get_root().header.add_child(folium.Element("<style>.leaflet-container{background:#FFFFFF}</style>"))
    fmap.fit_bounds([[south, west], [north, east]])
    return fmap
