"""AppTest: opening every page leaves the shared cached frames and resources as they were.

``st.cache_resource`` hands every session the same object (the local indicators, the map layers, the census
population, the neighbour lists), so a page that changed one in place would change it for every later page and
user. The national evidence and the comparison table are ``st.cache_data`` (a copy per call) and are checked too.
Each is fingerprinted before and after every page of the menu (ui.pages_registry) has run, with an area chosen so
that the local pages compute.
"""

from __future__ import annotations

import dataclasses
import hashlib
import pickle

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from core.paths import ENV_DATA_DIR
from tests.support.open_data import REPO_ROOT
from ui import cache, pages_registry

MANCHESTER = "E08000003"
LEVELS = ("utla", "lad", "region")


def digest(value) -> str:
    """A fingerprint of a frame, a NamedTuple or dataclass of frames, or any picklable value."""
    if isinstance(value, pd.DataFrame):
        try:
            rows = pd.util.hash_pandas_object(value, index=True).to_numpy().tobytes()
        except TypeError:  # unhashable cells (lists): fall back to the pickled frame
            rows = pickle.dumps(value)
        return hashlib.sha256(rows + repr((list(value.columns), list(value.dtypes), value.attrs)).encode()).hexdigest()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return digest({field.name: digest(getattr(value, field.name)) for field in dataclasses.fields(value)})
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return digest({name: digest(getattr(value, name)) for name in value._fields})
    return hashlib.sha256(pickle.dumps(value)).hexdigest()


def test_digest_sees_a_change_in_place():
    frame = pd.DataFrame({"code": ["E1", "E2"], "value": [1.0, 2.0]})
    before = digest(frame)
    frame.loc[1, "value"] = 3.0
    assert digest(frame) != before


def shared_objects() -> dict[str, object]:
    return {"local indicators": cache.local_indicators(), "national evidence": cache.national_evidence(),
            "comparison table": cache.comparison_table(), "census population": cache.census_population(),
            "neighbour lists": cache.neighbour_lists(),
            **{f"{level} map layer": cache.web_layer(level) for level in LEVELS}}


RESOURCES = ("local indicators", "census population", "neighbour lists",
             *(f"{level} map layer" for level in LEVELS))


@pytest.fixture
def fresh_caches(monkeypatch, open_data):
    monkeypatch.chdir(REPO_ROOT)
    monkeypatch.setenv(ENV_DATA_DIR, str(open_data))
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def test_no_page_changes_a_shared_cached_frame(fresh_caches):
    before = shared_objects()
    fingerprints = {name: digest(value) for name, value in before.items()}
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=120)
    at.query_params.update(area=MANCHESTER, need_cohorts="probation", size_probation="1200")
    at.run()
    for entry in pages_registry.all_pages():
        at.switch_page(entry.path).run()
        assert not at.exception, (entry.path, [e.message for e in at.exception])
    after = shared_objects()
    # The resources the pages used are the very objects fingerprinted (not new ones made after an eviction).
    assert {name: after[name] is before[name] for name in RESOURCES} == dict.fromkeys(RESOURCES, True)
    changed = [name for name, value in after.items() if digest(value) != fingerprints[name]]
    assert changed == []
