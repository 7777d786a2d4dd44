"""The board pack's checklist part: the Action checklist's progress and the publications its items cite."""

from __future__ import annotations

import re

import pandas as pd

from core.checklist import NOT_ASSIGNED, NOT_STARTED
from reports.model import PackTable, Section, SourceRow
from reports.sources import cell_text

CHECKLIST_SLIDE_COLUMNS = ("Item", "Action", "Status", "Owner (partner)")


def checklist_table(progress: pd.DataFrame, summary: str) -> PackTable:
    """The checklist: every item in the workbook; on the slides, the items with progress recorded this session."""
    recorded = progress[(progress["Status"] != NOT_STARTED) | (progress["Owner (partner)"]
                        != NOT_ASSIGNED) | (progress["Note"].fillna("") != "")]
    return PackTable(Section.CHECKLIST, "Action checklist", "Action checklist", progress.reset_index(drop=True),
                     recorded.fillna("").astype(str).reset_index(drop=True), CHECKLIST_SLIDE_COLUMNS, "Section",
                     f"{summary} Progress recorded in the app this session; every action is in the workbook.",
                     empty_text=f"{summary} No progress has been recorded on the Action checklist page in this "
                                "session: every action, with its sources, is in the workbook.")


def checklist_sources(progress: pd.DataFrame, sources: pd.DataFrame | None) -> list[SourceRow]:
    """The publications the checklist's items cite ("[003]" in its Sources column)."""
    cited = dict.fromkeys(re.findall(r"\[([^\]]+)\]", " ".join(progress["Sources"].fillna("").astype(str))))
    if sources is None:
        return [SourceRow("Action checklist", f"[{i}]", "", "", "", "", f"[{i}]") for i in cited]
    by_id = sources.set_index("source_id")
    return [SourceRow("Action checklist", cell_text(row["citation"]), cell_text(row["publisher"]),
                      cell_text(row["date"]), cell_text(row["url"]), cell_text(row["url_note"]),
                      cell_text(row["short_label"]))
            for i in cited if i in by_id.index for row in [by_id.loc[i]]]
