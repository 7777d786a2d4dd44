"""The action checklist's bundled files: data/action_checklist.csv, data/checklist_sources.csv and
data/partner_forums.csv, validated and checked against each other.

The items paraphrase the seed reports (Balancing Act 2013, Rebalancing Act 2017) as gathered in the research
outline; data/README.md (File 6) says how. A user's progress on them is in present/checklist.py (the table and the
download) and intake/checklist_progress.py (reading a progress file back).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import pandera.pandas as pa
from pandera.typing.pandas import Series

from core.checklist import split_ids
from core.errors import DataFileMalformedError, Problem
from loaders.io import blank_to_na, coerce_numeric, read_text_csv, spreadsheet_row, validate

logger = logging.getLogger(__name__)

ITEMS_FILE = "action_checklist.csv"
SOURCES_FILE = "checklist_sources.csv"
FORUMS_FILE = "partner_forums.csv"
_BUNDLED_HINT = "It is part of the app's bundled data in data/: restore it from git (git checkout -- data/)."
ITEM_ID = r"^[A-Z][A-Z0-9]-\d{2}$"
SOURCE_IDS = r"^[a-z0-9_]+(;[a-z0-9_]+)*$"


class ChecklistItemSchema(pa.DataFrameModel):
    """data/action_checklist.csv: one row per action, in section and item order."""

    item_id: Series[str] = pa.Field(unique=True, str_matches=ITEM_ID)
    section: Series[str]
    section_order: Series[pd.Int64Dtype] = pa.Field(ge=1)
    item_order: Series[pd.Int64Dtype] = pa.Field(ge=1)
    action: Series[str]
    why: Series[str]
    sources: Series[str] = pa.Field(str_matches=SOURCE_IDS)
    suggested_partners: Series[str]
    stage: Series[pd.Int64Dtype] = pa.Field(nullable=True, isin=[1, 2, 3])

    class Config:
        strict = False
        coerce = True
        unique = ["section_order", "item_order"]


class ChecklistSourceSchema(pa.DataFrameModel):
    """data/checklist_sources.csv: the seed pages, context pages, the two reports and the Acts cited."""

    source_id: Series[str] = pa.Field(unique=True, str_matches=r"^[a-z0-9_]+$")
    kind: Series[str] = pa.Field(isin=("seed", "context", "report", "legislation"))
    short_label: Series[str]
    citation: Series[str]
    publisher: Series[str]
    date: Series[str]
    url: Series[str] = pa.Field(nullable=True, str_matches=r"^https?://")
    url_note: Series[str]

    class Config:
        strict = False
        coerce = True


class PartnerForumSchema(pa.DataFrameModel):
    """data/partner_forums.csv: the who-does-what reference."""

    forum: Series[str] = pa.Field(unique=True)
    members: Series[str]
    role: Series[str]
    usually_leads: Series[str] = pa.Field(nullable=True)
    sources: Series[str] = pa.Field(str_matches=SOURCE_IDS)

    class Config:
        strict = False
        coerce = True


class Checklist(NamedTuple):
    """The three checklist files, validated and checked against each other."""

    items: pd.DataFrame  # ChecklistItemSchema, in section and item order
    sources: pd.DataFrame  # ChecklistSourceSchema
    forums: pd.DataFrame  # PartnerForumSchema


# --- the bundled files ----------------------------------------------------------------------------------------

def _read(path: Path | str, schema: type[pa.DataFrameModel], numbers: Sequence[str] = ()) -> pd.DataFrame:
    path = Path(path)
    columns = list(schema.to_schema().columns)
    frame = read_text_csv(path, required_columns=columns, missing_hint=_BUNDLED_HINT)
    frame, problems = coerce_numeric(frame, list(numbers), path, integer=True)
    frame = blank_to_na(frame, [column for column in columns if column not in numbers])
    return validate(frame, schema, path, extra_problems=problems)


def _items_in_file_order(path: Path | str) -> pd.DataFrame:
    items = _read(path, ChecklistItemSchema, ["section_order", "item_order", "stage"])
    problems = [Problem(str(path), spreadsheet_row(index), "section_order",
                        f"section_order {order} is given to more than one section name")
                for order, group in items.groupby("section_order") if group["section"].nunique() > 1
                for index in group.index[1:]]
    if problems:
        raise DataFileMalformedError(path, problems, summary=f"{Path(path).name} has {len(problems)} problem(s)")
    return items


def _in_checklist_order(items: pd.DataFrame) -> pd.DataFrame:
    return items.sort_values(["section_order", "item_order"]).reset_index(drop=True)


def read_items(path: Path | str) -> pd.DataFrame:
    """Read and validate data/action_checklist.csv, sorted by section then item.

    Raises DataFileMissingError, or DataFileMalformedError naming the file, row and column of every problem."""
    items = _in_checklist_order(_items_in_file_order(path))
    logger.info("checklist items %s: %d rows", path, len(items))
    return items


def read_sources(path: Path | str) -> pd.DataFrame:
    """Read and validate data/checklist_sources.csv (raises DataLoadError)."""
    return _read(path, ChecklistSourceSchema)


def read_forums(path: Path | str) -> pd.DataFrame:
    """Read and validate data/partner_forums.csv (raises DataLoadError)."""
    return _read(path, PartnerForumSchema)


def reference_problems(items: pd.DataFrame, sources: pd.DataFrame, forums: pd.DataFrame,
                       items_path: str = ITEMS_FILE, forums_path: str = FORUMS_FILE) -> list[Problem]:
    """Every source id and partner an item names, and every source and item a forum names, must exist.
    Row numbers assume the frames are in file order (as read)."""
    known_sources, known_forums, known_items = set(sources["source_id"]), set(forums["forum"]), set(items["item_id"])
    problems = []
    for index, row in items.iterrows():
        problems += [Problem(items_path, spreadsheet_row(index), "sources", f"'{source}' is not a source_id in "
                             f"{SOURCES_FILE}") for source in split_ids(row["sources"]) if source not in known_sources]
        problems += [Problem(items_path, spreadsheet_row(index), "suggested_partners", f"'{partner}' is not a forum "
                             f"in {FORUMS_FILE}") for partner in split_ids(row["suggested_partners"])
                     if partner not in known_forums]
    for index, row in forums.iterrows():
        problems += [Problem(forums_path, spreadsheet_row(index), "sources", f"'{source}' is not a source_id in "
                             f"{SOURCES_FILE}") for source in split_ids(row["sources"]) if source not in known_sources]
        problems += [Problem(forums_path, spreadsheet_row(index), "usually_leads", f"'{item}' is not an item_id in "
                             f"{ITEMS_FILE}") for item in split_ids(row["usually_leads"]) if item not in known_items]
    return problems


def load_checklist(data_dir: Path | str) -> Checklist:
    """The three bundled checklist files from ``data_dir``, checked against each other (raises DataLoadError)."""
    data_dir = Path(data_dir)
    items_path = data_dir / ITEMS_FILE
    items = _items_in_file_order(items_path)  # in file order, so problems name the file's rows
    sources = read_sources(data_dir / SOURCES_FILE)
    forums = read_forums(data_dir / FORUMS_FILE)
    problems = reference_problems(items, sources, forums, str(items_path), str(data_dir / FORUMS_FILE))
    if problems:
        raise DataFileMalformedError(items_path, problems,
                                     summary=f"the checklist files name {len(problems)} unknown id(s)")
    return Checklist(_in_checklist_order(items), sources, forums)
