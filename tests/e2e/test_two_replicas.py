"""The production-like run: two app servers behind nginx (deploy/run_two_replicas.sh), in a real browser. Every
response carries the security headers; each browser stays on one server (its upload, a separate HTTP request,
reaches the server that holds its session); the Map draws every area under the Content-Security-Policy with no
console error (a blocked script or frame would log one)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import urllib.request
from collections import defaultdict
from pathlib import Path

import pytest
from playwright.sync_api import expect

from core.paths import PROJECT_ROOT
from tests.support.harness import free_port, guard_page, wait_for_app, wait_for_rerun

SCRIPT = PROJECT_ROOT / "deploy" / "run_two_replicas.sh"
MAIN = '[data-testid="stMain"]'
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
PARTNERS = ("Area Code,Cohort,Indicator,Sex,Period,Numerator,Denominator,Partner\n"
            "E08000016,Probation,Depression,Persons,2024/25,30,120,Barnsley PDU\n"
            "E10000016,Probation,Depression,Persons,2024/25,45,300,Kent PDU\n")
BROWSERS = 4


@pytest.fixture(scope="module")
def replicas(server_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory):
    if shutil.which("nginx") is None:
        pytest.skip("nginx is not installed (make nginx)")
    prefix = tmp_path_factory.mktemp("nginx")
    ports = {"LISTEN_PORT": str(free_port()), "APP_PORT_1": str(free_port()), "APP_PORT_2": str(free_port())}
    env = {**server_env, **ports, "JHE_NGINX_PREFIX": str(prefix), "PYTHON": sys.executable}
    started = subprocess.run([str(SCRIPT), "start"], env=env, capture_output=True, text=True, timeout=180)
    try:
        assert started.returncode == 0, started.stdout + started.stderr
        yield int(ports["LISTEN_PORT"]), prefix
    finally:
        subprocess.run([str(SCRIPT), "stop"], env=env, capture_output=True, timeout=60)


def test_every_response_carries_the_security_headers(replicas) -> None:
    port, _ = replicas
    for path in ("/", "/_stcore/health", "/app/static/vendor/leaflet-1.9.3/leaflet.js"):
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
            headers = response.headers
            assert response.status == 200, path
        assert "frame-ancestors 'self'" in headers["Content-Security-Policy"], path
        assert headers["X-Content-Type-Options"] == "nosniff", path
        assert any(cookie.startswith("jhe_route=") for cookie in headers.get_all("Set-Cookie")), path  # a route


def test_each_browser_stays_on_one_server_and_the_map_draws_under_the_policy(replicas, browser,
                                                                             tmp_path: Path) -> None:
    port, prefix = replicas
    upload = tmp_path / "partners.csv"
    upload.write_text(PARTNERS, encoding="utf-8")
    for number in range(BROWSERS):
        context = browser.new_context()
        page = context.new_page()
        problems = guard_page(page, port)
        page.goto(f"http://127.0.0.1:{port}/your_data")
        wait_for_app(page)
        wait_for_rerun(page, lambda page=page: page.locator(f'{MAIN} input[type="file"]').set_input_files(
            str(upload)))
        expect(page.locator(MAIN).get_by_text("partners.csv: 2 of 2 rows can be used", exact=False)).to_be_visible()
        if number == 0:
            page.goto(f"http://127.0.0.1:{port}/map")
            wait_for_app(page)
            areas = page.frame_locator(MAP_FRAME).locator("path.leaflet-interactive")
            expect(areas).to_have_count(153, timeout=30_000)  # every county and unitary authority
        assert problems.empty(), problems.report()
        context.close()
    servers: dict[str, set[str]] = defaultdict(set)
    for line in (prefix / "access.log").read_text(encoding="utf-8").splitlines():
        found = re.search(r"route=(\S+) upstream=(\S+)", line)
        if found and found.group(2) != "-":
            servers[found.group(1)].add(found.group(2))
    assert len(servers) >= BROWSERS
    assert all(len(hosts) == 1 for hosts in servers.values()), servers  # sticky: one server per browser
