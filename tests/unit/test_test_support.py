"""The test harness's own rules: missing open data skips a test locally and fails it in CI; an imported folder is
recognised by its manifest and map layers; a test group is marked by its folder."""

from __future__ import annotations

import pytest

from core.web_layer import layer_path
from loaders.manifest import MANIFEST
from tests.support import open_data
from tests.support.harness import is_cancelled_static_asset


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


def test_only_a_static_file_of_the_app_the_browser_cancelled_is_let_through():
    app = "http://127.0.0.1:8501"
    leaflet = f"{app}/app/static/vendor/leaflet-1.9.3/leaflet.js"
    chunk = f"{app}/static/js/DownloadButton.DdynO2sY.js"
    for url in (leaflet, leaflet.replace(".js", ".css"), chunk, f"{app}/static/css/DataFrame.DUkanX9_.css"):
        assert is_cancelled_static_asset(url, "net::ERR_ABORTED", 8501), url
    for failure in ("net::ERR_BLOCKED_BY_CSP", "net::ERR_CONNECTION_RESET", None):  # blocked, server failed, loaded
        assert not is_cancelled_static_asset(chunk, failure, 8501)
        assert not is_cancelled_static_asset(leaflet, failure, 8501)
    not_static = (f"{app}/_stcore/stream", f"{app}/app/static/vendor/leaflet-1.9.3/other.js",
                  f"{app}/static/js/../../_stcore/health", f"{app}/static/media/logo.svg", f"{app}/map")
    for url in not_static:
        assert not is_cancelled_static_asset(url, "net::ERR_ABORTED", 8501), url
    assert not is_cancelled_static_asset(chunk, "net::ERR_ABORTED", 8502)  # another server's file
    assert not is_cancelled_static_asset(chunk.replace("127.0.0.1", "cdn.example.org"), "net::ERR_ABORTED", 8501)
