"""The load test's arithmetic and its protocol client's reading of Streamlit's messages (bench/load_test.py,
bench/load_client.py), with values worked out by hand."""

from __future__ import annotations

import math

from streamlit.proto.Element_pb2 import Element

from bench.load_client import Session, endpoints
from bench.load_test import per_extra_session, percentile


def test_percentile_is_the_nearest_rank():
    values = [0.4, 0.1, 0.9, 0.3, 1.0, 0.2, 0.8, 0.5, 0.7, 0.6]  # 0.1 to 1.0, shuffled
    assert percentile(values, 0.5) == 0.5  # rank ceil(0.5 x 10) = 5
    assert percentile(values, 0.95) == 1.0  # rank ceil(9.5) = 10
    assert percentile(values, 0.05) == 0.1  # rank ceil(0.5) = 1
    assert percentile([*values, math.nan], 0.5) == 0.5  # a failed rerun (NaN) is not a time
    assert math.isnan(percentile([], 0.5))


def test_memory_per_extra_session_is_the_slope_of_rss_on_sessions():
    # RSS = 100 MiB + 2 MiB for each session after the first, at 1, 10, 25 and 50 sessions
    levels = [{"sessions": 1, "rss_mib": 100.0}, {"sessions": 10, "rss_mib": 118.0},
              {"sessions": 25, "rss_mib": 148.0}, {"sessions": 50, "rss_mib": 198.0}]
    assert math.isclose(per_extra_session(levels), 2.0)
    # two points: the line through them, (160 - 100) / (25 - 1)
    assert math.isclose(per_extra_session([levels[0], {"sessions": 25, "rss_mib": 160.0}]), 2.5)


def test_the_websocket_address_and_origin_of_an_app():
    assert endpoints("http://127.0.0.1:8600/") == ("ws://127.0.0.1:8600/_stcore/stream", "http://127.0.0.1:8600")


def test_a_keyed_widget_is_remembered_and_an_exception_is_read():
    session = Session("ws://x/_stcore/stream", "http://x")
    element = Element()
    element.selectbox.id = "$$ID-0123abcd-sex"  # Streamlit's id for a widget with the user key "sex"
    assert session._read_element(element) == ""
    assert session.widget_ids == {"sex": "$$ID-0123abcd-sex"}
    session._choose("sex", "Men")
    assert session.chosen["$$ID-0123abcd-sex"].string_value == "Men"
    failed = Element()
    failed.exception.type = "KeyError"
    failed.exception.message = "'area'"
    assert session._read_element(failed) == "'area'"
