"""A board pack assembled from the request and the frames the app has already loaded (pure: no Streamlit, no files).

``assemble(request, data)`` returns a ``BoardPack``: title, date and narrative; key messages (the Overview's
headline tiles and the Local need page's board sentences), each with its source; figures as PNG images with alt
text (rendered offline by vl-convert); tables (unrounded frames for the workbook, display text for the slides);
every source behind them; method and disclosure notes; and what was left out and why. Each part comes from the
same view-models as the page that shows it (reports/parts).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from analysis import disclosure
from core.codes import LEVEL_LABELS
from present.tables import comparison_table
from reports.model import (
    NARRATIVE_MAX_CHARS,
    TITLE_MAX_CHARS,
    BoardPack,
    Figure,
    KeyMessage,
    LoadedData,
    PackRequest,
    PackTable,
    Section,
    SourceRow,
)
from reports.parts.checklist import checklist_sources, checklist_table
from reports.parts.comparison import compare_rows, comparison_figures, key_messages_for
from reports.parts.investment import investment_part
from reports.parts.local_need import local_need_part, local_need_table
from reports.parts.map import map_part
from reports.parts.neighbours import neighbours_part
from reports.parts.partners import partners_part
from reports.parts.profile import profile_part
from reports.sources import evidence_sources, tagged, unique

METHOD_NOTES = (
    "Prevalences are shown as published; nothing is re-based or estimated. \"Times as common\" is the cohort "
    "percentage divided by the general-population percentage, worked out only where the comparison is like for "
    "like (matched groups, a standardised ratio, or the same measure and age band); otherwise the "
    "general-population figure is context only and no ratio, difference or significance is given. Ratios "
    "published by a source are shown as the source states them. Each headline shows its data year and an "
    "evidence grade (A strong to D weak: read only second-hand); Sources and methods gives the rule.",
    "95% confidence intervals are as published; otherwise a Wilson score interval where the count and sample size "
    "were published; otherwise \"CI not published\".",
    "Local areas against England follow the Fingertips rule: better or worse (higher or lower) when the area's own "
    "95% or 99.8% interval excludes England's value, similar when it contains it; the level is in every label.",
)


def area_name_of(area_code: str, level: str, data: LoadedData) -> str:
    """The area's name as the Local need page lists it (Census file), else as the Map page does; "" for none."""
    if not area_code:
        return ""
    for frame, kind in ((data.population, "area_type"), (data.local.values if data.local else None, "level")):
        if frame is not None:
            match = frame[(frame[kind] == level) & (frame["area_code"] == area_code)]
            if len(match):
                return str(match["area_name"].iloc[0])
    return area_code


@dataclass
class _Contents:
    """What the parts add, in the order the pack lists them."""

    messages: list[KeyMessage] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    tables: list[PackTable] = field(default_factory=list)
    sources: list[SourceRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=lambda: list(METHOD_NOTES))
    left_out: list[str] = field(default_factory=list)
    cohort_notes: list[str] = field(default_factory=list)


def _add_comparison(out: _Contents, request: PackRequest, data: LoadedData, render: bool) -> None:
    """The Overview's headline tiles for each chosen cohort, then the Compare page's chart and table."""
    messages, headline_ids = key_messages_for(data.comparison, request.headline_cohorts, request.sex)
    out.messages += messages
    out.sources += tagged(evidence_sources(data.comparison[data.comparison["indicator_id"].isin(headline_ids)],
                                           data.sources), Section.KEY_MESSAGES)
    rows = compare_rows(data.comparison, request)
    if rows.empty:
        out.left_out.append("Comparison chart: no national figure matches the chosen cohorts, domains and needs.")
        return
    out.figures += comparison_figures(rows, render)
    out.tables.append(PackTable(Section.COMPARISON, "Comparison", "Cohorts and the general population",
                                comparison_table(rows), comparison_table(rows),
                                notes="The Compare page's table: every figure with its interval and full source."))
    out.sources += tagged(evidence_sources(rows, data.sources), Section.COMPARISON)
    ratio_only = rows[rows["unit"] == "ratio"]
    if not ratio_only.empty:
        out.left_out.append(f"Comparison chart: {len(ratio_only)} figure(s) published only as a ratio (no "
                            "percentages) are not drawn; they are in the workbook's Comparison sheet.")


def _add_area(out: _Contents, request: PackRequest, data: LoadedData, area_name: str, render: bool) -> None:
    """The map of the chosen area and its neighbours, then the local need estimate."""
    if not request.area_code:
        out.left_out.append("Map and local need: no area chosen, so neither is in the pack. Choose an area to add "
                            "them.")
    elif data.local is None or data.layer is None or not request.map_indicator:
        out.left_out.append("Map: the local indicators or the map layer are not loaded.")
    elif request.area_code not in data.layer.position:
        out.left_out.append(f"Map: {request.area_code} is not on the {LEVEL_LABELS[request.level].lower()} map.")
    else:
        figure, table, map_sources = map_part(request, data, area_name, render)
        out.figures.append(figure)
        out.tables.append(table)
        out.sources += tagged(map_sources, Section.MAP)
    profile = profile_part(request, data, area_name) if request.area_code and data.local is not None else None
    if profile is not None:
        out.tables.append(profile[0])
        out.sources += profile[1]
    if request.area_code and request.need_cohorts:
        part = local_need_part(request, data, area_name)
        out.messages += part.messages
        out.sources += tagged(part.sources, Section.LOCAL_NEED)
        out.left_out += part.left_out
        out.cohort_notes += part.size_notes
        if part.estimates:
            out.tables.append(local_need_table(part.estimates, part.notes))


def _add_neighbours(out: _Contents, request: PackRequest, data: LoadedData, area_name: str) -> None:
    """The chosen area's statistical neighbours and its indicators beside theirs (when the lists are loaded)."""
    if not request.area_code or data.local is None or data.neighbours is None:
        return
    part = neighbours_part(request, data, area_name)
    out.tables += part.tables
    out.sources += tagged(part.sources, Section.NEIGHBOURS)
    out.left_out += part.left_out


def _add_partners(out: _Contents, request: PackRequest, data: LoadedData) -> None:
    """Partners' figures from this session, suppressed as the Your data page suppresses them."""
    part = partners_part(data.uploads, request.threshold, request.area_code) if data.uploads else None
    if part is None:
        return
    table, any_suppressed, other_areas = part
    if other_areas:
        out.left_out.append(f"Partners' figures: rows for {', '.join(other_areas)} (this pack is for one area).")
    out.tables.append(table)
    partner_names = ", ".join(dict.fromkeys(table.frame["Partner (source)"].astype(str)))
    files = ", ".join(dict.fromkeys(table.frame["File"].astype(str)))
    out.sources.append(SourceRow("Partners' figures", f"Files uploaded in this session: {files}", partner_names,
                                 ", ".join(dict.fromkeys(table.frame["Period"].astype(str))), "",
                                 "Local data supplied by partners; not published. " + table.notes,
                                 "Partners' files (this session)", (Section.PARTNERS,)))
    if any_suppressed:
        out.notes.append(disclosure.footnote(request.threshold))


def assemble(request: PackRequest, data: LoadedData, *, render: bool = True) -> BoardPack:
    """Everything that goes into the deck and the workbook. ``render`` False skips the images (a quick preview,
    or the workbook, which has none)."""
    out = _Contents(left_out=[f"{part}: {reason}" for part, reason in data.unavailable.items()])
    _add_comparison(out, request, data, render)
    area_name = area_name_of(request.area_code, request.level, data)
    _add_area(out, request, data, area_name, render)
    _add_neighbours(out, request, data, area_name)
    _add_partners(out, request, data)
    if data.investment_inputs is not None:
        table, investment_sources = investment_part(request.investment, data.investment_inputs)
        out.tables.append(table)
        out.sources += investment_sources
    if data.checklist is not None and not data.checklist.empty:
        out.tables.append(checklist_table(data.checklist, data.checklist_summary))
        out.sources += tagged(checklist_sources(data.checklist, data.checklist_sources), Section.CHECKLIST)
    statement = disclosure.threshold_statement(request.threshold, request.threshold_set_by)
    out.notes.append("Disclosure control: " + statement[0].lower() + statement[1:] + " It applies to partners' "
                     "figures; the national evidence and local indicators are published figures.")
    out.notes.append(f"Made on {request.made_on:%-d %B %Y} with Justice Health Explorer"
                     + (f" (version {data.app_version})" if data.app_version else "") + ".")
    return BoardPack(
        title=request.title.strip()[:TITLE_MAX_CHARS] or "Health needs in the justice system",
        made_on=request.made_on, narrative=request.narrative.strip()[:NARRATIVE_MAX_CHARS], area_name=area_name,
        key_messages=tuple(out.messages), figures=tuple(out.figures), tables=tuple(out.tables),
        sources=unique(out.sources), notes=tuple(dict.fromkeys(out.notes)), left_out=tuple(out.left_out),
        threshold=request.threshold, cohort_notes=tuple(out.cohort_notes))
