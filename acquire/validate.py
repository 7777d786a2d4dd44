"""Checking a catalogue file with the reader the app uses, before it is recorded as valid (import and download).

Each validator reads the file as the app does and returns a short summary ("153 utla areas"); a file that is not
valid raises DataLoadError naming the file, row and column.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType

import pandas as pd

from core.catalogue import FINGERTIPS_AREA_TYPES, FINGERTIPS_INDICATORS, NEIGHBOUR_MODELS, neighbours_key
from core.paths import REGISTER_FILE, bundled_data_dir
from loaders.area_names import read_area_names
from loaders.boundaries import load_boundaries
from loaders.fingertips import read_fingertips_csv, read_fingertips_extract
from loaders.hexjson import read_hexjson
from loaders.indicators import read_homelessness, read_imd_lad_summaries, read_indicator_register
from loaders.lookups import read_code_changes, read_csp_pfa_lookup, read_lad_lookup
from loaders.population import read_population
from loaders.similar_areas import read_neighbour_list

Validator = Callable[[Path], str]  # reads a file as the app does; returns a summary or raises DataLoadError


def _register() -> pd.DataFrame:
    return read_indicator_register(bundled_data_dir() / REGISTER_FILE)


def _boundaries(level: str) -> Validator:
    def check(path: Path) -> str:
        return f"{len(load_boundaries(path, level=level))} {level} areas"
    return check


def _lad_lookup(path: Path) -> str:
    lookup = read_lad_lookup(path)
    return f"{len(lookup)} districts, {lookup['utla_code'].nunique()} UTLAs, {lookup['region_code'].nunique()} regions"


def _csp_pfa_lookup(path: Path) -> str:
    lookup = read_csp_pfa_lookup(path)
    england = lookup[lookup["pfa_code"].str.startswith("E")]
    split = int((england.groupby("lad_code")["csp_code"].nunique() > 1).sum())
    return (f"{lookup['lad_code'].nunique()} districts in {lookup['csp_code'].nunique()} CSPs and "
            f"{lookup['pfa_code'].nunique()} police force areas ({england['pfa_code'].nunique()} in England; "
            f"{split} English districts split between CSPs)")


def _code_changes(path: Path) -> str:
    return f"{len(read_code_changes(path))} code changes"


def _hexjson(path: Path) -> str:
    frame, layout = read_hexjson(path)
    return f"{len(frame)} hexes, layout {layout}"


def _population(path: Path) -> str:
    frame = read_population(path)
    return f"{frame[['area_type', 'area_code']].drop_duplicates().shape[0]} areas"


def _imd(path: Path) -> str:
    return f"{len(read_imd_lad_summaries(path, _register()))} districts"


def _homelessness(path: Path) -> str:
    return f"{len(read_homelessness(path, _register()))} rows"


def _fingertips_extract(path: Path) -> str:
    return f"{len(read_fingertips_extract(path, _register()).measures)} rows"


def _fingertips_api(area_type_id: int) -> Validator:
    def check(path: Path) -> str:
        return f"{len(read_fingertips_csv(path, _register(), child_area_type_id=area_type_id).measures)} rows"
    return check


def _neighbours(model: str) -> Validator:
    def check(path: Path) -> str:
        rows = read_neighbour_list(path, model)
        return f"{rows['area_code'].nunique()} areas, {len(rows)} ranked neighbours"
    return check


def _area_names(path: Path) -> str:
    return f"{len(read_area_names(path))} council names"


# Catalogue key -> its validator (a test checks that every catalogue key has one).
VALIDATORS: Mapping[str, Validator] = MappingProxyType({
    "utla_boundaries": _boundaries("utla"),
    "lad_boundaries": _boundaries("lad"),
    "region_boundaries": _boundaries("region"),
    "pfa_boundaries": _boundaries("pfa"),
    "csp_pfa_lookup": _csp_pfa_lookup,
    "lad_lookup": _lad_lookup,
    "code_changes": _code_changes,
    "lad_hexjson": _hexjson,
    "utla_hexjson": _hexjson,
    "population": _population,
    "la_names": _area_names,
    "imd2025": _imd,
    "homelessness": _homelessness,
    "smoking_ltla_extract": _fingertips_extract,
    "depression_ltla_extract": _fingertips_extract,
    **{f"fingertips_{indicator}_{level}": _fingertips_api(area_type)
       for indicator in FINGERTIPS_INDICATORS for area_type, level in FINGERTIPS_AREA_TYPES.items()},
    **{neighbours_key(model): _neighbours(model) for model in NEIGHBOUR_MODELS},
})


def validate_catalogue_file(key: str, path: Path) -> str:
    """Check a catalogue file with the reader the app uses; returns a summary such as '153 utla areas'.

    Raises DataLoadError (naming file, row and column) when the file is not valid.
    """
    return VALIDATORS[key](Path(path))
