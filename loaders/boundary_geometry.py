"""The geometry of a boundary file: its CRS (EPSG:4326 or British National Grid, checked against the UK's extent)
and the repair of invalid polygons. Used by loaders/boundaries.py; every problem names the file and feature."""

from __future__ import annotations

import logging
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely
from pyproj import CRS

from core.errors import DataFileMalformedError, Problem

logger = logging.getLogger(__name__)

WGS84 = 4326
BRITISH_NATIONAL_GRID = 27700
# Longitude/latitude box around the UK (Scilly to Shetland, Northern Ireland to Lowestoft), with a margin.
UK_LON_LAT = (-10.0, 49.0, 3.0, 62.0)
# British National Grid's extent in metres (with a margin).
BNG_EXTENT = (-10_000.0, -10_000.0, 800_000.0, 1_300_000.0)


def malformed(path: Path, message: str, column: str | None = None) -> DataFileMalformedError:
    """The error for one problem with the whole file (or one property of it)."""
    return DataFileMalformedError(path, [Problem(str(path), None, column, message)])


def to_wgs84(path: Path, frame: gpd.GeoDataFrame, declared: CRS | None) -> gpd.GeoSeries:
    geometry = frame.geometry
    bounds = _bounds(geometry)
    if frame.crs is None or (declared is None and path.suffix.lower() != ".gpkg"):
        declared_text = "no CRS, so it is taken as EPSG:4326 (longitude/latitude)"
        epsg = WGS84
    else:
        crs = CRS.from_user_input(frame.crs)
        epsg = WGS84 if crs.equals(CRS("OGC:CRS84")) else crs.to_epsg()
        declared_text = f"EPSG:{epsg}" if epsg else f"the CRS '{crs.name}'"
    if epsg == BRITISH_NATIONAL_GRID:
        if bounds is not None and _inside(bounds, (-180.0, -90.0, 180.0, 90.0)):
            raise malformed(path, "coordinates look like longitude/latitude but the file declares British National "
                                  f"Grid (EPSG:27700): bounds {_format(bounds)}", column="geometry")
        geometry = geometry.to_crs(WGS84)
        source = "British National Grid (EPSG:27700)"
    elif epsg == WGS84:
        geometry = geometry.set_crs(WGS84, allow_override=True)
        source = declared_text
        if bounds is not None and _inside(bounds, BNG_EXTENT) and not _inside(bounds, (-180.0, -90.0, 180.0, 90.0)):
            raise malformed(path, "coordinates look like British National Grid (metres) but the file declares "
                                  f"{declared_text}: bounds {_format(bounds)}. Declare EPSG:27700 in the file.",
                            column="geometry")
    else:
        name = CRS.from_user_input(frame.crs).name
        raise malformed(path, f"is in {declared_text} ({name}); only EPSG:4326 (longitude/latitude) and EPSG:27700 "
                              "(British National Grid) are supported", column="geometry")
    converted = _bounds(geometry)
    if converted is not None and not _inside(converted, UK_LON_LAT):
        raise malformed(path, f"coordinates fall outside the UK (longitude/latitude bounds {_format(converted)}) "
                              f"for a file in {source}", column="geometry")
    return geometry


def _bounds(geometry: gpd.GeoSeries) -> tuple[float, float, float, float] | None:
    present = geometry[geometry.notna() & ~geometry.is_empty]
    return None if present.empty else tuple(float(v) for v in present.total_bounds)


def _inside(bounds: tuple[float, float, float, float], box: tuple[float, float, float, float]) -> bool:
    return box[0] <= bounds[0] and box[1] <= bounds[1] and bounds[2] <= box[2] and bounds[3] <= box[3]


def _format(bounds: tuple[float, float, float, float]) -> str:
    return "(" + ", ".join(f"{v:.6g}" for v in bounds) + ")"


def _polygonal_part(geometry):
    """The Polygon/MultiPolygon part of a (repaired) geometry, or None when there is none."""
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        return geometry
    parts = [part for part in getattr(geometry, "geoms", []) if part.geom_type in ("Polygon", "MultiPolygon")]
    if not parts:
        return None
    polygons = [p for part in parts for p in (part.geoms if part.geom_type == "MultiPolygon" else [part])]
    return polygons[0] if len(polygons) == 1 else shapely.MultiPolygon(polygons)


def repair(path: Path, geometry: gpd.GeoSeries, codes: pd.Series) -> tuple[gpd.GeoSeries, list[Problem], int]:
    """Drop Z, check types and emptiness, and repair invalid polygons with make_valid (polygonal parts kept)."""
    problems = []
    repaired = 0
    values = list(shapely.force_2d(geometry.values))
    for index, shape in enumerate(values):
        where = f"feature {index + 1}" + (f" ({codes.iloc[index]})" if codes.iloc[index] else "")
        if shape is None or shape.is_empty:
            problems.append(Problem(str(path), None, "geometry", f"{where}: the geometry is missing or empty"))
            continue
        if not shape.geom_type.endswith("Polygon"):
            problems.append(Problem(str(path), None, "geometry",
                                    f"{where}: a {shape.geom_type} is not an area (Polygon or MultiPolygon)"))
            continue
        if not shape.is_valid:
            fixed = _polygonal_part(shapely.make_valid(shape))
            if fixed is None or fixed.is_empty:
                problems.append(Problem(str(path), None, "geometry", f"{where}: the polygon is invalid "
                                        f"({shapely.is_valid_reason(shape)}) and has no area left after repair"))
                continue
            values[index] = fixed
            repaired += 1
    if repaired:
        logger.warning("%s: repaired %d invalid geometries with shapely.make_valid", path, repaired)
    return gpd.GeoSeries(values, index=geometry.index, crs=WGS84), problems, repaired
