"""Map builder: no CDN links, no tiles, one feature per area, text-only tooltips; Leaflet installed locally."""

import re

import geopandas as gpd
import pytest
from shapely.geometry import box

from charts.maps import choropleth_map
from loaders.web_assets import LEAFLET_FILES, LEAFLET_URL, install_leaflet


@pytest.fixture
def areas():
    return gpd.GeoDataFrame({
        "code": ["E06000001", "E06000002", "E06000003"],
        "name": ["Hartlepool", "<b>Middlesbrough</b>", "Redcar & Cleveland"],
        "fill": ["#00703C", "#D4351C", None],
        "value_text": ["12.3%", "15.0%", "no data"],
    }, geometry=[box(-1.3, 54.6, -1.2, 54.7), box(-1.25, 54.5, -1.15, 54.6), box(-1.1, 54.5, -0.8, 54.6)],
        crs="EPSG:4326")


def rendered(fmap):
    return fmap.get_root().render()


def test_map_loads_only_the_apps_own_leaflet(areas):
    page = rendered(choropleth_map(areas, "fill", {"name": "Area", "value_text": "Value"}))
    links = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert f"{LEAFLET_URL}/leaflet.js" in links and f"{LEAFLET_URL}/leaflet.css" in links
    assert not [link for link in links if link.startswith(("http:", "https:", "//"))]
    assert "tileLayer" not in page  # no basemap tiles


def test_one_feature_per_area_and_escaped_names(areas):
    fmap = choropleth_map(areas, "fill", {"name": "Area", "value_text": "Value"}, highlight_code="E06000002")
    page = rendered(fmap)
    assert page.count('"code": "E06000') >= 3
    # folium writes the GeoJSON with '&' as \u0026: the name arrives as the text &lt;b&gt;, never as a tag.
    assert "\\u0026lt;b\\u0026gt;Middlesbrough" in page and "<b>Middlesbrough" not in page
    assert "Redcar \\u0026amp; Cleveland" in page
    assert "#FFFFFF" in page  # the area with no data is white, not the lowest class


def test_map_refuses_projected_coordinates(areas):
    with pytest.raises(ValueError, match="EPSG:4326"):
        choropleth_map(areas.to_crs(27700), "fill", {"name": "Area"})


def test_leaflet_is_copied_once(tmp_path):
    target = install_leaflet(tmp_path)
    assert all((target / name).is_file() for name in LEAFLET_FILES)
    first = (target / "leaflet.js").stat().st_mtime_ns
    install_leaflet(tmp_path)
    assert (target / "leaflet.js").stat().st_mtime_ns == first
    assert (target / "leaflet.js").read_text(encoding="utf-8").find("1.9.3") >= 0
