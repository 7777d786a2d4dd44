"""ONS boundary files: property names, CRS, geometry repair, duplicates and refusals, on tiny files written here."""

import json
import logging
import math
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import Polygon, mapping

from acquire.build_layers import simplify_for_web
from core.errors import DataFileMalformedError, DataFileMissingError
from loaders.boundaries import COLUMNS, load_boundaries

# Ordnance Survey, "A guide to coordinate systems in Great Britain", annex C (transverse Mercator worked example):
# E 651409.903 m, N 313177.270 m is latitude 52°39'27.2531"N, longitude 1°43'4.5177"E on OSGB36 (Airy 1830).
OS_EASTING, OS_NORTHING = 651409.903, 313177.270
OS_LAT = 52 + 39 / 60 + 27.2531 / 3600  # 52.657570
OS_LON = 1 + 43 / 60 + 4.5177 / 3600  # 1.717922
# The loader returns WGS84 (EPSG:4326), not OSGB36: the two datums differ by roughly 100 m in Great Britain, so
# the published OSGB36 value is matched within 0.0025 degrees (about 170 m east-west and 280 m north-south there).
DATUM_TOLERANCE = 0.0025


def square(x: float, y: float, size: float) -> Polygon:
    return Polygon([(x, y), (x + size, y), (x + size, y + size), (x, y + size)])


def write_geojson(folder: Path, properties: list[dict], geometries: list, crs: str | None = None,
                  metadata: dict | None = None, name: str = "boundaries.geojson") -> Path:
    """A FeatureCollection; ``crs`` as an old-style GeoJSON 'crs' member (as ONS British National Grid downloads)."""
    document: dict = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": props, "geometry": None if geometry is None else mapping(geometry)}
        for props, geometry in zip(properties, geometries, strict=True)]}
    if crs:
        document["crs"] = {"type": "name", "properties": {"name": crs}}
    if metadata:
        document["metadata"] = metadata
    path = folder / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def london_squares(count: int) -> list[Polygon]:
    """Small lon/lat squares in central London, side by side."""
    return [square(-0.2 + 0.05 * i, 51.45, 0.05) for i in range(count)]


def bng_squares() -> list[Polygon]:
    """Three 1 km squares in British National Grid, in a row east from the OS worked-example point."""
    return [square(OS_EASTING + 1000 * i, OS_NORTHING, 1000) for i in range(3)]


@pytest.mark.parametrize(("code_key", "name_key", "codes", "level", "expected_level", "expected_vintage"), [
    ("CTYUA23CD", "CTYUA23NM", ["E06000001", "E10000002"], None, "utla", 2023),
    ("LAD24CD", "LAD24NM", ["E06000001", "E07000008"], None, "lad", 2024),
    ("UTLA22CD", "UTLA22NM", ["E06000001", "E08000016"], None, "utla", 2022),
    ("RGN23CD", "RGN23NM", ["E12000001", "E12000002"], None, "region", 2023),
    ("lad19cd", "lad19nm", ["E07000190", "E07000191"], None, "lad", 2019),  # names are matched in any case
    ("LTLA21CD", "LTLA21NM", ["E06000001", "E09000001"], None, "lad", 2021),
    ("code", "name", ["E06000001", "E08000016"], "lad", "lad", None),
    ("areacd", "areanm", ["E06000001", "E09000001"], "utla", "utla", None),
])
def test_every_naming_variant_gives_code_name_level_vintage(tmp_path, code_key, name_key, codes, level,
                                                            expected_level, expected_vintage):
    properties = [{code_key: code, name_key: f"Area {i}", "FID": i} for i, code in enumerate(codes)]
    path = write_geojson(tmp_path, properties, london_squares(len(codes)))
    result = load_boundaries(path, level=level)
    assert list(result.columns) == COLUMNS
    assert result.crs.to_epsg() == 4326
    assert result["code"].tolist() == codes
    assert result["name"].tolist() == ["Area 0", "Area 1"]
    assert set(result["level"]) == {expected_level}
    if expected_vintage is None:
        assert result["vintage"].isna().all()
    else:
        assert result["vintage"].tolist() == [expected_vintage, expected_vintage]


def test_vintage_argument_and_geojson_metadata(tmp_path):
    properties = [{"code": "E06000001", "name": "Hartlepool"}]
    plain = write_geojson(tmp_path, properties, london_squares(1), name="plain.geojson")
    assert load_boundaries(plain, level="utla", vintage=2021)["vintage"].tolist() == [2021]
    # The shared files describe themselves in a top-level metadata object, in words.
    described = write_geojson(tmp_path, properties, london_squares(1), name="described.geojson", metadata={
        "level": "Counties and Unitary Authorities (= upper-tier LAs, UTLA) England",
        "vintage": "Dissolved from LAD May 2024 BUC; equivalent to CTYUA Dec 2023 areas"})
    result = load_boundaries(described)
    assert result["level"].tolist() == ["utla"] and result["vintage"].tolist() == [2023]
    # An ONS property name's vintage must agree with an explicit vintage.
    ons = write_geojson(tmp_path, [{"LAD24CD": "E06000001", "LAD24NM": "Hartlepool"}], london_squares(1),
                        name="ons.geojson")
    with pytest.raises(DataFileMalformedError, match="vintage 2023 was asked for"):
        load_boundaries(ons, vintage=2023)


@pytest.mark.parametrize(("codes", "expected"), [
    (["E12000001", "E12000009"], "region"),
    (["E06000001", "E07000008"], "lad"),
    (["E06000001", "E10000002"], "utla"),
])
def test_level_is_inferred_from_plain_codes(tmp_path, codes, expected):
    properties = [{"code": code, "name": code} for code in codes]
    result = load_boundaries(write_geojson(tmp_path, properties, london_squares(2)))
    assert set(result["level"]) == {expected}


@pytest.mark.parametrize(("codes", "message"), [
    (["E06000001", "E08000016"], "both districts .LAD. and upper-tier authorities"),
    (["E07000008", "E10000002"], "mixes district .E07. and county .E10. codes"),
])
def test_ambiguous_plain_codes_need_a_level(tmp_path, codes, message):
    properties = [{"code": code, "name": code} for code in codes]
    with pytest.raises(DataFileMalformedError, match=message):
        load_boundaries(write_geojson(tmp_path, properties, london_squares(2)))


def test_codes_must_fit_the_level(tmp_path):
    path = write_geojson(tmp_path, [{"CTYUA23CD": "E07000008", "CTYUA23NM": "Cambridge"},
                                    {"CTYUA23CD": "E6000001", "CTYUA23NM": ""}], london_squares(2))
    with pytest.raises(DataFileMalformedError) as caught:
        load_boundaries(path)
    text = str(caught.value)
    assert "column 'CTYUA23CD': feature 1: 'E07000008' is not a utla code" in text
    assert "feature 2: 'E6000001' is not an ONS code" in text
    assert "column 'CTYUA23NM': feature 2: the name is blank" in text


def test_level_asked_for_must_be_in_the_file(tmp_path):
    path = write_geojson(tmp_path, [{"LAD24CD": "E06000001", "LAD24NM": "Hartlepool"}], london_squares(1))
    with pytest.raises(DataFileMalformedError, match="holds LAD24CD, not utla codes"):
        load_boundaries(path, level="utla")


def test_vintage_outside_2019_to_2025_is_refused(tmp_path):
    path = write_geojson(tmp_path, [{"LAD18CD": "E06000001", "LAD18NM": "Hartlepool"}], london_squares(1))
    with pytest.raises(DataFileMalformedError, match="vintage 2018, but only vintages 2019-2025"):
        load_boundaries(path)


@pytest.mark.parametrize("file_format", ["geojson", "gpkg"])
def test_british_national_grid_is_converted_to_4326(tmp_path, file_format):
    codes = ["E06000001", "E06000002", "E06000003"]
    properties = [{"CTYUA23CD": code, "CTYUA23NM": f"Area {i}"} for i, code in enumerate(codes)]
    if file_format == "geojson":
        path = write_geojson(tmp_path, properties, bng_squares(), crs="urn:ogc:def:crs:EPSG::27700")
    else:
        path = tmp_path / "boundaries.gpkg"
        gpd.GeoDataFrame(properties, geometry=bng_squares(), crs=27700).to_file(path, layer="ctyua")
    result = load_boundaries(path)
    assert result.crs.to_epsg() == 4326 and result["code"].tolist() == codes
    assert result["vintage"].tolist() == [2023] * 3
    first = result.geometry.iloc[0]
    lon, lat = first.exterior.coords[0]  # the square's first corner is the OS worked-example point
    assert lon == pytest.approx(OS_LON, abs=DATUM_TOLERANCE)
    assert lat == pytest.approx(OS_LAT, abs=DATUM_TOLERANCE)
    # Its sides are still about 1 km long. Near 52.66°N a degree of longitude is 111,320 m x cos(52.66°) = 67,530 m
    # and a degree of latitude about 111,200 m (the grid is turned a little from north here, so use both).
    corners = list(first.exterior.coords)
    for (lon_a, lat_a), (lon_b, lat_b) in zip(corners[:4], corners[1:5], strict=True):
        metres = math.hypot((lon_b - lon_a) * 111_320 * math.cos(math.radians(OS_LAT)), (lat_b - lat_a) * 111_200)
        assert metres == pytest.approx(1000, rel=0.01)
    # The three squares stay in a row, west to east.
    assert result.geometry.bounds["minx"].is_monotonic_increasing


def test_bow_tie_polygon_is_repaired(tmp_path, caplog):
    # Corners (-1,52) (0,53) (0,52) (-1,53): the ring crosses itself at (-0.5, 52.5) and makes two triangles,
    # each with a base of 1 degree and a height of 0.5 degree, so 0.25 square degrees each.
    bow_tie = Polygon([(-1, 52), (0, 53), (0, 52), (-1, 53), (-1, 52)])
    assert not bow_tie.is_valid
    path = write_geojson(tmp_path, [{"code": "E06000001", "name": "Bow tie"}, {"code": "E06000002", "name": "Fine"}],
                         [bow_tie, square(1, 52, 0.5)])
    with caplog.at_level(logging.WARNING, logger="loaders.boundaries"):
        result = load_boundaries(path, level="utla")
    repaired = result.geometry.iloc[0]
    assert repaired.is_valid and repaired.geom_type == "MultiPolygon" and len(repaired.geoms) == 2
    assert repaired.area == pytest.approx(0.5)
    assert result.geometry.iloc[1].equals(square(1, 52, 0.5))
    assert "repaired 1 invalid geometries" in caplog.text


def test_empty_and_non_polygon_geometries_are_errors(tmp_path):
    path = write_geojson(tmp_path, [{"code": "E06000001", "name": "A"}, {"code": "E06000002", "name": "B"}],
                         [None, shapely.Point(-1, 52)])
    with pytest.raises(DataFileMalformedError) as caught:
        load_boundaries(path, level="lad")
    assert "feature 1 (E06000001): the geometry is missing or empty" in str(caught.value)
    assert "feature 2 (E06000002): a Point is not an area" in str(caught.value)


def test_duplicate_codes_are_rejected_with_their_feature_numbers(tmp_path):
    codes = ["E06000001", "E06000002", "E06000001", "E06000002", "E06000003"]
    path = write_geojson(tmp_path, [{"LAD24CD": c, "LAD24NM": c} for c in codes], london_squares(5))
    with pytest.raises(DataFileMalformedError) as caught:
        load_boundaries(path)
    assert caught.value.problems[0].file == str(path)
    assert "code E06000001 appears more than once, in features 1, 3" in str(caught.value)
    assert "code E06000002 appears more than once, in features 2, 4" in str(caught.value)
    assert "E06000003" not in str(caught.value)


@pytest.mark.parametrize("file_format", ["geojson", "gpkg"])
def test_an_unknown_crs_is_named_and_refused(tmp_path, file_format):
    properties = [{"code": "E06000001", "name": "A"}]
    web_mercator = [square(-15000, 6710000, 1000)]  # metres in EPSG:3857, near London
    if file_format == "geojson":
        path = write_geojson(tmp_path, properties, web_mercator, crs="urn:ogc:def:crs:EPSG::3857")
    else:
        path = tmp_path / "b.gpkg"
        gpd.GeoDataFrame(properties, geometry=web_mercator, crs=3857).to_file(path)
    with pytest.raises(DataFileMalformedError, match="is in EPSG:3857 .*only EPSG:4326 .* and EPSG:27700"):
        load_boundaries(path, level="lad")


def test_coordinates_that_contradict_the_declared_crs(tmp_path):
    properties = [{"code": "E06000001", "name": "A"}]
    undeclared_bng = write_geojson(tmp_path, properties, bng_squares()[:1], name="bng.geojson")
    with pytest.raises(DataFileMalformedError, match="look like British National Grid .* but the file declares no CRS"):
        load_boundaries(undeclared_bng, level="lad")
    lon_lat_as_bng = write_geojson(tmp_path, properties, london_squares(1), crs="urn:ogc:def:crs:EPSG::27700",
                                   name="lonlat.geojson")
    with pytest.raises(DataFileMalformedError, match="look like longitude/latitude but the file declares British"):
        load_boundaries(lon_lat_as_bng, level="lad")
    outside = write_geojson(tmp_path, properties, [square(140, -35, 1)], name="australia.geojson")
    with pytest.raises(DataFileMalformedError, match="fall outside the UK"):
        load_boundaries(outside, level="lad")


def test_missing_unreadable_and_unsupported_files(tmp_path):
    with pytest.raises(DataFileMissingError, match="nowhere.geojson is missing"):
        load_boundaries(tmp_path / "nowhere.geojson")
    broken = tmp_path / "broken.geojson"
    broken.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    with pytest.raises(DataFileMalformedError, match="broken.geojson: is not valid JSON"):
        load_boundaries(broken)
    fake = tmp_path / "fake.gpkg"
    fake.write_text("not a database", encoding="utf-8")
    with pytest.raises(DataFileMalformedError, match="fake.gpkg: is not a readable GeoPackage"):
        load_boundaries(fake)
    shapefile = tmp_path / "areas.shp"
    shapefile.write_bytes(b"\x00")
    with pytest.raises(DataFileMalformedError, match="suffix '.shp'"):
        load_boundaries(shapefile)
    no_names = write_geojson(tmp_path, [{"id": 1}], london_squares(1), name="no_names.geojson")
    with pytest.raises(DataFileMalformedError, match=r"has no code and name properties.*found: id"):
        load_boundaries(no_names)


def test_simplify_for_web_keeps_neighbours_together_and_rounds(tmp_path):
    # Two 10 km squares sharing an edge, each edge with a 5 m bump every 1 km. A bump with its neighbours 500 m each
    # side is a triangle of 0.5 x 1000 m x 5 m = 2,500 m2, below 100 m x 100 m, so simplifying by 100 m removes
    # every bump; the squares keep their shared edge (no gap, no overlap) and coordinates are rounded to 4 places.
    def wiggly_square(x0: float, y0: float) -> Polygon:
        ring = []
        for (xa, ya), (xb, yb) in zip([(0, 0), (1, 0), (1, 1), (0, 1)], [(1, 0), (1, 1), (0, 1), (0, 0)], strict=True):
            for step in range(20):
                t = step / 20
                bump = 5 if step % 2 else 0
                dx, dy = (yb - ya) * bump, -(xb - xa) * bump  # a bump at right angles to the edge
                ring.append((x0 + 10000 * (xa + (xb - xa) * t) + dx, y0 + 10000 * (ya + (yb - ya) * t) + dy))
        return Polygon(ring).buffer(0)

    left = wiggly_square(500000, 200000)
    right = shapely.Polygon([(x + 10000, y) for x, y in left.exterior.coords])  # shares the left's east edge
    right = shapely.difference(right.buffer(0), left)  # make the shared edge identical, as in an ONS coverage
    assert shapely.coverage_is_valid([left, right])
    source = gpd.GeoDataFrame({"code": ["E06000001", "E06000002"]}, geometry=[left, right], crs=27700).to_crs(4326)
    result = simplify_for_web(source, tolerance_m=100, precision=4)
    assert result.crs.to_epsg() == 4326 and result["code"].tolist() == ["E06000001", "E06000002"]
    assert result.geometry.is_valid.all()
    before = shapely.get_num_coordinates(source.geometry.values).sum()
    after = shapely.get_num_coordinates(result.geometry.values).sum()
    assert after < before / 4
    coordinates = shapely.get_coordinates(result.geometry.values)
    assert abs(coordinates * 10_000 - (coordinates * 10_000).round()).max() < 1e-6
    # Shared edges are simplified once, so the two squares still meet along the whole 10 km edge: no gap, no overlap.
    shared = result.geometry.iloc[0].boundary.intersection(result.geometry.iloc[1].boundary)
    assert gpd.GeoSeries([shared], crs=4326).to_crs(27700).length.iloc[0] == pytest.approx(10_000, rel=0.01)
    assert result.geometry.iloc[0].intersection(result.geometry.iloc[1]).area == 0
