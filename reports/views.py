"""The pack's view-models of the local data, worked out from it when the app did not pass its cached copies."""

from __future__ import annotations

from functools import partial

from present import map_view as area_view
from present import neighbours as neighbour_view_model
from present.profile_rows import profile_with_trends
from reports.model import LoadedData, PackViews


def views_of(data: LoadedData) -> PackViews:
    """``data.views``, else the same view-models worked out from ``data.local`` and ``data.neighbours``."""
    if data.views is not None:
        return data.views
    local = data.local

    def neighbour_view(area: str, level: str, model: str) -> neighbour_view_model.NeighbourView:
        return neighbour_view_model.neighbour_view(data.neighbours, local.values,
                                                   profile_with_trends(local, area, level), area, level, model,
                                                   neighbour_view_model.area_names(local.values))

    return PackViews(partial(profile_with_trends, local), partial(area_view.map_view, local.values), neighbour_view)
