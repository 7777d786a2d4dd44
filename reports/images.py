"""Charts as slide images, rendered offline to PNG."""

from __future__ import annotations

import altair as alt

from charts.export import chart_png
from charts.static_map import IMAGE_FONT

SLIDE_WIDTH_PX = 1000  # a 16:9 slide's picture, drawn at 2x


def laid_out_png(chart: alt.TopLevelMixin) -> bytes:
    """A chart already laid out for a slide (its own text sizes and row heights) as a slide image: no title (the
    slide has it), the image font, SLIDE_WIDTH_PX wide."""
    spec = chart.to_dict()
    spec.pop("title", None)
    spec.setdefault("config", {})["font"] = IMAGE_FONT
    return chart_png(alt.LayerChart.from_dict(spec) if "layer" in spec else alt.Chart.from_dict(spec),
                     width_px=SLIDE_WIDTH_PX)
