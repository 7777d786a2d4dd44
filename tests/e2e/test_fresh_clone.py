"""A fresh clone, offline, as the README says: `git clone` into a temporary folder, no data environment at all
(no JHE_DATA_DIR, no .data/), Leaflet copied as `make run` does, then `python -m streamlit run app.py` from the clone
with the existing venv. Every page draws its content from the committed starter snapshot (the Map draws every one
of England's 153 counties and unitary authorities), none says "could not be loaded", Data status names the starter,
and the browser asks no host but the app.

While data/starter is not committed yet, the clone is replaced by a copy of the files a commit of the working tree
would hold (`git ls-files --cached --others --exclude-standard`), and the test says so in a warning.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from core.paths import ENV_BUNDLED_DIR, ENV_DATA_DIR
from tests.support.harness import APP_HOSTS, APP_LOAD_TIMEOUT_MS, AppServer, guard_page, run_app, wait_for_app

REPO_ROOT = Path(__file__).resolve().parents[2]
STARTER_MANIFEST = "data/starter/manifest.json"
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
MAIN = '[data-testid="stMain"]'
CHARTS = f'{MAIN} [data-testid="stVegaLiteChart"]'
UTLA_COUNT = 153  # ONS CTYUA December 2023, England
NOT_LOADED = "could not be loaded"
# (path, title, what shows the page drew its content)
PAGES = [
    ("", "Health and social needs: people in prison", f'{MAIN} [data-testid="stMetric"]'),
    ("compare", "Compare cohorts with the general population", CHARTS),
    ("sources", "Sources and methods", f'{MAIN} [data-testid="stDataFrame"]'),
    ("data_status", "Data status", f'{MAIN} [data-testid="stDataFrame"]'),
    ("map", "Map: local health and justice indicators", MAP_FRAME),
    ("area_profile?area=E08000016", "Area profile", CHARTS),
    ("local_need?area=E08000016", "Local need", CHARTS),
    ("your_data", "Your data", f'{MAIN} [data-testid="stFileUploader"]'),
    ("checklist", "Action checklist", f'{MAIN} [data-testid="stTable"]'),
    ("board_pack", "Board pack", f'{MAIN} [data-testid="stDownloadButton"], {MAIN} button'),
    ("jsna_chapter", "JSNA chapter", f'{MAIN} [data-testid="stDownloadButton"], {MAIN} button'),
    ("investment_case", "Investment case", f'{MAIN} [data-testid="stNumberInput"]'),
]


def _git(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(REPO_ROOT), *args], capture_output=True, check=False)


def fresh_checkout(target: Path) -> str:
    """Put a fresh checkout of this repository in ``target``; returns how it was made."""
    if shutil.which("git") is None or _git("rev-parse", "HEAD").returncode != 0:
        pytest.skip("needs git and this repository's history")
    if _git("cat-file", "-e", f"HEAD:{STARTER_MANIFEST}").returncode == 0:
        subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(REPO_ROOT), str(target)], check=True,
                       capture_output=True)
        return "git clone of HEAD"
    listed = _git("ls-files", "-z", "--cached", "--others", "--exclude-standard").stdout.split(b"\0")
    for name in filter(None, (os.fsdecode(item) for item in listed)):
        if (REPO_ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO_ROOT / name, target / name)
    warnings.warn(f"{STARTER_MANIFEST} is not committed yet: tested a copy of the working tree's files instead of "
                  "a clone of HEAD", stacklevel=2)
    return "copy of the working tree"


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("fresh-clone") / "justice-health-explorer"
    folder.mkdir()
    fresh_checkout(folder)
    assert not (folder / ".data").exists() and (folder / STARTER_MANIFEST).is_file()
    # `make run` copies Leaflet into static/vendor (git-ignored) before it starts the app
    subprocess.run([sys.executable, "-m", "ui.assets"], cwd=folder, check=True, capture_output=True)
    return folder


@pytest.fixture(scope="module")
def clone_server(clone: Path) -> Iterator[AppServer]:
    env = {name: value for name, value in os.environ.items()
           if name not in (ENV_DATA_DIR, ENV_BUNDLED_DIR, "JHE_DOWNLOAD_BASE_URL", "PYTHONPATH")}
    try:
        with run_app(env=env, cwd=clone) as server:
            yield server
    except RuntimeError as error:
        pytest.fail(str(error), pytrace=False)


def test_a_fresh_clone_draws_every_page_from_the_starter_offline(page: Page, clone: Path,
                                                                  clone_server: AppServer) -> None:
    page.set_default_timeout(APP_LOAD_TIMEOUT_MS)
    problems = guard_page(page, clone_server.port)  # aborts and records any request off the machine
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).hostname or urlsplit(request.url).scheme))
    for path, title, content in PAGES:
        page.goto(f"{clone_server.url}/{path}")
        wait_for_app(page)
        main = page.locator(MAIN)
        expect(main.locator("h1").first).to_have_text(title)
        expect(page.locator(content).first, f"/{path} drew no {content}").to_be_attached(timeout=30_000)
        assert NOT_LOADED not in main.inner_text(), f"/{path} says the data {NOT_LOADED}"
        assert page.locator('[data-testid="stException"]').count() == 0, f"/{path} shows an exception"
        assert page.locator('[data-testid="stAlertContentError"]').count() == 0, f"/{path} shows an error box"
        if path == "map":
            areas = page.frame_locator(MAP_FRAME).locator("path.leaflet-interactive")
            expect(areas).to_have_count(UTLA_COUNT, timeout=30_000)  # every area drawn
        if path == "data_status":
            expect(main).to_contain_text("The bundled starter snapshot, committed with the code (data/starter/)")
            assert str(clone) not in main.inner_text()  # never the server's folder path
    assert hosts <= {host.strip("[]") for host in APP_HOSTS} | {"data", "blob", "about"}, hosts
    assert problems.empty(), problems.report()
