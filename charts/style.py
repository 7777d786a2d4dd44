"""One palette and one typography for every chart (the words on screen are in core/labels.py).

Colours meet WCAG 2.2 non-text contrast (>= 3:1 on white) and are told apart by shape and text
labels too, never by colour alone.
"""

from __future__ import annotations

from core.comparison_codes import RatioBasis

FONT = "Arial, Liberation Sans, sans-serif"  # vl-convert (images) draws text only with a font it finds
TEXT_COLOUR = "#212B32"  # NHS black: 14.7:1 on white
MUTED_TEXT = "#4C6272"  # NHS dark grey: 6.5:1 on white

# Contrast on white: blue 6.0, plum 6.4, dark orange 4.6, green 5.4, purple 13.6, grey 6.5.
COHORT_COLOURS = {
    "prison": "#005EB8",
    "probation": "#AE2573",
    "police_custody": "#A85A00",
    "liaison_diversion": "#007F3B",
    "prison_release": "#330072",
    "general_population": "#4C6272",
}
RATIO_SHAPES = {RatioBasis.COMPUTED: "circle", RatioBasis.PUBLISHED: "diamond"}


def axis_config() -> dict:
    """Altair config shared by every chart (apply with ``chart.configure(**axis_config())``)."""
    return {
        "font": FONT,
        "axis": {"labelFontSize": 13, "titleFontSize": 14, "labelColor": TEXT_COLOUR,
                 "titleColor": TEXT_COLOUR, "gridColor": "#D8DDE0", "labelLimit": 420},
        "legend": {"labelFontSize": 13, "titleFontSize": 13, "labelColor": TEXT_COLOUR,
                   "titleColor": TEXT_COLOUR, "orient": "bottom", "direction": "vertical", "labelLimit": 400},
        "title": {"fontSize": 17, "color": TEXT_COLOUR, "subtitleFontSize": 13,
                  "subtitleColor": MUTED_TEXT, "anchor": "start"},
        "view": {"stroke": None},
        # Lines (intervals, links, reference lines) repeat what the points' labels and the table say; an empty
        # line layer would otherwise be an unlabelled image to a screen reader (axe: svg-img-alt).
        "rule": {"aria": False},
    }


PRESENTATION_SCALE = 1.5
_SCALED_KEYS = ("fontSize", "labelFontSize", "titleFontSize", "subtitleFontSize", "labelLimit")


def _scaled(config: dict, factor: float) -> dict:
    return {key: _scaled(value, factor) if isinstance(value, dict)
            else round(value * factor) if key in _SCALED_KEYS else value
            for key, value in config.items()}


def scaled_config(factor: float) -> dict:
    """``axis_config()`` with every text size (and label width) ``factor`` times larger."""
    return _scaled(axis_config(), factor)


def presentation_config() -> dict:
    """``axis_config()`` with every text size (and label width) 1.5 times larger, for a projector."""
    return _scaled({**axis_config(), "text": {"fontSize": 12}}, PRESENTATION_SCALE)


def sex_suffix(sex: str) -> str:
    """' (men)' / ' (women)' for sex-specific rows, '' for persons."""
    return {"male": " (men)", "female": " (women)"}.get(sex, "")


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2.2 relative luminance of '#RRGGBB'."""
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def text_colour_on(fill: str) -> str:
    """Black or white, whichever has more contrast on ``fill``."""
    luminance = relative_luminance(fill)
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#FFFFFF"
