"""The test harness's own rules: missing open data skips a test locally and fails it in CI; an imported folder is
recognised by its manifest and map layers; a test group is marked by its folder."""

from __future__ import annotations

import pytest

from core.web_layer import layer_path
from loaders.manifest import MANIFEST
from tests.support import open_data
from tests.support.harness import is_cancelled_map_asset


def test_missing_open_data_skips_locally_and_fails_in_ci(monkeypatch):
    monkeypatch.delenv(open_data.REQUIRE_ENV, raising=False)
    with pytest.raises(pytest.skip.Exception, match="no lookups"):
        open_data.missing("no lookups")
    monkeypatch.setenv(open_data.REQUIRE_ENV, "1")
    with pytest.raises(pytest.fail.Exception, match="no lookups, and JHE_REQUIRE_OPEN_DATA is set"):
        open_data.missing("no lookups")
    monkeypatch.setenv(open_data.REQUIRE_ENV, "0")  # "0" and "" mean not required
    with pytest.raises(pytest.skip.Exception):
        open_data.missing("no lookups")


def test_an_import_is_a_manifest_and_the_map_layers(tmp_path, monkeypatch):
    assert not open_data.is_imported(tmp_path)
    (tmp_path / MANIFEST).write_text("{}")
    assert not open_data.is_imported(tmp_path)  # a manifest without layers: an import from before the layers
    for level in ("utla", "lad"):
        layer_path(tmp_path, level).parent.mkdir(exist_ok=True)
        layer_path(tmp_path, level).write_text("{}")
    assert open_data.is_imported(tmp_path)
    monkeypatch.setenv("JHE_DATA_DIR", str(tmp_path))
    assert open_data.imported_from_env() == tmp_path
    monkeypatch.setenv("JHE_DATA_DIR", str(tmp_path / "elsewhere"))
    assert open_data.imported_from_env() is None


def test_every_test_is_in_exactly_the_group_of_its_folder(request):
    markers = {mark.name for mark in request.node.iter_markers()}
    assert not markers & {"e2e", "backtest"}  # a unit test is in neither group


def test_only_a_map_asset_the_browser_cancelled_is_let_through():
    leaflet = "http://127.0.0.1:8501/app/static/vendor/leaflet-1.9.3/leaflet.js"
    assert is_cancelled_map_asset(leaflet, "net::ERR_ABORTED")
    assert is_cancelled_map_asset(leaflet.replace(".js", ".css"), "net::ERR_ABORTED")
    assert not is_cancelled_map_asset(leaflet, "net::ERR_BLOCKED_BY_CSP")  # the policy blocked it
    assert not is_cancelled_map_asset(leaflet, "net::ERR_CONNECTION_RESET")  # the server failed
    assert not is_cancelled_map_asset("http://127.0.0.1:8501/_stcore/stream", "net::ERR_ABORTED")  # not a map file
    assert not is_cancelled_map_asset("http://127.0.0.1:8501/app/static/vendor/leaflet-1.9.3/other.js",
                                      "net::ERR_ABORTED")
