"""Building the screen map layers from ONS boundary files, at import or download (needs geopandas and shapely,
which the app server never loads): England's areas only (the police force areas file covers England and Wales),
simplified, quantised, with each area's neighbours."""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import geopandas as gpd
import shapely

from acquire.manifest import manifest_entry, utc_now
from acquire.progress import Progress
from core import catalogue
from core.errors import DataLoadError
from core.paths import sha256
from core.web_layer import DECIMALS, FORMAT, LEVELS, SCALE, TOLERANCE_M, VERSION, encode_ring, layer_path
from loaders import boundaries
from loaders.boundary_geometry import BRITISH_NATIONAL_GRID, WGS84

logger = logging.getLogger(__name__)

ENGLAND_PREFIX = "E"  # the app maps England: Welsh, Scottish and Northern Irish areas are left off the screen


def levels_to_build(valid_keys: Iterable[str]) -> list[str]:
    """The levels whose boundary file is among ``valid_keys`` (catalogue keys just validated), in build order."""
    valid = set(valid_keys)
    return [level for level in LEVELS if f"{level}_boundaries" in valid]


def simplify_for_web(gdf: gpd.GeoDataFrame, tolerance_m: float = 100.0, precision: int = 5) -> gpd.GeoDataFrame:
    """A lighter copy for web maps: simplified by ``tolerance_m`` metres in British National Grid, then back in
    EPSG:4326 with coordinates rounded to ``precision`` decimal places (5 places is about 1 m).

    When the areas form a clean coverage (no overlaps, shared edges identical, as ONS layers do) the shared
    edges are simplified once, so neighbours still meet without gaps or slivers (``simplify_coverage``,
    Visvalingam-Whyatt: a vertex goes when the triangle it makes with its neighbours is smaller than about
    ``tolerance_m`` squared). Otherwise each area is simplified on its own (Douglas-Peucker, ``tolerance_m`` is a
    distance, ``preserve_topology=True``), which keeps every area valid but may open hairline gaps between
    neighbours. Raises ValueError if an area would vanish.
    """
    if gdf.crs is None:
        raise ValueError("simplify_for_web needs a GeoDataFrame with a CRS (load_boundaries returns EPSG:4326)")
    if tolerance_m < 0 or not 0 <= int(precision) <= 9:
        raise ValueError("tolerance_m must be >= 0 and precision a number of decimal places from 0 to 9")
    metric = gdf.geometry.to_crs(BRITISH_NATIONAL_GRID)
    if shapely.coverage_is_valid(metric.values):
        simplified = metric.simplify_coverage(tolerance_m)
    else:
        logger.warning("areas overlap or do not share edges exactly: simplifying each area on its own")
        simplified = metric.simplify(tolerance_m, preserve_topology=True)
    back = simplified.to_crs(WGS84)
    rounded = shapely.set_precision(back.values, grid_size=10.0 ** -int(precision))
    result = gdf.copy()
    result = result.set_geometry(gpd.GeoSeries(rounded, index=gdf.index, crs=WGS84))
    vanished = result.geometry.is_empty | result.geometry.isna()
    if vanished.any():
        labels = result.loc[vanished, "code"] if "code" in result.columns else result.index[vanished]
        raise ValueError(f"simplifying by {tolerance_m} m at {precision} decimal places left no geometry for "
                         f"{', '.join(map(str, labels))}: use a smaller tolerance or more decimal places")
    before, after = shapely.get_num_coordinates(gdf.geometry.values).sum(), shapely.get_num_coordinates(rounded).sum()
    logger.info("simplified %d areas by %s m: %d -> %d coordinates", len(result), tolerance_m, before, after)
    return result


def build_web_layer(boundary_file: Path, level: str, source_name: str | None = None) -> dict:
    """The layer document for ``level`` from an ONS boundary file (any vintage, GeoJSON or GeoPackage, 4326 or
    27700): England's areas only, simplified with shared edges kept shared, quantised, with each area's
    neighbours. Raises ValueError when the file has no English area."""
    boundary_file = Path(boundary_file)
    areas = boundaries.load_boundaries(boundary_file, level=level)
    areas = areas[areas["code"].str.startswith(ENGLAND_PREFIX)].reset_index(drop=True)
    if areas.empty:
        raise ValueError(f"{boundary_file.name} has no English ({ENGLAND_PREFIX}...) area to draw")
    simplified = simplify_for_web(areas, TOLERANCE_M[level], DECIMALS)
    geometries = simplified.geometry.values
    tree = shapely.STRtree(geometries)
    # Neighbours share a stretch of boundary (not just a corner point), judged on the full-resolution shapes.
    full = areas.geometry.values
    pairs = tree.query(geometries, predicate="intersects")
    touching: dict[int, set[int]] = {i: set() for i in range(len(geometries))}
    for i, j in zip(*pairs, strict=True):
        if i < j and shapely.length(shapely.intersection(full[i].boundary, full[j].boundary)) > 0:
            touching[i].add(j)
            touching[j].add(i)
    codes = list(simplified["code"])
    documents = []
    for i, row in enumerate(simplified.itertuples()):
        polygons = row.geometry.geoms if row.geometry.geom_type == "MultiPolygon" else [row.geometry]
        west, south, east, north = row.geometry.bounds
        documents.append({
            "code": row.code, "name": row.name,
            "bbox": [round(west, DECIMALS), round(south, DECIMALS), round(east, DECIMALS), round(north, DECIMALS)],
            "neighbours": sorted(codes[j] for j in touching[i]),
            "polygons": [[encode_ring(p.exterior.coords), *(encode_ring(h.coords) for h in p.interiors)]
                         for p in polygons],
        })
    vintage = simplified["vintage"].iloc[0] if "vintage" in simplified.columns else None
    return {"format": FORMAT, "version": VERSION, "level": level,
            "vintage": None if vintage is None else int(vintage),
            "source_file": source_name or boundary_file.name, "source_sha256": sha256(boundary_file),
            "tolerance_m": TOLERANCE_M[level], "scale": SCALE, "areas": documents}


def write_web_layer(document: dict, target: Path) -> Path:
    """Write a layer whole (temporary file, then renamed), so a failed build never leaves half a file."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".json", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(document, out, separators=(",", ":"), ensure_ascii=False)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def build_layers(data_dir: Path, levels: Sequence[str] = LEVELS, progress: Progress = print) -> list[dict]:
    """Build ``web/<level>.json`` from each level's boundary file in the data directory; returns their manifest
    entries. A level whose boundary file is missing or not valid is reported and skipped (the map then says so)."""
    data_dir = Path(data_dir)
    entries = []
    for level in levels:
        key = f"{level}_boundaries"
        boundary = catalogue.locate(data_dir, key)
        relative = layer_path(data_dir, level).relative_to(data_dir).as_posix()
        try:
            document = build_web_layer(boundary, level, catalogue.BY_KEY[key].path)
        except (DataLoadError, ValueError) as error:
            progress(f"{relative}: NOT BUILT: {error}")
            continue
        target = write_web_layer(document, layer_path(data_dir, level))
        source = catalogue.BY_KEY[key]
        entries.append(manifest_entry(
            target, relative, "built", title=f"Screen map layer ({level}), built from {source.path}",
            publisher=f"Built by Justice Health Explorer from: {source.publisher}", licence=source.licence,
            vintage=source.vintage, source_url=source.source_page, derived_from=source.path,
            derived_from_sha256=document["source_sha256"], retrieved_at=None, imported_from=None,
            imported_at=utc_now(), validated=True))
        progress(f"{relative}: built ({len(document['areas'])} areas, {target.stat().st_size // 1024} KB, "
                 f"simplified by {document['tolerance_m']:g} m)")
    return entries
