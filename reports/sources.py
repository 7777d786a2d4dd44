"""The sources behind a board pack's figures, one row each, as the Sources slide and sheet list them."""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Sequence

import pandas as pd

from charts.style import sex_suffix
from core import catalogue
from core.labels import COHORT_LABELS
from present.tables import year_text
from reports.model import Section, SourceRow

CATALOGUE_BY_KEY = {entry.key: entry for entry in catalogue.CATALOGUE}
SECONDARY_NOTE = ("Read only in a secondary source (a summary, blog or compilation): context for the board, not "
                  "evidence it can rest on.")


def cell_text(value: object) -> str:
    """A cell as text: "" for None or NaN."""
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)


def year_in(*texts: str) -> str:
    """The last year (19xx or 20xx) named in the texts, "" for none."""
    years = re.findall(r"\b(?:19|20)\d\d\b", " ".join(texts))
    return years[-1] if years else ""


def evidence_sources(rows: pd.DataFrame, sources: pd.DataFrame) -> list[SourceRow]:
    """The cohort and general-population sources behind comparison (or local need) rows."""
    # Plain dicts, not iterrows and .loc: the comparison frame is wide, and pandas' per-row cost dominated.
    by_id = sources.set_index("source_id")[["year_published", "publisher", "short_label"]].to_dict("index")
    out = []
    for row in rows.to_dict("records"):
        caveat = cell_text(row["caveat"])
        if row.get("source_status") == "secondary":
            caveat = f"{SECONDARY_NOTE} {caveat}".strip()
        figure = f"{row['indicator']}{sex_suffix(row.get('sex', 'persons'))} ({COHORT_LABELS.get(row['cohort'], '')})"
        pairs = [(row.get("cohort_source_id"), row["cohort_citation"], row["source_url"])]
        if cell_text(row.get("comparator_citation")) and row["comparator_citation"] != row["cohort_citation"]:
            pairs.append((row.get("comparator_source_id"), row["comparator_citation"], row.get("comparator_url")))
        for source_id, citation, url in pairs:
            meta = by_id.get(source_id)
            year = year_text(meta["year_published"]) if meta is not None else ""
            out.append(SourceRow(
                figure=figure, source=cell_text(citation),
                publisher=cell_text(meta["publisher"]) if meta is not None else "",
                year=year or f"not stated (data {int(row['data_year'])})", link=cell_text(url),
                caveat=caveat, label=cell_text(meta["short_label"]) if meta is not None else ""))
    return out


def citation_key(row: SourceRow) -> str:
    """What makes two rows one reference: the citation text, without case or runs of spaces ("" for none)."""
    return " ".join((row.source or row.label).split()).casefold()


def _joined(values: Sequence[str], separator: str) -> str:
    return separator.join(dict.fromkeys(value for value in values if value))


def _merged(rows: Sequence[SourceRow]) -> SourceRow:
    """One reference's rows as one: every figure it supports, its distinct years and links, and each caveat once
    (named by its figure when the figures' caveats differ)."""
    caveats = dict.fromkeys(row.caveat for row in rows if row.caveat)
    caveat = (next(iter(caveats), "") if len(caveats) <= 1 else
              " | ".join(_joined([row.figure for row in rows if row.caveat == text], "; ") + ": " + text
                         for text in caveats))
    return SourceRow(figure=_joined([row.figure for row in rows], "; "), source=rows[0].source,
                     publisher=next((row.publisher for row in rows if row.publisher), ""),
                     year=_joined([row.year for row in rows], ", "), link=_joined([row.link for row in rows], " "),
                     caveat=caveat, label=next((row.label for row in rows if row.label), ""),
                     parts=tuple(dict.fromkeys(part for row in rows for part in row.parts)))


def tagged(rows: Sequence[SourceRow], part: Section) -> list[SourceRow]:
    """The rows, each marked as supporting ``part`` of the pack."""
    return [dataclasses.replace(row, parts=(*row.parts, part)) for row in rows]


def unique(rows: Sequence[SourceRow]) -> tuple[SourceRow, ...]:
    """Each reference once, in first-seen order: rows with the same citation text (``citation_key``) become one
    row naming every figure it supports, so no reference is listed twice on the Sources slide or sheet."""
    groups: dict[str, list[SourceRow]] = {}
    for number, row in enumerate(rows):
        groups.setdefault(citation_key(row) or f"#{number}", []).append(row)
    return tuple(_merged(group) for group in groups.values())
