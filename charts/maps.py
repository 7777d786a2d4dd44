"""Choropleth maps (folium) that draw with no request to any host but the app, and send little.

folium declares Leaflet, jQuery, Bootstrap and Font Awesome from CDNs as class attributes; a
GeoJSON choropleth needs only Leaflet, which the app serves itself (ui/assets.py): each map made here is
given its own list of links, to the Leaflet at ``leaflet_url`` only, and folium's class lists are left alone.
No basemap tiles, no branca colormap (streamlit-folium would add two d3 CDN links for one): the key is drawn
beside the map by the page (charts/map_legend.py).

Geometry is sent as the screen layers hold it (core/web_layer.py, built by acquire/build_layers.py: simplified
once at import, whole numbers of 1/1000 degree, each point the difference from the one before), decoded into
GeoJSON by a few lines of JavaScript in the page. Each area carries only its code (the feature's id, which a click
returns), its tooltip text and its fill colour.

A map is two parts: ``base_map`` (the empty map, a pane for lines over the areas, and outlines such as regions),
which stays the same while the user changes what is shown, and ``area_layer`` (the coloured areas and the chosen
area's outline). The Map page hands the second to streamlit-folium as ``feature_group_to_add``: a new indicator,
period or area then swaps that layer inside the map already on screen (no new iframe, the user's zoom kept).
"""

from __future__ import annotations

import html
import json

import folium
import pandas as pd
from branca.element import Element, MacroElement
from jinja2 import Environment
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from core.web_layer import WebLayer

NO_DATA_FILL = "#FFFFFF"
BORDER = "#768692"  # NHS mid grey: white (no value) areas keep an outline
REGION_OUTLINE = "#212B32"
HIGHLIGHT = "#000000"
NEIGHBOUR_OUTLINE = "#330072"  # NHS purple, dashed: unlike the chosen area (solid black) and the regions
NEIGHBOUR_DASH = "6 4"
PLACE_DASH = "2 3"  # dotted black: the chosen place's parts or its county, beside the solid outline of the area
LINES_PANE = "lines"  # outlines and the chosen area: above the areas (Leaflet's overlay pane, 400), below tooltips
LINES_PANE_Z = 450


def _safe_json(value) -> str:
    """JSON that is safe inside a <script> element (< > & ' escaped), without spaces."""
    return htmlsafe_json_dumps(value, dumps=json.dumps, separators=(",", ":"))


def packed_areas(layer: WebLayer, codes: list[str], tooltips: list[str | None] | None = None,
                 fills: list[str | None] | None = None) -> Markup:
    """The areas as JSON text {"k": scale, "f": [[code, tooltip, fill, polygons], ...]}: the polygons' text was
    made once per layer; only the tooltip and fill are new each time."""
    tooltips = tooltips if tooltips is not None else [None] * len(codes)
    fills = fills if fills is not None else [None] * len(codes)
    polygons = layer.polygons_json
    parts = [f"[{_safe_json(code)},{_safe_json(tip)},{_safe_json(fill)},{polygons[code]}]"
             for code, tip, fill in zip(codes, tooltips, fills, strict=True)]
    return Markup(f'{{"k":{layer.scale},"f":[{",".join(parts)}]}}')


class _Rendered(Element):
    """Script text already made by its element's template, put in the page as it is."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


# The map's own template environment (branca and folium share jinja2's default one): its tojson is Jinja's
# (HTML-safe: < > & ' escaped) without the spaces after , and : (a sixth of the bytes).
_TEMPLATES = Environment(autoescape=False)
_TEMPLATES.policies["json.dumps_kwargs"] = {"sort_keys": False, "separators": (",", ":")}


class CompactGeoJson(MacroElement):
    """A GeoJSON layer sent as quantised, delta-encoded polygons with one tooltip (HTML) and fill per area; each
    feature's id is its area code."""

    _template = _TEMPLATES.from_string("""
        {% macro script(this, kwargs) %}
        (function () {
            var packed = {{ this.packed }};
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
                interactive: {{ this.interactive|tojson }},{% if this.pane %} pane: {{ this.pane|tojson }},{% endif %}
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

    def __init__(self, packed: Markup, style: dict, hover: dict | None = None, interactive: bool = True,
                 name: str = "areas", pane: str | None = None):
        super().__init__()
        self._name = name
        self.packed = packed
        self.style = style
        self.hover = hover or {}
        self.interactive = interactive
        self.pane = pane

    def render(self, **kwargs) -> None:
        """As MacroElement.render (this template has only a script), without branca's second pass, which parses
        the rendered script (the packed areas, up to 160 KB) as a Jinja template again on every run."""
        script = self._template.module.script(self, kwargs)
        self.get_root().script.add_child(_Rendered(script), name=self.get_name())


def _shown(value: object) -> bool:
    return value is not None and value == value and str(value) != ""


def tooltip_html(frame: pd.DataFrame, tooltip: dict[str, str]) -> list[str]:
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


def base_map(bounds: tuple[float, float, float, float], outlines: WebLayer | None = None,
             height_px: int = 640, *, leaflet_url: str) -> folium.Map:
    """An empty map fitted to ``bounds`` (west, south, east, north), with no tiles, a pane that keeps lines above
    the areas, and ``outlines`` (e.g. regions) drawn there as lines that take no clicks. The page loads Leaflet
    from ``leaflet_url`` (the folder holding leaflet.js and leaflet.css) and nothing else."""
    west, south, east, north = bounds
    fmap = folium.Map(tiles=None, location=[(south + north) / 2, (west + east) / 2], zoom_start=6,
                      height=height_px, control_scale=False, prefer_canvas=False, attribution_control=True)
    # This map's own lists (folium reads self.default_js); folium.Map's class lists, and add_js_link, which edits
    # them in place, would change every map in the process.
    fmap.default_js = [("leaflet", f"{leaflet_url}/leaflet.js")]
    fmap.default_css = [("leaflet_css", f"{leaflet_url}/leaflet.css")]
    folium.map.CustomPane(LINES_PANE, z_index=LINES_PANE_Z, pointer_events=False).add_to(fmap)
    if outlines is not None:
        CompactGeoJson(packed_areas(outlines, list(outlines.codes)), interactive=False, name="outlines",
                       pane=LINES_PANE, style={"fill": False, "color": REGION_OUTLINE, "weight": 1.2}).add_to(fmap)
    # White behind the map (Leaflet's default is grey), so "no value" areas read as white.
    fmap.get_root().header.add_child(folium.Element("<style>.leaflet-container{background:#FFFFFF}</style>"))
    fmap.fit_bounds([[south, west], [north, east]])
    return fmap


def area_layer(layer: WebLayer, rows: pd.DataFrame, fill_column: str, tooltip: dict[str, str],
               highlight_code: str | None = None) -> folium.FeatureGroup:
    """Every area in ``layer``, coloured from ``rows`` (one row per area: ``code``, the fill colour and the
    tooltip columns; an area with no row is white and has no tooltip), and a thick outline round the area
    ``highlight_code``. Add it to a ``base_map``, or pass it to st_folium as ``feature_group_to_add``.

    ``tooltip`` maps column -> label; the first column is the tooltip's bold heading.
    """
    group = folium.FeatureGroup(name="areas", control=False)
    rows = rows[rows["code"].isin(layer.position)].drop_duplicates("code")
    by_code = dict(zip(rows["code"], range(len(rows)), strict=True))
    tips = tooltip_html(rows, tooltip) if not rows.empty else []
    fill_values = list(rows[fill_column])
    codes = list(layer.codes)
    fills = [None if (i := by_code.get(code)) is None or not isinstance(fill_values[i], str) else fill_values[i]
             for code in codes]
    tooltips = [tips[by_code[code]] if code in by_code else None for code in codes]
    CompactGeoJson(packed_areas(layer, codes, tooltips, fills),
                   style={"fillColor": NO_DATA_FILL, "color": BORDER, "weight": 0.5, "fillOpacity": 0.95},
                   hover={"weight": 2.5, "color": HIGHLIGHT}).add_to(group)
    if highlight_code is not None and highlight_code in layer.position:
        CompactGeoJson(packed_areas(layer, [highlight_code]), interactive=False, name="selected", pane=LINES_PANE,
                       style={"fill": False, "color": HIGHLIGHT, "weight": 3.5}).add_to(group)
    return group


def neighbour_outline(layer: WebLayer, codes: list[str]) -> CompactGeoJson | None:
    """A dashed outline round each of ``codes`` that ``layer`` holds (an area's statistical neighbours), in the
    lines pane, taking no clicks; add it to ``area_layer``'s group. None when the layer holds none of them."""
    present = [code for code in codes if code in layer.position]
    if not present:
        return None
    return CompactGeoJson(packed_areas(layer, present), interactive=False, name="neighbours", pane=LINES_PANE,
                          style={"fill": False, "color": NEIGHBOUR_OUTLINE, "weight": 2.5,
                                 "dashArray": NEIGHBOUR_DASH})


def place_outline(layer: WebLayer, codes: list[str], name: str, weight: float = 1.5,
                  dash: str | None = PLACE_DASH) -> CompactGeoJson | None:
    """Black lines round each of ``codes`` that ``layer`` holds (a county's districts over the county, or a
    district's county), in the lines pane, taking no clicks; None when the layer holds none of them."""
    present = [code for code in codes if code in layer.position]
    if not present:
        return None
    style = {"fill": False, "color": HIGHLIGHT, "weight": weight, **({"dashArray": dash} if dash else {})}
    return CompactGeoJson(packed_areas(layer, present), interactive=False, name=name, pane=LINES_PANE, style=style)


def choropleth_map(layer: WebLayer, rows: pd.DataFrame, fill_column: str, tooltip: dict[str, str],
                   highlight_code: str | None = None, outlines: WebLayer | None = None,
                   height_px: int = 640, *, leaflet_url: str) -> folium.Map:
    """``base_map`` and ``area_layer`` as one map (for a map drawn once, where nothing is swapped)."""
    fmap = base_map(layer.bounds, outlines, height_px, leaflet_url=leaflet_url)
    area_layer(layer, rows, fill_column, tooltip, highlight_code).add_to(fmap)
    return fmap
