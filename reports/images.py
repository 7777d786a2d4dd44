"""Charts as slide images: larger text, wrapped axis labels, rendered offline to PNG."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import altair as alt

from charts.export import chart_png
from charts.static_map import IMAGE_FONT

# Charts on slides: text 1.5 times the screen size (1.3 for text written on the plot), the image 1,000 px wide,
# long axis labels wrapped, four rows to a slide, so that a 16:9 slide shows labels at about 17 pt.
SLIDE_WIDTH_PX = 1000
AXIS_TEXT_SCALE = 1.5
MARK_TEXT_SCALE = 1.3
LABEL_WRAP_CHARS = 40
LABEL_LINE_PX = 24

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
