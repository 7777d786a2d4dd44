"""The map layer the screen draws: each area's code, name, bounding box, neighbours and quantised polygons.

A layer file (``web/<level>.json`` in the data directory) is built once at import or download
(acquire/build_layers.py, with geopandas) and read with ``json`` only (loaders/web_layer.py), so the app server
never holds full-resolution boundaries. Polygons are quantised to whole 1/1000 degrees (about 70 m east-west
and 110 m north-south in England, finer than the simplification), each point stored as the difference from the
one before. The layer records the SHA-256 of the boundary file it was built from.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

FORMAT = "jhe-web-layer"
VERSION = 1
LEVELS = ("utla", "lad", "region", "pfa")
LAYER_FOLDER = "web"
SCALE = 1000  # quantisation: units per degree
DECIMALS = 3  # rounding before quantisation, the same grid
TOLERANCE_M = {"utla": 1000.0, "lad": 1000.0, "region": 2000.0, "pfa": 1000.0}


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
