"""The sources behind a board pack's figures, one row each, as the Sources slide and sheet list them."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import pandas as pd

from charts.style import sex_suffix
from core import catalogue
from core.labels import COHORT_LABELS
from present.tables import year_text
from reports.model import SourceRow

CATALOGUE_BY_KEY = {entry.key: entry for entry in catalogue.CATALOGUE}


def cell_text(value: object) -> str:
    """A cell as text: "" for None or NaN."""
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)


def year_in(*texts: str) -> str:
    """The last year (19xx or 20xx) named in the texts, "" for none."""
    years = re.findall(r"\b(?:19|20)\d\d\b", " ".join(texts))
    return years[-1] if years else ""


def evidence_sources(rows: pd.DataFrame, sources: pd.DataFrame) -> list[SourceRow]:
    """The cohort and general-population sources behind comparison (or local need) rows."""
    by_id = sources.set_index("source_id")
    out = []
    for _, row in rows.iterrows():
        figure = f"{row['indicator']}{sex_suffix(row.get('sex', 'persons'))} ({COHORT_LABELS.get(row['cohort'], '')})"
        pairs = [(row.get("cohort_source_id"), row["cohort_citation"], row["source_url"])]
        if cell_text(row.get("comparator_citation")) and row["comparator_citation"] != row["cohort_citation"]:
            pairs.append((row.get("comparator_source_id"), row["comparator_citation"], row.get("comparator_url")))
        for source_id, citation, url in pairs:
            meta = by_id.loc[source_id] if source_id in by_id.index else None
            year = year_text(meta["year_published"]) if meta is not None else ""
            out.append(SourceRow(
                figure=figure, source=cell_text(citation),
                publisher=cell_text(meta["publisher"]) if meta is not None else "",
                year=year or f"not stated (data {int(row['data_year'])})", link=cell_text(url),
                caveat=cell_text(row["caveat"]), label=cell_text(meta["short_label"]) if meta is not None else ""))
    return out


def unique(rows: Sequence[SourceRow]) -> tuple[SourceRow, ...]:
    """The rows without repeats, in first-seen order."""
    return tuple(dict.fromkeys(rows))
