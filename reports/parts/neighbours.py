"""The board pack's statistical neighbours: the chosen area's neighbours on ONS's chosen list, and each local
indicator beside the neighbours' range and average, as the Area profile shows them (present.neighbours)."""

from __future__ import annotations

from dataclasses import dataclass, field

from present import neighbours as view_model
from reports.model import LoadedData, PackRequest, PackTable, Section, SourceRow
from reports.views import views_of

NEIGHBOUR_SLIDE_COLUMNS = ("Neighbour", "Area", "ONS rank (UK list)")


@dataclass
class NeighboursPart:
    """The part's tables, sources and what was left out."""

    tables: list[PackTable] = field(default_factory=list)
    sources: list[SourceRow] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)


def neighbour_source(model: str) -> SourceRow:
    """ONS's lists as the Sources slide and sheet list them: the service, the repository and the method."""
    return SourceRow(
        f"Statistical neighbours ({view_model.model_label(model).lower()})",
        f"{view_model.SOURCE_TITLE}; {view_model.SOURCE_FILES}", view_model.SOURCE_PUBLISHER, view_model.SOURCE_YEAR,
        f"{view_model.SERVICE_URL} {view_model.REPOSITORY_URL} {view_model.METHOD_URL}",
        f"{view_model.METHOD_NOTE} {view_model.MODELS_DIFFER}", "ONS statistical nearest neighbours, 2026")


def neighbours_part(request: PackRequest, data: LoadedData, area_name: str) -> NeighboursPart:
    """The neighbours table and the indicators against the neighbours, for the request's area, level and list."""
    part = NeighboursPart()
    views, model = views_of(data), request.neighbour_model
    profile = views.profile_rows(request.area_code, request.level)
    shown = views.neighbour_view(request.area_code, request.level, model)
    if shown.status:
        part.left_out.append(f"Statistical neighbours: {shown.status}")
        return part
    label = view_model.model_label(model).lower()
    about = " ".join(text.replace("**", "") for text in (shown.words, shown.recoded, shown.agreement) if text)
    source = (f"Source: {view_model.SOURCE_TITLE}, {view_model.SOURCE_PUBLISHER} ({view_model.SERVICE_URL}); "
              f"{view_model.SOURCE_FILES}. {view_model.METHOD_NOTE}")
    part.tables.append(PackTable(
        Section.NEIGHBOURS, "Neighbours", f"{area_name}: statistical neighbours ({label})", shown.table,
        shown.table, NEIGHBOUR_SLIDE_COLUMNS, notes=f"{about} {view_model.MODELS_DIFFER} {source}"))
    if not shown.comparison.empty:
        frame = view_model.comparison_frame(shown.against, profile, area_name)
        slide_columns = ("Indicator", area_name, "Neighbours' average", "Neighbours' range", "Rank among neighbours")
        title = f"{area_name} against its statistical neighbours ({label})"
        notes = " ".join(text for text in (view_model.AVERAGE_NOTE, shown.missing, about, source) if text)
        part.tables.append(PackTable(Section.NEIGHBOURS, "Neighbour comparison", title, frame, shown.comparison,
                                     slide_columns, notes=notes))
    part.sources.append(neighbour_source(model))
    return part
