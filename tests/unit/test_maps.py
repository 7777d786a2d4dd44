"""Map builder: no CDN links, no tiles, one feature per area, text-only tooltips, no change to folium's or
branca's shared state; Leaflet installed locally; the key beside the map."""

import json
import re

import folium
import pandas as pd
import pytest
from branca.element import Element

from charts.map_legend import legend_html
from charts.maps import CompactGeoJson, choropleth_map
from core.web_layer import WebLayer, encode_ring
from ui.assets import LEAFLET_FILES, LEAFLET_URL, WebAssetsError, install_leaflet, leaflet_url


def square(west, south, east, north):
    """A ring as shapely writes a box: counter-clockwise from the south-east corner."""
    return encode_ring([(east, south), (east, north), (west, north), (west, south), (east, south)])


@pytest.fixture
def layer():
    return WebLayer(level="utla", vintage=2023, source_file="test.geojson", source_sha256="0" * 64, scale=1000,
                    codes=("E06000001", "E06000002", "E06000003"),
                    names=("Hartlepool", "Middlesbrough", "Redcar and Cleveland"),
                    bboxes=((-1.3, 54.6, -1.2, 54.7), (-1.25, 54.5, -1.15, 54.6), (-1.1, 54.5, -0.8, 54.6)),
                    polygons=([[square(-1.3, 54.6, -1.2, 54.7)]], [[square(-1.25, 54.5, -1.15, 54.6)]],
                              [[square(-1.1, 54.5, -0.8, 54.6)], [square(-0.7, 54.5, -0.6, 54.6)]]),
                    neighbours={"E06000001": ("E06000002",), "E06000002": ("E06000001",), "E06000003": ()})


@pytest.fixture
def areas():
    """The values for the map: the third area has no fill, a fourth code is not in the layer."""
    return pd.DataFrame({
        "code": ["E06000001", "E06000002", "E06000003", "E99999999"],
        "name": ["Hartlepool", "<b>Middlesbrough</b>", "Redcar & Cleveland", "Nowhere"],
        "fill": ["#00703C", "#D4351C", None, "#000000"],
        "value_text": ["12.3%", "15.0%", "no data", "1%"],
    })


def rendered(fmap):
    return fmap.get_root().render()


def choropleth(*args, **kwargs):
    return choropleth_map(*args, leaflet_url=LEAFLET_URL, **kwargs)


def test_map_loads_only_the_apps_own_leaflet(layer, areas):
    page = rendered(choropleth(layer, areas, "fill", {"name": "Area", "value_text": "Value"}))
    links = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert f"{LEAFLET_URL}/leaflet.js" in links and f"{LEAFLET_URL}/leaflet.css" in links
    assert not [link for link in links if link.startswith(("http:", "https:", "//"))]
    assert "tileLayer" not in page  # no basemap tiles


def packed_layers(page):
    """The packed layers the page decodes in the browser (Jinja's tojson escapes < > & ' as \\uXXXX)."""
    return [json.loads(text) for text in re.findall(r"var packed = (\{.*?\});\n", page)]


def decode_ring(flat, scale):
    x = y = 0
    points = []
    for dx, dy in zip(flat[0::2], flat[1::2], strict=True):
        x, y = x + dx, y + dy
        points.append((x / scale, y / scale))
    return points


def test_one_feature_per_area_with_escaped_tooltips(layer, areas):
    fmap = choropleth(layer, areas, "fill", {"name": "Area", "value_text": "Value"}, highlight_code="E06000002")
    layers = packed_layers(rendered(fmap))
    assert len(layers) == 2  # the areas, and the chosen area's outline
    features = layers[0]["f"]
    assert [f[0] for f in features] == ["E06000001", "E06000002", "E06000003"]
    # The name is text, never a tag: escaped before it is put in the tooltip's HTML.
    assert features[1][1] == "<b>&lt;b&gt;Middlesbrough&lt;/b&gt;</b><br>Value: 15.0%"
    assert features[2][1] == "<b>Redcar &amp; Cleveland</b><br>Value: no data"
    assert [f[2] for f in features] == ["#00703C", "#D4351C", None]  # no fill: drawn white
    assert layers[1]["f"][0][0] == "E06000002" and layers[1]["f"][0][1] is None


def test_geometry_round_trips_to_a_thousandth_of_a_degree(layer, areas):
    layers = packed_layers(rendered(choropleth(layer, areas, "fill", {"name": "Area"})))
    scale = layers[0]["k"]
    assert scale == 1000
    ring = decode_ring(layers[0]["f"][0][3][0][0], scale)
    # box(-1.3, 54.6, -1.2, 54.7): shapely writes it counter-clockwise from (-1.2, 54.6).
    assert ring == [(-1.2, 54.6), (-1.2, 54.7), (-1.3, 54.7), (-1.3, 54.6), (-1.2, 54.6)]
    assert layers[0]["f"][0][3][0][0][:4] == [-1200, 54600, 0, 100]  # first point absolute, then differences


def test_an_area_without_a_row_is_white_with_no_tooltip_and_every_part_is_sent(layer, areas):
    layers = packed_layers(rendered(choropleth(layer, areas.iloc[:2], "fill", {"name": "Area"})))
    third = layers[0]["f"][2]
    assert third[0] == "E06000003" and third[1] is None and third[2] is None
    assert len(third[3]) == 2  # both parts of the multipolygon


def test_codes_not_in_the_layer_are_not_drawn(layer, areas):
    layers = packed_layers(rendered(choropleth(layer, areas, "fill", {"name": "Area"})))
    assert "E99999999" not in [f[0] for f in layers[0]["f"]]


def test_leaflet_is_copied_once(tmp_path):
    target = install_leaflet(tmp_path)
    assert all((target / name).is_file() for name in LEAFLET_FILES)
    first = (target / "leaflet.js").stat().st_mtime_ns
    install_leaflet(tmp_path)
    assert (target / "leaflet.js").stat().st_mtime_ns == first
    assert (target / "leaflet.js").read_text(encoding="utf-8").find("1.9.3") >= 0


def test_the_server_finds_leaflet_or_says_to_install_it(tmp_path):
    with pytest.raises(WebAssetsError, match="run `make install`"):
        leaflet_url(tmp_path)
    install_leaflet(tmp_path)
    assert leaflet_url(tmp_path) == LEAFLET_URL
    (tmp_path / "vendor" / "leaflet-1.9.3" / "leaflet.css").unlink()
    with pytest.raises(WebAssetsError, match=r"\(leaflet.css missing\)"):
        leaflet_url(tmp_path)


def test_a_map_changes_nothing_shared_with_other_maps(layer, areas):
    """Leaflet's local address is this map's own; folium's class lists and the Jinja environment branca and folium
    share keep their defaults, so a folium map made elsewhere still loads its CDN files and spaced JSON."""
    defaults = list(folium.Map.default_js), list(folium.Map.default_css)
    shared = Element._template.environment
    policy = dict(shared.policies["json.dumps_kwargs"])
    rendered(choropleth(layer, areas, "fill", {"name": "Area"}))
    assert (folium.Map.default_js, folium.Map.default_css) == defaults
    assert any(url.startswith("https://") for _, url in folium.Map.default_js)
    assert shared.policies["json.dumps_kwargs"] == policy
    assert CompactGeoJson._template.environment is not shared


def test_text_that_looks_like_a_template_is_drawn_as_written(layer, areas):
    """Names come from partners' files too: the page shows them as written, never evaluates them."""
    areas.loc[0, "name"] = "{{ 7 * 7 }} {% if true %}x{% endif %}"
    page = rendered(choropleth(layer, areas, "fill", {"name": "Area"}))
    assert packed_layers(page)[0]["f"][0][1] == "<b>{{ 7 * 7 }} {% if true %}x{% endif %}</b>"


def test_the_key_beside_the_map_escapes_its_words_and_draws_no_value_white():
    legend = pd.DataFrame({"label": ["Worse than England (95%)", "<i>No value</i>"], "colour": ["#D4351C", None],
                           "areas": [1, 26]})
    page = legend_html(legend, "Adult smoking (APS) (%), 2024", "Compared with England & more")
    assert "background:#D4351C;border:1px solid #D4351C" in page
    assert "background:#FFFFFF;border:1px solid #4C6272" in page  # no colour: white, grey border
    assert "Worse than England (95%) <span style=\"color:#4C6272\">(1 area)</span>" in page
    assert "&lt;i&gt;No value&lt;/i&gt; <span style=\"color:#4C6272\">(26 areas)</span>" in page
    assert "Compared with England &amp; more" in page
