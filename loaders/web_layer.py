"""Reading and checking a screen map layer (``web/<level>.json``) with ``json`` only."""

from __future__ import annotations

import json
from pathlib import Path

from core.codes import GSS_CODE_PATTERN
from core.errors import DataFileMalformedError, DataFileMissingError, Problem
from core.paths import sha256
from core.web_layer import FORMAT, LEVELS, VERSION, WebLayer


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
    problems = [_problem(path, message) for message in _header_problems(document)]
    areas = document.get("areas")
    if not isinstance(areas, list) or not areas:
        return [*problems, _problem(path, "no areas")]
    seen: set[str] = set()
    for number, area in enumerate(areas, start=1):
        problems += [_problem(path, message) for message in _area_problems(f"area {number}", area, seen)]
    for area in areas:
        if isinstance(area, dict) and isinstance(area.get("neighbours"), list):
            unknown = [n for n in area["neighbours"] if n not in seen]
            if unknown:
                problems.append(_problem(path, f"area {area.get('code')}: neighbours not in the layer: "
                                              f"{', '.join(map(str, unknown))}"))
    return problems


def _header_problems(document: dict) -> list[str]:
    problems = []
    if document.get("level") not in LEVELS:
        problems.append(f"level {document.get('level')!r} is not one of {', '.join(LEVELS)}")
    problems += [f"{key} is missing" for key in ("source_file", "source_sha256")
                 if not isinstance(document.get(key), str)]
    if not isinstance(document.get("scale"), int) or document["scale"] <= 0:
        problems.append("scale must be a whole number above 0")
    return problems


def _area_problems(where: str, area, seen: set[str]) -> list[str]:
    """What is wrong with one area entry; its code is added to ``seen``."""
    if not isinstance(area, dict):
        return [f"{where}: not an object"]
    problems = []
    code = area.get("code")
    if not isinstance(code, str) or not GSS_CODE_PATTERN.match(code):
        problems.append(f"{where}: code {code!r} is not a GSS code")
    elif code in seen:
        problems.append(f"{where}: code {code} appears twice")
    seen.add(code if isinstance(code, str) else "")
    if not isinstance(area.get("name"), str) or not area["name"].strip():
        problems.append(f"{where} ({code}): name is missing")
    bbox = area.get("bbox")
    if not (isinstance(bbox, list) and len(bbox) == 4 and all(isinstance(v, int | float) for v in bbox)):
        problems.append(f"{where} ({code}): bbox must be [west, south, east, north]")
    if not _polygons_ok(area.get("polygons")):
        problems.append(f"{where} ({code}): polygons must be rings of whole-number pairs, at least 3 points each")
    if not (isinstance(area.get("neighbours"), list) and all(isinstance(n, str) for n in area["neighbours"])):
        problems.append(f"{where} ({code}): neighbours must be a list of codes")
    return problems


def _problem(path: Path, message: str) -> Problem:
    return Problem(str(path), None, None, message)


def _polygons_ok(polygons) -> bool:
    return (isinstance(polygons, list) and bool(polygons)
            and all(isinstance(polygon, list) and polygon and all(
                isinstance(ring, list) and len(ring) >= 6 and len(ring) % 2 == 0
                and all(isinstance(v, int) for v in ring) for ring in polygon) for polygon in polygons))


def read_current_web_layer(layer_file: Path, boundary_file: Path) -> WebLayer:
    """The layer at ``layer_file``, checked against the boundary file it was built from (when that file is
    still in the data folder). A layer built from another version is refused, never rebuilt here: building needs
    geopandas, which only the import and download commands load."""
    layer = read_web_layer(layer_file)
    boundary_file = Path(boundary_file)
    if boundary_file.is_file() and layer.source_sha256 != sha256(boundary_file):
        raise DataFileMalformedError(layer_file, [_problem(
            layer_file, f"the map layer was built from another version of {boundary_file.name}: import the data "
                        "folder again (make data-import SRC=...) or run make data")])
    return layer
