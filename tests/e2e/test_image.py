"""The container image, built and started on this machine. Docker Hub is out of reach here, so the base is made
from Debian's mirror (deploy/build_offline_base.sh) and the Dockerfile is built on it with podman. The machines
here cannot start a container (crun may not set RLIMIT_NOFILE in this sandbox), so the image's own file system is
run with chroot as its unprivileged user (10001): its Python, its pinned packages, its starter data and its
Leaflet, answering /_stcore/health and drawing the map's 153 areas."""

from __future__ import annotations

import os
import shutil
import subprocess
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from core.paths import PROJECT_ROOT
from tests.support.harness import _healthy, free_port, wait_for_app

BASE = "localhost/jhe-debian-python:bookworm"
IMAGE = "localhost/justice-health-explorer:test"
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


def run(*command: str, timeout: int = 1500) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=PROJECT_ROOT)


@pytest.fixture(scope="module")
def image_root():
    if os.geteuid() != 0 or not shutil.which("podman") or not shutil.which("debootstrap"):
        pytest.skip("needs root, podman and debootstrap (apt-get install podman debootstrap)")
    if run("podman", "image", "exists", BASE).returncode != 0:
        made = run(str(PROJECT_ROOT / "deploy" / "build_offline_base.sh"))
        assert made.returncode == 0, made.stdout[-2000:] + made.stderr[-2000:]
    built = run("podman", "build", "--isolation=chroot", "--build-arg", f"BASE={BASE}", "-t", IMAGE, ".")
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    mounted = run("podman", "image", "mount", IMAGE)
    assert mounted.returncode == 0, mounted.stderr
    yield Path(mounted.stdout.strip())
    run("podman", "image", "unmount", IMAGE)


def test_the_image_runs_as_its_user_and_serves_the_app(image_root: Path, page: Page) -> None:
    port = free_port()
    server = subprocess.Popen(
        [shutil.which("chroot") or "/usr/sbin/chroot", "--userspec=10001:10001", str(image_root), "/bin/sh", "-c",
         f"cd /app && HOME=/tmp exec python -m streamlit run app.py --server.address 127.0.0.1 "
         f"--server.port {port} --server.headless true"],
        env={"PATH": "/opt/venv/bin:/usr/bin:/bin"}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):
            if _healthy(port) or server.poll() is not None:
                break
            page.wait_for_timeout(100)
        assert _healthy(port), f"the image's server did not answer (exit code {server.poll()})"
        leaflet = urllib.request.urlopen(f"http://127.0.0.1:{port}/app/static/vendor/leaflet-1.9.3/leaflet.js")
        assert leaflet.status == 200  # copied into the image at build time
        page.goto(f"http://127.0.0.1:{port}/map")
        wait_for_app(page)
        expect(page.frame_locator(MAP_FRAME).locator("path.leaflet-interactive")).to_have_count(153,
                                                                                          timeout=60_000)
    finally:
        server.terminate()
        server.wait(timeout=20)
