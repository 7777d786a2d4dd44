"""What goes into a board pack, worked out from frames the app has already loaded (pure: no Streamlit, no files).

``assemble(choices, inputs)`` returns a ``BoardPack``: title, date and narrative; key messages (the Overview's
headline ratios and the Local need page's board sentences), each with its source; figures as PNG images with alt
text (rendered offline by vl-convert); tables (unrounded frames for the workbook, display text for the slides);
every source behind them; method and disclosure notes; and what was left out and why.

Every figure comes from the same functions, called the same way, as on the page that shows it: Overview
(``headline_rows``), Compare (``filter_comparison``, ``cohort_vs_population_chart``, ``comparison_table``), Map
(``charts.areas.select``/``view``/``area_table``), Local need (``analysis.local_need``) and Your data (uploads,
``analysis.your_data`` and ``analysis.disclosure.suppress``: partners' counts leave only in suppressed display form).
"""

from __future__ import annotations

import math
import re
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

import altair as alt
import pandas as pd

import settings
from analysis import disclosure, your_data
from analysis import local_need as need
from analysis.comparison import DOMAIN_ORDER, filter_comparison, headline_rows
from charts.compare import cohort_vs_population_chart, dumbbell_data
from charts.export import chart_png
from charts.local_need import need_tables
from charts.static_map import IMAGE_FONT, short_class, static_map
from charts.style import sex_suffix
from core import catalogue
from core.labels import COHORT_LABELS, COHORT_PEOPLE, EVIDENCE_LABELS
from core.vocabulary import JUSTICE_COHORTS
from core.web_layer import WebLayer
from intake import uploads
from loaders import checklist
from loaders.local import LEVEL_LABELS, LocalIndicators
from present import map_view as area_view
from present.tables import comparison_table, year_text

TITLE_MAX_CHARS = 120
NARRATIVE_MAX_CHARS = 700

COMPARISON = "comparison"
MAP = "map"
LOCAL_NEED = "local_need"
PARTNERS = "partners"
CHECKLIST = "checklist"

NEED_SLIDE_COLUMNS = ("Need", "Expected people", "Expected, lower 95%", "Expected, upper 95%",
                      "At the general rate", "Additional people")
NEED_ROUNDING_NOTE = ("Counts on the slides are rounded as on the Local need page (under 10 to the person, up to 999 "
                      "to 2 significant figures, then to the nearest 100 or 1,000); the workbook has them unrounded.")
# Your data: column -> heading, as pages/your_data.py shows it. The two comparisons are chosen on that page and
# are not kept in the session, so the pack leaves them out (and says so).
PARTNER_COLUMNS = {
    "partner": "Partner (source)", "area_name": "Area", "area_code": "Area code", "cohort_label": "Cohort",
    "indicator": "Need", "sex": "Sex", "period": "Period", "numerator": "Numerator", "denominator": "Denominator",
    "value": "Prevalence (%)", "ci_low": "Lower 95% limit (%)", "ci_high": "Upper 95% limit (%)",
    "file": "File", "row": "Row",
}
PARTNER_SLIDE_COLUMNS = ("Area", "Cohort", "Need", "Sex", "Period", "Numerator", "Denominator", "Prevalence (%)")
CHECKLIST_SLIDE_COLUMNS = ("Item", "Action", "Status", "Owner (partner)")
MAP_SLIDE_COLUMNS = ("Area", "Value", "95% CI", "Compared with England")

# Charts on slides: text 1.5 times the screen size (1.3 for text written on the plot), the image 1,000 px wide,
# long axis labels wrapped, four rows to a slide, so that a 16:9 slide shows labels at about 17 pt.
SLIDE_WIDTH_PX = 1000
AXIS_TEXT_SCALE = 1.5
MARK_TEXT_SCALE = 1.3
LABEL_WRAP_CHARS = 40
LABEL_LINE_PX = 24
CHART_ROWS_PER_SLIDE = 4
MAP_TEXT_SCALE = 1.6
MAP_SIZE_PX = 500

CATALOGUE_BY_KEY = {entry.key: entry for entry in catalogue.CATALOGUE}
METHOD_NOTES = (
    "Prevalences are shown as published; nothing is re-based or estimated. \"Times as common\" is the cohort "
    "percentage divided by the general-population percentage, worked out only where the two are comparable (high or "
    "moderate comparability); otherwise the general-population figure is context only and no ratio is given. "
    "Ratios published by a source are shown as the source states them.",
    "95% confidence intervals are as published; otherwise a Wilson score interval where the count and sample size "
    "were published; otherwise \"CI not published\".",
    "Local areas against England follow the Fingertips rule: better or worse (higher or lower) when the area's own "
    "95% or 99.8% interval excludes England's value, similar when it contains it; the level is in every label.",
)


# --- what the user chose, what the app has loaded -------------------------------------------------------------

@dataclass(frozen=True)
class Choices:
    """The view the pack is made from (the page's widgets, defaulting to the app's current view)."""

    title: str
    made_on: date
    narrative: str = ""
    headline_cohort: str = "prison"  # the Overview's cohort (sidebar)
    sex: str = "all"
    cohorts: tuple[str, ...] = tuple(JUSTICE_COHORTS)  # Compare's cohorts
    domains: tuple[str, ...] = DOMAIN_ORDER
    needs: tuple[str, ...] = ()  # Compare's needs; empty: every need in the domains
    area_code: str = ""
    level: str = "utla"
    need_cohorts: tuple[str, ...] = ("probation",)  # Local need's cohorts
    typed_sizes: Mapping[str, int | None] = field(default_factory=dict)  # Local need: the DPH's own figures
    adjust: bool = False
    map_indicator: str = ""
    map_period: str = ""
    colour_by: str = area_view.COLOUR_BY_COMPARISON


@dataclass(frozen=True)
class Inputs:
    """Frames already loaded by the app (cached), and why any part could not be loaded."""

    comparison: pd.DataFrame
    sources: pd.DataFrame  # data/sources.csv
    cohort_sizes: pd.DataFrame | None = None
    cohort_facts: pd.DataFrame | None = None
    population: pd.DataFrame | None = None
    local: LocalIndicators | None = None
    layer: WebLayer | None = None
    checklist: pd.DataFrame | None = None  # loaders.checklist.progress_table
    checklist_summary: str = ""  # loaders.checklist.summary_text
    checklist_sources: pd.DataFrame | None = None  # data/checklist_sources.csv
    uploads: tuple[uploads.UploadResult, ...] = ()  # partners' files, from this session only
    unavailable: Mapping[str, str] = field(default_factory=dict)  # part -> why it is not there
    app_version: str = ""


# --- what the pack holds -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SourceRow:
    figure: str  # what it supports
    source: str  # in full (citation or dataset)
    publisher: str
    year: str
    link: str
    caveat: str
    label: str = ""  # short name for a slide ("" = source)


@dataclass(frozen=True)
class KeyMessage:
    heading: str  # the need (workbook)
    text: str  # in full, as on the app's page (workbook, slide notes)
    source: str
    slide_heading: str = ""  # shorter, for a slide read from across a room ("" = heading)
    slide_text: str = ""  # ("" = text)


@dataclass(frozen=True)
class Figure:
    section: str
    title: str
    png: bytes | None  # None when not rendered (slide list preview, workbook)
    alt_text: str
    source: str  # one line under the picture
    notes: str  # the slide's notes: sources in full


@dataclass(frozen=True)
class PackTable:
    section: str
    name: str  # the workbook sheet
    title: str
    frame: pd.DataFrame  # workbook: unrounded numbers; suppressed cells as the text the app shows
    display: pd.DataFrame  # slides: the same rows as the app shows them
    slide_columns: tuple[str, ...] = ()  # () = workbook only
    slide_group: str | None = None  # one run of slides per value of this column (never added together)
    notes: str = ""
    count_columns: tuple[str, ...] = ()  # counts of people: checked against the disclosure rule before writing
    empty_text: str = ""  # on a slide when no row is for the slides


@dataclass(frozen=True)
class BoardPack:
    title: str
    made_on: date
    narrative: str
    area_name: str
    key_messages: tuple[KeyMessage, ...]
    figures: tuple[Figure, ...]
    tables: tuple[PackTable, ...]
    sources: tuple[SourceRow, ...]
    notes: tuple[str, ...]
    left_out: tuple[str, ...]
    threshold: int

    @property
    def subtitle(self) -> str:
        return " · ".join(part for part in (self.area_name, f"{self.made_on:%-d %B %Y}") if part)

    def figures_in(self, section: str) -> list[Figure]:
        return [figure for figure in self.figures if figure.section == section]

    def tables_in(self, section: str) -> list[PackTable]:
        return [table for table in self.tables if table.section == section]


# --- charts as slide images ------------------------------------------------------------------------------------

_WRAPPED_LABEL = f"split(trim(replace(datum.label, regexp('(.{{1,{LABEL_WRAP_CHARS}}})( |$)', 'g'), '$1\\n')), '\\n')"
_CENTRE_LINES = f"-(length({_WRAPPED_LABEL}) - 1) * {LABEL_LINE_PX / 2:g}"


def _enlarged(node: object) -> object:
    """The spec with axis, legend and title text AXIS_TEXT_SCALE larger, text on the plot MARK_TEXT_SCALE larger
    (broken at " · "), and long category labels on the y axis wrapped over lines, centred on their row."""
    if isinstance(node, list):
        return [_enlarged(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key in ("labelFontSize", "titleFontSize", "subtitleFontSize") and isinstance(value, int | float):
            out[key] = value * AXIS_TEXT_SCALE
        elif key == "fontSize" and isinstance(value, int | float):
            out[key] = value * MARK_TEXT_SCALE
        else:
            out[key] = _enlarged(value)
    if out.get("type") == "text" and "fontSize" in out:
        out["lineBreak"] = " · "
    y = out.get("encoding", {}).get("y") if isinstance(out.get("encoding"), dict) else None
    if isinstance(y, dict) and y.get("type") == "nominal" and y.get("axis", {}) is not None:
        y["axis"] = {**(y.get("axis") or {}), "labelExpr": _WRAPPED_LABEL, "labelLimit": 0,
                     "labelOffset": {"expr": _CENTRE_LINES}}
    return out


def slide_png(chart: alt.TopLevelMixin, row_labels: Sequence[str]) -> bytes:
    """A chart as a slide image: larger text, wrapped labels, no title (the slide has it), each row tall enough
    for its wrapped label."""
    spec = _enlarged(chart.to_dict())
    spec.pop("title", None)
    spec.setdefault("config", {})["font"] = IMAGE_FONT
    lines = max((len(textwrap.wrap(label, LABEL_WRAP_CHARS)) for label in row_labels), default=1)
    spec["height"] = len(row_labels) * (lines * LABEL_LINE_PX + 14)
    return chart_png(alt.Chart.from_dict(spec), width_px=SLIDE_WIDTH_PX)


# --- key messages ------------------------------------------------------------------------------------------------

def evidence_source(row: pd.Series) -> str:
    """'Brugha et al. 2005 · data 1997 · National probability survey', as under the Overview's tiles."""
    return f"{row['cohort_source']} · data {int(row['data_year'])} · {EVIDENCE_LABELS[row['evidence_quality']]}"


def headline_message(need_label: str, row: pd.Series, cohort: str) -> KeyMessage:
    """One Overview tile as a sentence, with the same figures and words (ui.headline_tile), and a shorter form
    for the slide."""
    people = COHORT_PEOPLE[cohort]
    measure = f"{row['indicator']}{sex_suffix(row['sex'])}"
    basis = row["ratio_basis"]
    if basis == "computed":
        text = (f"{row['ratio_text']}. {measure}: about {row['ratio']:.1f} times as common among {people} as in the "
                f"general population: {row['cohort_value']:g}% vs {row['comparator_value']:g}% "
                f"({row['comparator']}).")
        slide = (f"{need_label}: {row['ratio_text']} as common",
                 f"{measure}: {row['cohort_value']:g}% of {people}, {row['comparator_value']:g}% of the general "
                 "population.")
    elif basis == "published":
        text = (f"{row['ratio_text']}. {measure}: the source puts the risk for {people} at “{row['ratio_wording']}” "
                f"that of the general population ({row['ratio_type']}).")
        slide = (f"{need_label}: {row['ratio_text']}",
                 f"{measure}: the source puts the risk at “{row['ratio_wording']}” that of the general "
                 "population.")
    elif basis in ("context_only", "no_comparator"):
        reason = ("the general-population figure measures something different, so it is context only"
                  if basis == "context_only" else "no general-population figure was published")
        context = (f" General population: {row['comparator_value']:g}% ({row['comparator']})."
                   if basis == "context_only" else "")
        text = f"{row['cohort_value']:g}%. {measure}. No like-for-like comparison: {reason}.{context}"
        slide = (f"{need_label}: {row['cohort_value']:g}% of {people}", f"{measure}. No like-for-like "
                 f"comparison: {reason}.")
    else:
        text = (f"“{row['ratio_wording']}”. {measure}. Quoted statement: basis not stated and primary source not "
                "traced, so it is not plotted.")
        slide = (f"{need_label}: “{row['ratio_wording']}”", f"{measure}. A quoted statement, not plotted: its "
                 "basis is not stated.")
    return KeyMessage(need_label, text, evidence_source(row), *slide)


def need_source(row: pd.Series) -> str:
    """The source line under a Local need board sentence, as the page writes it."""
    return (f"Source: {row['cohort_source']}, data {year_text(row['data_year'])}"
            + (" (a secondary compilation: primary source not traced)"
               if row["evidence_quality"] == "secondary_compilation" else "") + ".")


# --- sources -----------------------------------------------------------------------------------------------------

def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)


def _year_in(*texts: str) -> str:
    years = re.findall(r"\b(?:19|20)\d\d\b", " ".join(texts))
    return years[-1] if years else ""


def evidence_sources(rows: pd.DataFrame, sources: pd.DataFrame) -> list[SourceRow]:
    """The cohort and general-population sources behind comparison (or local need) rows."""
    by_id = sources.set_index("source_id")
    out = []
    for _, row in rows.iterrows():
        figure = f"{row['indicator']}{sex_suffix(row.get('sex', 'persons'))} ({COHORT_LABELS.get(row['cohort'], '')})"
        pairs = [(row.get("cohort_source_id"), row["cohort_citation"], row["source_url"])]
        if _text(row.get("comparator_citation")) and row["comparator_citation"] != row["cohort_citation"]:
            pairs.append((row.get("comparator_source_id"), row["comparator_citation"], row.get("comparator_url")))
        for source_id, citation, url in pairs:
            meta = by_id.loc[source_id] if source_id in by_id.index else None
            year = year_text(meta["year_published"]) if meta is not None else ""
            out.append(SourceRow(
                figure=figure, source=_text(citation), publisher=_text(meta["publisher"]) if meta is not None else "",
                year=year or f"not stated (data {int(row['data_year'])})", link=_text(url),
                caveat=_text(row["caveat"]), label=_text(meta["short_label"]) if meta is not None else ""))
    return out


def unique(rows: Sequence[SourceRow]) -> tuple[SourceRow, ...]:
    return tuple(dict.fromkeys(rows))


# --- the parts ---------------------------------------------------------------------------------------------------

def compare_rows(comparison: pd.DataFrame, choices: Choices) -> pd.DataFrame:
    """The Compare page's rows for these cohorts, sex, domains and needs."""
    rows = filter_comparison(comparison, list(choices.cohorts), choices.sex, list(choices.domains))
    return rows[rows["indicator"].isin(choices.needs)] if choices.needs else rows


def comparison_figures(rows: pd.DataFrame, render: bool) -> list[Figure]:
    """The Compare page's chart, CHART_ROWS_PER_SLIDE rows to a slide."""
    percentages = rows[rows["unit"] == "%"]
    chunks = [percentages.iloc[start:start + CHART_ROWS_PER_SLIDE]
              for start in range(0, len(percentages), CHART_ROWS_PER_SLIDE)]
    figures = []
    for number, chunk in enumerate(chunks, start=1):
        part = f" ({number} of {len(chunks)})" if len(chunks) > 1 else ""
        points = dumbbell_data(chunk)
        labels = list(dict.fromkeys(points["row_label"]))
        described = "; ".join(
            f"{label}: {row.cohort_value:g}%" + (f" vs {row.comparator_value:g}% in the general population"
                                                  + (" (context only)" if row.ratio_basis == "context_only" else "")
                                                  if pd.notna(row.comparator_value) else "")
            for label, row in zip(labels, chunk.itertuples(), strict=True))
        notes = "Sources: " + " | ".join(dict.fromkeys(
            f"{row.cohort_citation} ({row.source_url})" for row in chunk.itertuples()))
        chart = cohort_vs_population_chart(chunk, "Prevalence: cohort and general population")
        figures.append(Figure(
            COMPARISON, f"Cohorts and the general population{part}",
            slide_png(chart, labels) if render else None,
            f"Dot chart of {len(chunk)} prevalences, each cohort beside the general population, with 95% "
            f"confidence intervals where published: {described}.",
            "Source and data year of each cohort figure at the right; full citations on the Sources slide.",
            notes))
    return figures


def headline_key_messages(comparison: pd.DataFrame, cohort: str, sex: str) -> tuple[list[KeyMessage], list[str]]:
    """The Overview's six tiles for a cohort (needs without a national figure in one message), and the evidence
    rows behind them."""
    tiles = headline_rows(comparison, cohort, sex)
    messages = [headline_message(label, row, cohort) for label, row in tiles if row is not None]
    gaps = [label.lower() for label, row in tiles if row is None]
    if gaps:
        messages.append(KeyMessage("Gaps in the evidence", f"No national figure for {COHORT_PEOPLE[cohort]} was "
                                   f"found for: {'; '.join(gaps)}.", ""))
    return messages, [row["indicator_id"] for _, row in tiles if row is not None]


@dataclass
class _LocalNeed:
    estimates: list[pd.DataFrame] = field(default_factory=list)
    messages: list[KeyMessage] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sources: list[SourceRow] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)


def local_need_part(choices: Choices, inputs: Inputs, area_name: str) -> _LocalNeed:
    """The Local need page's estimates for the chosen cohorts, in its order, with its board sentences for the
    needs the Overview leads with (or the chosen needs)."""
    part = _LocalNeed()
    facts_missing = inputs.cohort_sizes is None or inputs.cohort_facts is None or inputs.population is None
    for cohort in choices.need_cohorts:
        spec = need.ESTIMATOR_COHORTS[cohort]
        typed = choices.typed_sizes.get(cohort)
        default = None if facts_missing else need.default_cohort_size(
            cohort, choices.area_code, choices.level, cohort_sizes=inputs.cohort_sizes,
            cohort_facts=inputs.cohort_facts, population=inputs.population)
        if typed is not None:
            size, size_is_estimate = float(typed), False
            part.notes.append(f"{spec.label} in {area_name}: {int(typed):,}, the figure typed in the app.")
        elif default is not None and default.available:
            size, size_is_estimate = default.value, True
            part.notes.append(f"{spec.label} in {area_name}: {default.label.lower()}, about "
                              f"{need.format_count(default.value)} ({spec.size_label}). {default.assumption} "
                              f"{default.conversion}".strip())
            part.sources += [SourceRow(f"{spec.label}: {figure.label}", figure.source, figure.source,
                                       _year_in(figure.source, figure.label), figure.url or "", figure.note,
                                       figure.source)
                             for figure in default.inputs if figure.source not in ("computed", need.POPULATION_SOURCE)]
            census = CATALOGUE_BY_KEY["population"]
            part.sources.append(SourceRow(f"{spec.label}: {need.ADULTS_LABEL} (population share)", census.title,
                                          census.publisher, census.vintage, census.source_page, need.ADULTS_NOTE,
                                          census.title))
        else:
            reason = ("the Census population file is not loaded, so there is no population-share estimate: type "
                      "your local figure" if facts_missing else (default.reason or spec.size_reason))
            part.left_out.append(f"Local need, {spec.label.lower()}: no cohort size. {reason}.".replace("..", "."))
            continue
        split = None if facts_missing else need.published_sex_split(cohort, cohort_sizes=inputs.cohort_sizes,
                                                                    cohort_facts=inputs.cohort_facts)
        adjustments = None
        if choices.adjust and inputs.local is not None:
            adjustments = need.local_adjustments_from_values(inputs.local.values, choices.area_code, choices.level,
                                                             area_name=area_name)
        estimate = need.estimate_need(need.evidence_rows(inputs.comparison, cohort), size, cohort=cohort,
                                      sex_split=split, adjustments=adjustments)
        if estimate.empty:
            part.left_out.append(f"Local need, {spec.label.lower()}: no national prevalence figure was found.")
            continue
        part.estimates.append(estimate)
        if spec.evidence_note:
            part.notes.append(spec.evidence_note)
        # The sentences for the chosen needs; without any for this cohort, for the needs the Overview leads with.
        key_ids = set(headline_key_messages(inputs.comparison, spec.evidence_cohort, choices.sex)[1])
        wanted = estimate[estimate["indicator"].isin(choices.needs)]
        if wanted.empty:
            wanted = estimate[[bool(key_ids & set(str(ids).split("+"))) for ids in estimate["indicator_ids"]]]
        part.messages += [KeyMessage(f"{spec.label}: {row['indicator']}",
                                     need.board_sentence(row, area_name, size_is_estimate=size_is_estimate,
                                                         include_adjusted=choices.adjust), need_source(row))
                          for _, row in wanted.iterrows()]
        used = {i for ids in estimate["indicator_ids"].astype(str) for i in ids.split("+")}
        part.sources += evidence_sources(inputs.comparison[inputs.comparison["indicator_id"].isin(used)],
                                         inputs.sources)
    if choices.adjust and inputs.local is None:
        part.left_out.append("Local need: the local adjustment needs the local indicators, which are not loaded.")
    elif choices.adjust:
        part.notes.append(need.ADJUSTMENT_ASSUMPTION)
    if len(part.estimates) > 1:
        part.notes.append(need.SIDE_BY_SIDE_NOTE)
    return part


def local_need_table(estimates: list[pd.DataFrame], notes: Sequence[str]) -> PackTable:
    """The Local need page's table: unrounded for the workbook (as its CSV), rounded counts for the slides."""
    table, display = need_tables(need.side_by_side(estimates))
    # A blank cell on a slide reads as missing data: say why there is no number (the workbook has the full notes).
    for heading in ("Expected, lower 95%", "Expected, upper 95%"):
        display.loc[display[heading] == "", heading] = "CI not published"
    display.loc[display["At the general rate"] == "", "At the general rate"] = "no figure published"
    about = table["About the difference"].fillna("").str.lower()
    no_difference = display["Additional people"] == ""
    display.loc[no_difference & about.str.contains("not like for like"), "Additional people"] = "not like for like"
    display.loc[no_difference & about.str.contains("no general-population figure"), "Additional people"] = (
        "no figure published")
    return PackTable(LOCAL_NEED, "Local need", "Local need", table, display, NEED_SLIDE_COLUMNS, "Cohort",
                     " ".join([*notes, NEED_ROUNDING_NOTE]))


def area_name_of(area_code: str, level: str, inputs: Inputs) -> str:
    """The area's name as the Local need page lists it (Census file), else as the Map page does; "" for none."""
    if not area_code:
        return ""
    for frame, kind in ((inputs.population, "area_type"), (inputs.local.values if inputs.local else None, "level")):
        if frame is not None:
            match = frame[(frame[kind] == level) & (frame["area_code"] == area_code)]
            if len(match):
                return str(match["area_name"].iloc[0])
    return area_code


def map_part(choices: Choices, inputs: Inputs, area_name: str,
             render: bool) -> tuple[Figure, PackTable, list[SourceRow]]:
    """The Map page's classes for one indicator, level and period, drawn for the area and its neighbours."""
    data, layer = inputs.local, inputs.layer
    register = data.register.set_index("indicator_id")
    meta = register.loc[choices.map_indicator]
    rows = area_view.select(data.values, choices.map_indicator, choices.level, choices.map_period)
    colour_by = choices.colour_by
    if colour_by == area_view.COLOUR_BY_COMPARISON and not area_view.comparison_available(rows):
        colour_by = area_view.COLOUR_BY_VALUE
    shown, _ = area_view.view(rows, colour_by)
    unit_text = "%" if meta["unit"] == "%" else meta["unit"]
    title = f"{meta['short_name']} ({unit_text}), {choices.map_period}"
    subtitle = ("Compared with England: each area's confidence interval tested against England's value."
                if colour_by == area_view.COLOUR_BY_COMPARISON else
                "Value (fifths of areas): each class holds about a fifth of the areas with a value.")
    codes = [choices.area_code, *layer.neighbours.get(choices.area_code, ())]
    drawn = shown[shown["area_code"].isin(codes)]
    drawn = drawn.assign(_chosen=drawn["area_code"] != choices.area_code).sort_values(
        ["_chosen", "area_name"]).drop(columns="_chosen")
    png = None
    if render:
        png = chart_png(static_map(layer, shown, choices.area_code, title, subtitle, neighbours_only=True,
                                   text_scale=MAP_TEXT_SCALE, map_size_px=MAP_SIZE_PX))
    source = f"{meta['publisher']}. {meta['source_url']}. {meta['licence']}."
    attribution = catalogue.ONS_ATTRIBUTION.format(year=layer.vintage or "2023 and 2024")
    figure = Figure(
        MAP, f"{area_name} and its neighbours: {meta['short_name']}, {choices.map_period}", png,
        f"Map of {area_name} and the {len(codes) - 1} areas bordering it, {title}, coloured by "
        + ("the comparison with England" if colour_by == area_view.COLOUR_BY_COMPARISON else "fifths of the values")
        + ": " + "; ".join(f"{row.area_name} {row.value_text} ({row.class_label})" for row in drawn.itertuples())
        + ".",
        f"Source: {meta['publisher'].split(' (')[0]}, {meta['licence']}. Boundaries: ONS (OGL v3.0), contains OS "
        "data © Crown copyright.",
        f"{title}. {subtitle} Source: {source} Caveat: {meta['caveat']} Boundaries: {attribution}")
    value_heading = f"Value ({unit_text})"
    frame = area_view.area_table(drawn, value_heading)
    classes = [short_class(row) for _, row in drawn.assign(class_label=drawn["comparison_label"]).iterrows()]
    bases = {basis for _, basis in classes if basis}
    shared = bases.pop() if len(bases) == 1 else None
    display = pd.DataFrame({"Area": drawn["area_name"], "Value": drawn["value_text"], "95% CI": drawn["ci_text"],
                            "Compared with England": [short if shared and basis == shared else label for (
                                short, basis), label in zip(classes, drawn["comparison_label"], strict=True)]})
    basis_note = f" Comparisons with England {shared}." if shared else ""
    table = PackTable(MAP, "Map areas", f"{meta['short_name']}, {choices.map_period}: {area_name} and neighbours",
                      frame.reset_index(drop=True), display.reset_index(drop=True), MAP_SLIDE_COLUMNS,
                      notes=f"{title}. {LEVEL_LABELS[choices.level]}.{basis_note} Source: {source}")
    boundary = CATALOGUE_BY_KEY[f"{choices.level}_boundaries"]
    files = ", ".join(dict.fromkeys(drawn["source_file"].dropna().astype(str)))
    sources = [SourceRow(title, f"{meta['indicator']} (file {files})" if files else str(meta["indicator"]),
                         meta["publisher"], choices.map_period, meta["source_url"], meta["caveat"],
                         f"{meta['short_name']}, {choices.map_period}"),
               SourceRow("Map boundaries", boundary.title, boundary.publisher, boundary.vintage,
                         boundary.source_page, f"{boundary.attribution} Simplified for display (about 1 km).",
                         boundary.title)]
    return figure, table, sources


def partner_table(results: Sequence[uploads.UploadResult], threshold: int | None = None) -> PackTable | None:
    """Partners' figures as the Your data page shows them: every count from 1 to threshold - 1, and every figure
    worked out from one, suppressed (with secondary suppression across sexes), then written as display text. The
    app's final check (``SuppressedFrame.csv_bytes``) runs on the same cells: a leaked small count raises
    DisclosureError here, before any file is made."""
    combined = uploads.combine(results)
    if combined.rows.empty:
        return None
    rows = your_data.with_prevalence(combined.rows)
    compared = your_data.compare(rows, {}, {})
    compared["cohort_label"] = compared["cohort"].map(COHORT_LABELS)
    has_sexes = compared.groupby(["partner", "area_code", "cohort", "indicator", "period"])["sex"].transform(
        lambda sexes: {"male", "female", "persons"} <= set(sexes))
    totals = [disclosure.TotalRule("sex", "persons", by=("partner", "area_code", "cohort", "indicator", "period"))] \
        if has_sexes.any() else []
    table_columns = [*PARTNER_COLUMNS, "national_comparison", "general_comparison"]  # as the page suppresses
    protected = disclosure.suppress(
        compared[list(dict.fromkeys([*table_columns, "cohort", "area_type", "national_value", "general_value",
                                     "input_rows"]))],
        count_columns=("numerator",), denominator_column="denominator",
        derived_columns=["value", "ci_low", "ci_high", "national_comparison", "general_comparison"],
        kept_columns=["row", "national_value", "general_value", "input_rows"], totals=totals, threshold=threshold)
    protected.csv_bytes(list(PARTNER_COLUMNS))  # the app's last guard on exactly these cells
    frame = protected.display(list(PARTNER_COLUMNS)).rename(columns=PARTNER_COLUMNS)
    display = frame.copy()
    for heading in ("Prevalence (%)", "Lower 95% limit (%)", "Upper 95% limit (%)"):  # one place, as on screen
        display[heading] = display[heading].map(lambda cell: f"{cell:.1f}" if isinstance(cell, float) else cell)
    notes = (protected.footnote() + " " if protected.any_suppressed else "") + (
        "Prevalence = numerator ÷ denominator, with a Wilson score 95% interval. The comparisons chosen on the Your "
        "data page are not carried into the pack.")
    return PackTable(PARTNERS, "Partners' figures", "Partners' figures", frame.astype(object),
                     display.astype(object), PARTNER_SLIDE_COLUMNS, "Partner (source)", notes,
                     ("Numerator", "Denominator"))


def checklist_table(progress: pd.DataFrame, summary: str) -> PackTable:
    """The checklist: every item in the workbook; on the slides, the items with progress recorded this session."""
    recorded = progress[(progress["Status"] != checklist.NOT_STARTED) | (progress["Owner (partner)"]
                        != checklist.NOT_ASSIGNED) | (progress["Note"].fillna("") != "")]
    return PackTable(CHECKLIST, "Action checklist", "Action checklist", progress.reset_index(drop=True),
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
    return [SourceRow("Action checklist", _text(row["citation"]), _text(row["publisher"]), _text(row["date"]),
                      _text(row["url"]), _text(row["url_note"]), _text(row["short_label"]))
            for i in cited if i in by_id.index for row in [by_id.loc[i]]]


# --- the pack ----------------------------------------------------------------------------------------------------

def check_disclosure(pack: BoardPack) -> None:
    """The last guard before a file is made: no table may show a count of people from 1 to threshold - 1
    (raises analysis.disclosure.DisclosureError)."""
    for table in pack.tables:
        if table.count_columns:
            for frame in (table.frame, table.display):
                disclosure.check_no_disclosure(frame, table.count_columns, pack.threshold)


def assemble(choices: Choices, inputs: Inputs, *, render: bool = True) -> BoardPack:
    """Everything that goes into the deck and the workbook. ``render`` False skips the images (a quick preview,
    or the workbook, which has none)."""
    threshold = settings.DISCLOSURE_THRESHOLD
    left_out: list[str] = [f"{part}: {reason}" for part, reason in inputs.unavailable.items()]
    notes: list[str] = list(METHOD_NOTES)
    sources: list[SourceRow] = []
    figures: list[Figure] = []
    tables: list[PackTable] = []

    messages, headline_ids = headline_key_messages(inputs.comparison, choices.headline_cohort, choices.sex)
    headline = inputs.comparison[inputs.comparison["indicator_id"].isin(headline_ids)]
    sources += evidence_sources(headline, inputs.sources)

    rows = compare_rows(inputs.comparison, choices)
    if rows.empty:
        left_out.append("Comparison chart: no national figure matches the chosen cohorts, domains and needs.")
    else:
        figures += comparison_figures(rows, render)
        tables.append(PackTable(COMPARISON, "Comparison", "Cohorts and the general population",
                                comparison_table(rows), comparison_table(rows),
                                notes="The Compare page's table: every figure with its interval and full source."))
        sources += evidence_sources(rows, inputs.sources)
        ratio_only = rows[rows["unit"] == "ratio"]
        if not ratio_only.empty:
            left_out.append(f"Comparison chart: {len(ratio_only)} figure(s) published only as a ratio (no "
                            "percentages) are not drawn; they are in the workbook's Comparison sheet.")

    area_name = area_name_of(choices.area_code, choices.level, inputs)
    if not choices.area_code:
        left_out.append("Map and local need: no area chosen, so neither is in the pack. Choose an area to add "
                        "them.")
    elif inputs.local is None or inputs.layer is None or not choices.map_indicator:
        left_out.append("Map: the local indicators or the map layer are not loaded.")
    elif choices.area_code not in inputs.layer.position:
        left_out.append(f"Map: {choices.area_code} is not on the {LEVEL_LABELS[choices.level].lower()} map.")
    else:
        figure, table, map_sources = map_part(choices, inputs, area_name, render)
        figures.append(figure)
        tables.append(table)
        sources += map_sources

    if choices.area_code and choices.need_cohorts:
        part = local_need_part(choices, inputs, area_name)
        messages += part.messages
        sources += part.sources
        left_out += part.left_out
        if part.estimates:
            tables.append(local_need_table(part.estimates, part.notes))

    partners = partner_table(inputs.uploads, threshold) if inputs.uploads else None
    if partners is not None:
        tables.append(partners)
        partner_names = ", ".join(dict.fromkeys(partners.frame["Partner (source)"].astype(str)))
        files = ", ".join(dict.fromkeys(partners.frame["File"].astype(str)))
        sources.append(SourceRow("Partners' figures", f"Files uploaded in this session: {files}", partner_names,
                                 ", ".join(dict.fromkeys(partners.frame["Period"].astype(str))), "",
                                 "Local data supplied by partners; not published. " + partners.notes,
                                 "Partners' files (this session)"))
        if partners.notes.startswith(settings.suppressed_text(threshold)):
            notes.append(settings.footnote(threshold))

    if inputs.checklist is not None and not inputs.checklist.empty:
        tables.append(checklist_table(inputs.checklist, inputs.checklist_summary))
        sources += checklist_sources(inputs.checklist, inputs.checklist_sources)

    notes.append("Disclosure control: " + settings.threshold_statement(threshold)[0].lower()
                 + settings.threshold_statement(threshold)[1:] + " It applies to partners' figures; the national "
                 "evidence and local indicators are published figures.")
    notes.append(f"Made on {choices.made_on:%-d %B %Y} with Justice Health Explorer"
                 + (f" (version {inputs.app_version})" if inputs.app_version else "") + ".")
    return BoardPack(
        title=choices.title.strip()[:TITLE_MAX_CHARS] or "Health needs in the justice system",
        made_on=choices.made_on, narrative=choices.narrative.strip()[:NARRATIVE_MAX_CHARS], area_name=area_name,
        key_messages=tuple(messages), figures=tuple(figures), tables=tuple(tables), sources=unique(sources),
        notes=tuple(dict.fromkeys(notes)), left_out=tuple(left_out), threshold=threshold)
