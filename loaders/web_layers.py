"""Map layers for the screen: built once when boundaries are imported or downloaded, then read with ``json`` only.

Building needs geopandas (read any ONS vintage, simplify shared edges once, find neighbours); the app server
only reads the result, so it never imports geopandas nor holds the full-resolution boundaries in memory.

A layer file (``web/<level>.json`` in the data directory) holds, per area: GSS code, name, bounding box, the
codes of the areas it borders, and its polygons quantised to whole 1/1000 degrees (about 70 m east-west and
110 m north-south in England, finer than the simplification), each point stored as the difference from the
one before. It records the SHA-256 of the boundary file it was built from: a layer that no longer matches its
boundary file is stale and is rebuilt in memory (and a new import rewrites it).
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from loaders import datadir
from loaders.errors import DataFileMalformedError, DataFileMissingError, Problem

logger = logging.getLogger(__name__)

FORMAT = "jhe-web-layer"
VERSION = 1
LEVELS = ("utla", "lad", "region")
LAYER_FOLDER = "web"
SCALE = 1000  # quantisation: units per degree
DECIMALS = 3  # rounding before quantisation, the same grid
TOLERANCE_M = {"utla": 1000.0, "lad": 1000.0, "region": 2000.0}
GSS_CODE = re.compile(r"^[EWSNK]\d{8}$")


def layer_path(data_dir: Path, level: str) -> Path:
    """Where the layer for ``level`` lives in the data directory."""
    return Path(data_dir) / LAYER_FOLDER / f"{level}.json"


@dataclass(frozen=True)
class WebLayer:
    """One level's areas, simplified and quantised for the screen. Polygons are lists of rings; a ring is
    ``[x0, y0, dx1, dy1, ...]`` in 1/``scale`` degrees (longitude, latitude)."""

    level: str
    vintage: int | None
    source_file: str
    source_sha256: str
    scale: int
    codes: tuple[str, ...]
    names: tuple[str, ...]
    bboxes: tuple[tuple[float, float, float, float], ...]
    polygons: tuple[list, ...]
    neighbours: dict[str, tuple[str, ...]] = field(repr=False)

    def __len__(self) -> int:
        return len(self.codes)

    @cached_property
    def position(self) -> dict[str, int]:
        return {code: i for i, code in enumerate(self.codes)}

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """(west, south, east, north) of every area."""
        return (min(b[0] for b in self.bboxes), min(b[1] for b in self.bboxes),
                max(b[2] for b in self.bboxes), max(b[3] for b in self.bboxes))

    def bounds_of(self, codes) -> tuple[float, float, float, float]:
        boxes = [self.bboxes[self.position[code]] for code in codes]
        return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
                max(b[3] for b in boxes))

    @cached_property
    def polygons_json(self) -> dict[str, str]:
        """Each area's quantised polygons as compact JSON text (made once: the map sends them on every view)."""
        return {code: json.dumps(polygons, separators=(",", ":"))
                for code, polygons in zip(self.codes, self.polygons, strict=True)}

    def geojson(self, codes=None) -> dict:
        """A GeoJSON FeatureCollection (EPSG:4326) of ``codes`` (default every area), properties code and name."""
        chosen = self.codes if codes is None else [code for code in codes if code in self.position]
        features = []
        for code in chosen:
            i = self.position[code]
            coordinates = [[decode_ring(ring, self.scale) for ring in polygon] for polygon in self.polygons[i]]
            features.append({"type": "Feature", "id": code, "properties": {"code": code, "name": self.names[i]},
                             "geometry": {"type": "MultiPolygon", "coordinates": coordinates}})
        return {"type": "FeatureCollection", "features": features}


def decode_ring(flat: list[int], scale: int = SCALE) -> list[list[float]]:
    """Delta-encoded integers back to [longitude, latitude] pairs."""
    out, x, y = [], 0, 0
    for i in range(0, len(flat), 2):
        x += flat[i]
        y += flat[i + 1]
        out.append([x / scale, y / scale])
    return out


def encode_ring(coords, scale: int = SCALE) -> list[int]:
    """[x0, y0, dx1, dy1, ...] in 1/scale degrees; a point equal to the one before (after rounding) is dropped."""
    flat: list[int] = []
    last_x = last_y = 0
    for x, y, *_ in coords:
        qx, qy = round(x * scale), round(y * scale)
        if flat and qx == last_x and qy == last_y:
            continue
        flat += [qx - last_x, qy - last_y]
        last_x, last_y = qx, qy
    return flat


# --- reading (the app server) ----------------------------------------------------------------------------------

def read_web_layer(path: Path) -> WebLayer:
    """Read and check a layer file. Raises DataFileMissingError or DataFileMalformedError (naming the file, the
    area and what is wrong)."""
    path = Path(path)
    if not path.is_file():
        raise DataFileMissingError(path, "the map layer has not been built: import the data folder again "
                                         "(make data-import SRC=...) or run make data")
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise DataFileMalformedError(path, [_problem(path, f"not a JSON map layer ({error})")]) from error
    return layer_from_document(document, path)


def layer_from_document(document, path: Path) -> WebLayer:
    """A WebLayer from a parsed layer document; ``path`` names it in messages. Raises DataFileMalformedError."""
    problems = _check(path, document)
    if problems:
        raise DataFileMalformedError(path, problems)
    areas = document["areas"]
    return WebLayer(level=document["level"], vintage=document.get("vintage"), source_file=document["source_file"],
                    source_sha256=document["source_sha256"], scale=document["scale"],
                    codes=tuple(a["code"] for a in areas), names=tuple(a["name"] for a in areas),
                    bboxes=tuple(tuple(a["bbox"]) for a in areas), polygons=tuple(a["polygons"] for a in areas),
                    neighbours={a["code"]: tuple(a["neighbours"]) for a in areas})


def _check(path: Path, document) -> list[Problem]:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        return [_problem(path, f"not a map layer built by this app (format is not {FORMAT!r})")]
    if document.get("version") != VERSION:
        return [_problem(path, f"map layer version {document.get('version')!r}, this app reads version {VERSION}: "
                              "import the data folder again")]
    problems = []
    if document.get("level") not in LEVELS:
        problems.append(_problem(path, f"level {document.get('level')!r} is not one of {', '.join(LEVELS)}"))
    for key in ("source_file", "source_sha256"):
        if not isinstance(document.get(key), str):
            problems.append(_problem(path, f"{key} is missing"))
    if not isinstance(document.get("scale"), int) or document["scale"] <= 0:
        problems.append(_problem(path, "scale must be a whole number above 0"))
    areas = document.get("areas")
    if not isinstance(areas, list) or not areas:
        return [*problems, _problem(path, "no areas")]
    seen: set[str] = set()
    for number, area in enumerate(areas, start=1):
        where = f"area {number}"
        if not isinstance(area, dict):
            problems.append(_problem(path, f"{where}: not an object"))
            continue
        code = area.get("code")
        if not isinstance(code, str) or not GSS_CODE.match(code):
            problems.append(_problem(path, f"{where}: code {code!r} is not a GSS code"))
        elif code in seen:
            problems.append(_problem(path, f"{where}: code {code} appears twice"))
        seen.add(code if isinstance(code, str) else "")
        if not isinstance(area.get("name"), str) or not area["name"].strip():
            problems.append(_problem(path, f"{where} ({code}): name is missing"))
        bbox = area.get("bbox")
        if not (isinstance(bbox, list) and len(bbox) == 4 and all(isinstance(v, int | float) for v in bbox)):
            problems.append(_problem(path, f"{where} ({code}): bbox must be [west, south, east, north]"))
        if not _polygons_ok(area.get("polygons")):
            problems.append(_problem(path, f"{where} ({code}): polygons must be rings of whole-number pairs, "
                                          "at least 3 points each"))
        if not (isinstance(area.get("neighbours"), list) and all(isinstance(n, str) for n in area["neighbours"])):
            problems.append(_problem(path, f"{where} ({code}): neighbours must be a list of codes"))
    for area in areas:
        if isinstance(area, dict) and isinstance(area.get("neighbours"), list):
            unknown = [n for n in area["neighbours"] if n not in seen]
            if unknown:
                problems.append(_problem(path, f"area {area.get('code')}: neighbours not in the layer: "
                                              f"{', '.join(map(str, unknown))}"))
    return problems


def _problem(path: Path, message: str) -> Problem:
    return Problem(str(path), None, None, message)


def _polygons_ok(polygons) -> bool:
    return (isinstance(polygons, list) and bool(polygons)
            and all(isinstance(polygon, list) and polygon and all(
                isinstance(ring, list) and len(ring) >= 6 and len(ring) % 2 == 0
                and all(isinstance(v, int) for v in ring) for ring in polygon) for polygon in polygons))


# --- building (make data-import, make data; needs geopandas) --------------------------------------------------

def build_web_layer(boundary_file: Path, level: str, source_name: str | None = None) -> dict:
    """The layer document for ``level`` from an ONS boundary file (any vintage, GeoJSON or GeoPackage, 4326 or
    27700): simplified with shared edges kept shared, quantised, with each area's neighbours."""
    import shapely

    from loaders import boundaries

    boundary_file = Path(boundary_file)
    areas = boundaries.load_boundaries(boundary_file, level=level)
    simplified = boundaries.simplify_for_web(areas, TOLERANCE_M[level], DECIMALS)
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
            "source_file": source_name or boundary_file.name, "source_sha256": datadir.sha256(boundary_file),
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


def build_layers(data_dir: Path, levels=LEVELS, progress=print) -> list[dict]:
    """Build ``web/<level>.json`` from each level's boundary file in the data directory; returns their manifest
    entries. A level whose boundary file is missing or not valid is reported and skipped (the map then says so)."""
    from loaders import catalogue
    from loaders.errors import DataLoadError

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
        entries.append(datadir.manifest_entry(
            target, relative, "built", title=f"Screen map layer ({level}), built from {source.path}",
            publisher=f"Built by Justice Health Explorer from: {source.publisher}", licence=source.licence,
            vintage=source.vintage, source_url=source.source_page, derived_from=source.path,
            derived_from_sha256=document["source_sha256"], retrieved_at=None, imported_from=None,
            imported_at=datadir.utc_now(), validated=True))
        progress(f"{relative}: built ({len(document['areas'])} areas, {target.stat().st_size // 1024} KB, "
                 f"simplified by {document['tolerance_m']:g} m)")
    return entries
