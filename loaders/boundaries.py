"""ONS boundary files: counties and unitary authorities (UTLA), districts (LAD), regions and police force areas (PFA).

``load_boundaries`` reads a GeoJSON or GeoPackage of any vintage 2019-2025, in EPSG:4326 or British National
Grid (EPSG:27700), and returns ``code, name, level, vintage, geometry`` (EPSG:4326), validated by
``BoundarySchema``. It recognises ONS property names (``CTYUA23CD``/``CTYUA23NM``, ``LAD24CD``, ``UTLA22CD``,
``RGN23CD``, ``PFA23CD``, ...; the two digits give the vintage, 20yy; also written ``pfa20_code``/``pfa20_name``, as
humaniverse/geographr names them) as well as plain ``code``/``name`` (or ``areacd``/``areanm``), repairs invalid
geometry with ``shapely.make_valid`` and rejects duplicate codes. Every problem in the features is reported at once,
naming the file, the property and the feature number (1 = first feature).
The lighter copy for the screen map is made at import (acquire/build_layers.py).
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pandera.pandas as pa
import pyogrio
from pandera.typing import Series
from pandera.typing.geopandas import GeoSeries
from pyproj import CRS

from core.errors import DataFileMalformedError, DataFileMissingError, Problem
from core.geography import FIRST_VINTAGE, LAST_VINTAGE
from loaders.boundary_geometry import WGS84, malformed, repair, to_wgs84
from loaders.schemas import BOUNDARY_CODE, BOUNDARY_LEVELS

logger = logging.getLogger(__name__)

COLUMNS = ["code", "name", "level", "vintage", "geometry"]
# ONS property names: <prefix><yy><CD|NM>, e.g. CTYUA23CD, LAD24NM, PFA23CD; or <prefix><yy>_<code|name>, e.g.
# pfa20_code. Welsh names (LAD24NMW) are not names here.
ONS_PROPERTY = re.compile(r"^(CTYUA|UTLA|LTLA|LAD|RGN|PFA)(\d{2})_?(CD|NM|CODE|NAME)$", re.IGNORECASE)
ONS_PREFIX_LEVEL = {"CTYUA": "utla", "UTLA": "utla", "LAD": "lad", "LTLA": "lad", "RGN": "region", "PFA": "pfa"}
_KIND = {"CD": "CD", "CODE": "CD", "NM": "NM", "NAME": "NM"}
PLAIN_CODE_PROPERTIES = ("code", "areacd", "area_code")
PLAIN_NAME_PROPERTIES = ("name", "areanm", "area_name")
# Which GSS code prefixes each level may hold (E06 unitary, E07 non-metropolitan district, E08 metropolitan
# district, E09 London borough, E10 county, E12 region; W06, S12, N09 are both LADs and UTLAs; E23 and W15 police
# force areas in England and Wales).
LEVEL_PREFIXES = {
    "lad": ("E06", "E07", "E08", "E09", "W06", "S12", "N09"),
    "utla": ("E06", "E08", "E09", "E10", "W06", "S12", "N09"),
    "region": ("E12",),
    "pfa": ("E23", "W15"),
}
_IMPORT_HINT = "Import a data folder with boundaries/ (make data-import SRC=...)."


def load_boundaries(path: Path | str, level: str | None = None, vintage: int | None = None,
                    layer: str | None = None) -> gpd.GeoDataFrame:
    """Read an ONS boundary file into ``code, name, level, vintage, geometry`` in EPSG:4326.

    ``level`` ("utla", "lad" or "region") is needed only when the file has plain code/name properties whose
    codes do not show the level (E06/E08/E09 codes are both LADs and UTLAs). The vintage comes from ONS property
    names (LAD24CD -> 2024), else from ``vintage``, else from a GeoJSON's top-level ``metadata.vintage``; it is
    left empty (<NA>) when none of them gives it. ``layer`` picks a GeoPackage layer when there are several.

    Raises DataFileMissingError, or DataFileMalformedError naming the file, property and feature numbers.
    """
    path = Path(path)
    if level is not None and level not in BOUNDARY_LEVELS:
        raise ValueError(f"level must be one of {', '.join(BOUNDARY_LEVELS)}, not {level!r}")
    if vintage is not None:
        _check_vintage(path, int(vintage), "the vintage argument")
    if not path.is_file():
        raise DataFileMissingError(path, hint=_IMPORT_HINT)
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        raise malformed(path, f"is not a GeoJSON (.geojson, .json) or GeoPackage (.gpkg) file "
                              f"(suffix '{path.suffix}')")
    raw, metadata, declared_crs = reader(path, layer)
    if raw.empty:
        raise malformed(path, "has no features")

    code_column, name_column, level, vintage = _recognise_properties(path, raw, level, vintage, metadata)
    problems, codes, names = _check_codes_and_names(path, raw, code_column, name_column, level)
    geometry = to_wgs84(path, raw, declared_crs)
    geometry, geometry_problems, repaired = repair(path, geometry, codes)
    problems += geometry_problems + _duplicate_problems(path, codes, code_column)
    if problems:
        raise DataFileMalformedError(path, problems, summary=f"{path.name} has {len(problems)} problem(s)")

    result = gpd.GeoDataFrame({
        "code": codes.astype(str),
        "name": names.astype(str),
        "level": level,
        "vintage": pd.array([vintage] * len(raw), dtype="Int64"),
    }, geometry=geometry.values, crs=WGS84)[COLUMNS]
    result = _validate(path, result)
    logger.info("read %s: %d %s boundaries, vintage %s, %d invalid geometries repaired",
                path, len(result), level, vintage if vintage is not None else "not stated", repaired)
    return result


class BoundarySchema(pa.DataFrameModel):
    """A boundary layer as returned by ``load_boundaries``: one polygonal area per ONS code, in EPSG:4326."""

    code: Series[str] = pa.Field(str_matches=BOUNDARY_CODE, unique=True)
    name: Series[str]
    level: Series[str] = pa.Field(isin=BOUNDARY_LEVELS)
    vintage: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=FIRST_VINTAGE, le=LAST_VINTAGE)
    geometry: GeoSeries

    class Config:
        strict = True
        coerce = False  # coercing the geometry would silently reproject it; the loader builds exact types

    @pa.check("geometry", name="polygonal")
    def polygonal(cls, geometry: GeoSeries) -> pd.Series:
        return geometry.geom_type.isin(["Polygon", "MultiPolygon"])

    @pa.check("geometry", name="not_empty")
    def not_empty(cls, geometry: GeoSeries) -> pd.Series:
        return ~geometry.is_empty

    @pa.check("geometry", name="valid")
    def valid(cls, geometry: GeoSeries) -> pd.Series:
        return geometry.is_valid

    @pa.check("geometry", name="in_epsg_4326")
    def in_epsg_4326(cls, geometry: GeoSeries) -> bool:
        return geometry.crs is not None and geometry.crs.to_epsg() == 4326


# --- reading ---------------------------------------------------------------------------------------------------

def _read_geojson(path: Path, layer: str | None) -> tuple[gpd.GeoDataFrame, dict, CRS | None]:
    try:
        document = json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as error:
        raise malformed(path, f"is not UTF-8 text (byte {error.start} cannot be decoded)") from error
    except json.JSONDecodeError as error:
        raise malformed(path, f"is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})") from error
    if not isinstance(document, dict) or not isinstance(document.get("features"), list):
        raise malformed(path, "is not a GeoJSON FeatureCollection (no 'features' list)")
    metadata = document.get("metadata") if isinstance(document.get("metadata"), dict) else {}
    frame = _read_with_pyogrio(path, None)
    # GeoJSON (RFC 7946) without a 'crs' member is longitude/latitude, EPSG:4326; GDAL reports it so.
    declared = frame.crs if "crs" in document else None
    return frame, metadata, declared


def _read_geopackage(path: Path, layer: str | None) -> tuple[gpd.GeoDataFrame, dict, CRS | None]:
    try:
        layers = [str(name) for name, _ in pyogrio.list_layers(path)]
    except pyogrio.errors.DataSourceError as error:
        raise malformed(path, f"is not a readable GeoPackage: {error}") from error
    if layer is None and len(layers) > 1:
        raise malformed(path, f"has {len(layers)} layers ({', '.join(layers)}): pass layer= to choose one")
    if layer is not None and layer not in layers:
        raise malformed(path, f"has no layer '{layer}' (layers: {', '.join(layers)})")
    frame = _read_with_pyogrio(path, layer)
    return frame, {}, frame.crs


def _read_with_pyogrio(path: Path, layer: str | None) -> gpd.GeoDataFrame:
    try:
        frame = gpd.read_file(path, layer=layer, engine="pyogrio")
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, pyogrio.errors.FieldError,
            pyogrio.errors.GeometryError, pyogrio.errors.CRSError, OSError, ValueError) as error:
        raise malformed(path, f"could not be read as a boundary file: {error}") from error
    return frame.reset_index(drop=True)


_READERS = {".geojson": _read_geojson, ".json": _read_geojson, ".gpkg": _read_geopackage}


# --- properties: code, name, level, vintage ----------------------------------------------------------------------

def _recognise_properties(path: Path, frame: gpd.GeoDataFrame, level: str | None, vintage: int | None,
                          metadata: dict) -> tuple[str, str, str, int | None]:
    """(code property, name property, level, vintage) from ONS names, plain names, arguments and metadata."""
    ons: dict[tuple[str, int], dict[str, str]] = {}
    for column in frame.columns:
        match = ONS_PROPERTY.match(str(column))
        if match:
            prefix, year, kind = match.group(1).upper(), 2000 + int(match.group(2)), _KIND[match.group(3).upper()]
            ons.setdefault((ONS_PREFIX_LEVEL[prefix], year), {})[kind] = str(column)
    ons_codes = {key: names for key, names in ons.items() if "CD" in names}
    if ons_codes:
        return _from_ons_properties(path, ons_codes, level, vintage)

    lowered = {str(column).lower(): str(column) for column in frame.columns}
    code_column = next((lowered[name] for name in PLAIN_CODE_PROPERTIES if name in lowered), None)
    name_column = next((lowered[name] for name in PLAIN_NAME_PROPERTIES if name in lowered), None)
    if code_column is None or name_column is None:
        properties = ", ".join(str(c) for c in frame.columns if c != frame.geometry.name) or "none"
        raise malformed(path, "has no code and name properties: expected ONS names such as CTYUA23CD/CTYUA23NM, "
                              f"LAD24CD/LAD24NM or RGN23CD/RGN23NM, or plain code/name (found: {properties})")
    level = level or _level_from_metadata(metadata) or _level_from_codes(path, frame[code_column], code_column)
    if vintage is None:
        vintage = _vintage_from_metadata(path, metadata, level)
    return code_column, name_column, level, vintage


def _from_ons_properties(path: Path, ons_codes: dict[tuple[str, int], dict[str, str]], level: str | None,
                         vintage: int | None) -> tuple[str, str, str, int | None]:
    found = ", ".join(sorted(names["CD"] for names in ons_codes.values()))
    levels = {key[0] for key in ons_codes}
    if level is None:
        if len(levels) > 1:
            raise malformed(path, f"has codes for several levels ({found}): pass level= "
                                  f"({', '.join(BOUNDARY_LEVELS)}) to choose one")
        level = levels.pop()
    candidates = {key: names for key, names in ons_codes.items() if key[0] == level}
    if not candidates:
        raise malformed(path, f"holds {found}, not {level} codes (level='{level}' was asked for)")
    if vintage is not None:
        matching = {key: names for key, names in candidates.items() if key[1] == vintage}
        if not matching:
            years = ", ".join(str(key[1]) for key in sorted(candidates))
            raise malformed(path, f"has {found} (vintage {years}) but vintage {vintage} was asked for")
        candidates = matching
    if len(candidates) > 1:
        raise malformed(path, f"has several vintages of {level} codes ({found}): pass vintage= to choose one")
    (level, year), names = next(iter(candidates.items()))
    _check_vintage(path, year, f"property {names['CD']}")
    if "NM" not in names:
        raise malformed(path, f"has {names['CD']} but no matching name property", column=names["CD"][:-2] + "NM")
    return names["CD"], names["NM"], level, year


def _level_from_metadata(metadata: dict) -> str | None:
    text = str(metadata.get("level", "")).lower()
    if "district" in text or re.search(r"\b(lad|ltla)\b", text):
        return "lad"
    if "counties and unitary" in text or "upper-tier" in text or re.search(r"\b(ctyua|utla)\b", text):
        return "utla"
    if "region" in text:
        return "region"
    if "police force" in text or re.search(r"\bpfa\b", text):
        return "pfa"
    return None


def _level_from_codes(path: Path, codes: pd.Series, column: str) -> str:
    prefixes = set(codes.dropna().astype(str).str.strip().str[:3])
    if prefixes == {"E12"}:
        return "region"
    if prefixes and prefixes <= {"E23", "W15"}:
        return "pfa"
    if "E12" not in prefixes and "E07" in prefixes and "E10" not in prefixes:
        return "lad"
    if "E12" not in prefixes and "E10" in prefixes and "E07" not in prefixes:
        return "utla"
    if "E07" in prefixes and "E10" in prefixes:
        detail = "mixes district (E07) and county (E10) codes"
    elif "E12" in prefixes:
        detail = "mixes region (E12) codes with other codes"
    else:
        detail = (f"has only {'/'.join(sorted(prefixes)) or 'no'} codes, which are both districts (LAD) and "
                  "upper-tier authorities (UTLA)")
    raise malformed(path, f"{detail}, so the level cannot be told from the codes: pass level= "
                          f"({', '.join(BOUNDARY_LEVELS)})", column=column)


_METADATA_PREFIX = {"utla": "CTYUA|UTLA", "lad": "LAD|LTLA", "region": "RGN|Regions?", "pfa": "PFA|Police Force Areas?"}


def _vintage_from_metadata(path: Path, metadata: dict, level: str) -> int | None:
    """metadata.vintage is a year, or text such as 'CTYUA December 2023, BSC ...': prefer the year that
    follows the level's ONS prefix, else the only year 2019-2025 in the text."""
    value = metadata.get("vintage")
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        _check_vintage(path, value, "metadata.vintage")
        return value
    text = str(value)
    after_prefix = re.findall(rf"\b(?:{_METADATA_PREFIX[level]})\b\s+(?:[A-Za-z]+\.?\s+)?(\d{{4}})", text, re.I)
    years = {int(y) for y in after_prefix} or {int(y) for y in re.findall(r"\b(20\d{2})\b", text)
                                                if FIRST_VINTAGE <= int(y) <= LAST_VINTAGE}
    if len(years) == 1:
        year = years.pop()
        _check_vintage(path, year, f"metadata.vintage ('{text}')")
        return year
    logger.info("%s: metadata.vintage %r does not give one year; vintage left empty", path, text)
    return None


def _check_vintage(path: Path, year: int, where: str) -> None:
    if not FIRST_VINTAGE <= year <= LAST_VINTAGE:
        raise malformed(path, f"{where} gives vintage {year}, but only vintages {FIRST_VINTAGE}-{LAST_VINTAGE} "
                              "are supported (the code-change table covers those years)")


def _check_codes_and_names(path: Path, frame: gpd.GeoDataFrame, code_column: str, name_column: str,
                           level: str) -> tuple[list[Problem], pd.Series, pd.Series]:
    codes = frame[code_column].map(lambda v: None if pd.isna(v) else str(v).strip())
    names = frame[name_column].map(lambda v: None if pd.isna(v) else str(v).strip())
    problems = []
    allowed = LEVEL_PREFIXES[level]
    for index, (code, name) in enumerate(zip(codes, names, strict=True)):
        feature = f"feature {index + 1}"
        if not code:
            problems.append(Problem(str(path), None, code_column, f"{feature}: the code is blank"))
        elif not re.match(BOUNDARY_CODE, code):
            problems.append(Problem(str(path), None, code_column,
                                    f"{feature}: '{code}' is not an ONS code (a letter E, W, S or N and 8 digits)"))
        elif not code.startswith(allowed):
            problems.append(Problem(str(path), None, code_column,
                                    f"{feature}: '{code}' is not a {level} code (expected {'/'.join(allowed)})"))
        if not name:
            problems.append(Problem(str(path), None, name_column, f"{feature}: the name is blank"))
    return problems, codes, names


def _duplicate_problems(path: Path, codes: pd.Series, code_column: str) -> list[Problem]:
    present = codes.dropna()
    repeated = present[present.duplicated(keep=False)]
    problems = []
    for code, group in repeated.groupby(repeated, sort=True):
        features = [str(index + 1) for index in group.index]
        problems.append(Problem(str(path), None, code_column,
                                f"code {code} appears more than once, in features {', '.join(features)}"))
    return problems


def _validate(path: Path, frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The final contract. The checks above should have caught everything; anything left is reported by feature."""
    try:
        return BoundarySchema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        problems = []
        for case in errors.failure_cases.itertuples(index=False):
            where = f"feature {int(case.index) + 1}: " if case.index is not None and not pd.isna(case.index) else ""
            column = None if case.column is None or pd.isna(case.column) else str(case.column)
            value = "" if column == "geometry" else f"'{case.failure_case}' "
            problems.append(Problem(str(path), None, column, f"{where}{value}fails the check {case.check}"))
        raise DataFileMalformedError(path, problems, summary=f"{path.name} has {len(problems)} problem(s)") from errors
