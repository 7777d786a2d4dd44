"""Reading ONS's statistical nearest-neighbour lists (Explore Local Statistics, 2026 update) of an imported data
folder: one file per model (global, economic, demographic), each area's 20 most similar areas in rank order.

The files are UTF-8 with a byte-order mark (read as ``utf-8-sig``); codes are ONS GSS codes as in force in 2025.
What is done with the lists is in analysis.neighbours.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd

from core import catalogue
from core.codes import GSS_CODE_PATTERN
from core.errors import DataFileMissingError, Problem
from loaders.io import read_text_csv, spreadsheet_row, validate
from loaders.schemas.similar_areas import AREA_COLUMN, RANK_COLUMNS, NeighbourListSchema

logger = logging.getLogger(__name__)

LIST_COLUMNS = ["model", "area_code", "rank", "neighbour_code"]
IMPORT_HINT = ("Import a data folder with similar_areas/ (make data-import SRC=...), or download the lists "
               "(make data).")


def _code_problems(frame: pd.DataFrame, path: Path) -> list[Problem]:
    """A rank cell that is neither blank nor a GSS code, by row and column."""
    problems = []
    for column in RANK_COLUMNS:
        for index, code in frame[column].items():
            if code and not GSS_CODE_PATTERN.match(code):
                problems.append(Problem(str(path), spreadsheet_row(index), column,
                                        f"'{code}' is not an ONS (GSS) code"))
    return problems


def read_neighbour_list(path: Path | str, model: str) -> pd.DataFrame:
    """One model's list, long: model, area_code, rank (1-20, ONS's order), neighbour_code; blank ranks left out.

    Raises DataFileMissingError, or DataFileMalformedError naming every problem (a missing rank column, a code
    that is not a GSS code, a gap in the ranks, a neighbour listed twice or an area listed as its own neighbour).
    """
    path = Path(path)
    frame = read_text_csv(path, required_columns=[AREA_COLUMN, *RANK_COLUMNS], missing_hint=IMPORT_HINT)
    frame = frame.apply(lambda column: column.str.strip())
    validate(frame, NeighbourListSchema, path, extra_problems=_code_problems(frame, path))
    long = frame.melt(id_vars=AREA_COLUMN, value_vars=list(RANK_COLUMNS), var_name="rank",
                      value_name="neighbour_code").rename(columns={AREA_COLUMN: "area_code"})
    long = long[long["neighbour_code"] != ""].assign(model=model, rank=lambda f: f["rank"].astype(int))
    logger.info("neighbours %s: %d areas, %d neighbours", path, frame[AREA_COLUMN].nunique(), len(long))
    return long.sort_values(["area_code", "rank"])[LIST_COLUMNS].reset_index(drop=True)


def read_neighbour_lists(data_dir: Path | str) -> pd.DataFrame:
    """Every model's list found in the data folder, one after another (LIST_COLUMNS).

    Raises DataFileMissingError when none is there, DataFileMalformedError when one is not valid."""
    data_dir = Path(data_dir)
    found = {model: catalogue.locate(data_dir, catalogue.neighbours_key(model))
             for model in catalogue.NEIGHBOUR_MODELS}
    present = {model: path for model, path in found.items() if path.is_file()}
    if not present:
        raise DataFileMissingError(found[catalogue.NEIGHBOUR_MODELS[0]], hint=IMPORT_HINT)
    return pd.concat([read_neighbour_list(path, model) for model, path in present.items()], ignore_index=True)
