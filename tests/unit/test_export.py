"""Charts as files, offline: PNG at twice the size, SVG with its description as the title, text drawn."""

import struct

import altair as alt
import pandas as pd

from charts.export import chart_png, chart_svg
from present.tables import year_text


def bar_chart(**properties):
    data = pd.DataFrame({"cohort": ["Prison", "Probation"], "value": [3.0, 5.0]})
    return alt.Chart(data).mark_bar().encode(x="value:Q", y="cohort:N").properties(**properties)


def test_png_is_twice_the_export_width():
    png = chart_png(bar_chart(width=300, height=100))
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, _ = struct.unpack(">II", png[16:24])
    # 300 px of plot plus the axis labels and padding, doubled: more than 600, well under the 900 default's 1800.
    assert 600 < width < 1000


def test_a_container_wide_chart_gets_a_width():
    png = chart_png(bar_chart(width="container", height=100), width_px=400)
    width, _ = struct.unpack(">II", png[16:24])
    assert 800 < width < 1100


def test_svg_carries_the_description_escaped_and_the_labels_as_text():
    svg = chart_svg(bar_chart(width=300, height=100, description="Prison <3> & probation")).decode()
    assert "<title>Prison &lt;3&gt; &amp; probation</title>" in svg
    assert ">Probation</text>" in svg  # labels are text (a font was found), not missing


def test_year_text_drops_a_float_tail():
    assert (year_text(2005.0), year_text("2019/20"), year_text(float("nan")), year_text(None)) == (
        "2005", "2019/20", "", "")
