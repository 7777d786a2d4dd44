"""Charts as image files (PNG, SVG), rendered offline by vl-convert: Vega-Lite compiled in Rust, no browser.

Picked over Altair's own ``chart.save`` (which calls vl-convert too, through a file) and over a headless
browser: it needs no network, no browser and no temporary file. Text uses the machine's fonts. vl-convert is
imported when an image is made (about 8 MiB of server memory otherwise held from the first page).
"""

from __future__ import annotations

import html

import altair as alt

# A chart drawn "container" wide on screen has no width of its own: images get this one.
EXPORT_WIDTH_PX = 900
PNG_SCALE = 2.0  # twice the screen size: sharp on a projector and in a printed board paper


def _spec(chart: alt.TopLevelMixin, width_px: int) -> dict:
    spec = chart.to_dict()
    if spec.get("width") == "container" or ("width" not in spec and "facet" not in spec and "hconcat" not in spec
                                            and "concat" not in spec and "vconcat" not in spec):
        spec["width"] = width_px
    spec.setdefault("background", "white")
    return spec


def chart_png(chart: alt.TopLevelMixin, scale: float = PNG_SCALE, width_px: int = EXPORT_WIDTH_PX) -> bytes:
    """The chart as a PNG image."""
    import vl_convert

    return vl_convert.vegalite_to_png(_spec(chart, width_px), scale=scale)


def chart_svg(chart: alt.TopLevelMixin, width_px: int = EXPORT_WIDTH_PX) -> bytes:
    """The chart as an SVG image (UTF-8 bytes), its description (if any) as the image's <title>."""
    import vl_convert

    spec = _spec(chart, width_px)
    svg = vl_convert.vegalite_to_svg(spec)
    description = spec.get("description")
    if description:
        opening = svg.index(">", svg.index("<svg")) + 1
        svg = f"{svg[:opening]}<title>{html.escape(description)}</title>{svg[opening:]}"
    return svg.encode("utf-8")
