"""What the map benchmark measures and against what: levels, budgets, timeouts and the two apps' descriptions."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ui.pages_registry import all_pages

REPO_ROOT = Path(__file__).resolve().parents[2]
RESULTS_DIR = REPO_ROOT / "bench" / "results"
LEVELS = {"utla": 153, "lad": 296}  # areas in England's UTLA (CTYUA Dec 2023) and LAD (May 2024) layers
BOUNDARY_FILES = {"utla": "boundaries/utla_ctyua_dec2023_england_bsc.geojson",
                  "lad": "boundaries/lad_may2024_england_bsc.geojson"}
MAP_TITLE = "streamlit_folium.st_folium"
VIEWPORT = {"width": 1280, "height": 900}
START_TIMEOUT_S = 90.0
TIMEOUT_MS = 60_000
MIB = 1024 * 1024

# Budgets, as ratios to the baseline measured in the same run (and one absolute one).
BUDGETS = {
    "map_bytes": 1 / 5,       # websocket bytes that carry the map, per page load
    "warm_rerun": 1 / 4,      # median warm rerun time
    "draw": 1 / 2,            # navigation start to every area drawn (median)
    "script_runs": 1,         # exactly one script run per page load
    "rss_mib": 250,           # server RSS after every page was opened once, MiB
}
BUDGET_WORDS = {"map_bytes": "<= 1/5 of baseline", "warm_rerun": "<= 1/4 of baseline",
                "script_runs": "exactly 1 per page load", "draw": "<= 1/2 of baseline", "rss": "< 250 MiB"}


@dataclass
class AppSpec:
    name: str
    script: str
    map_path: str                   # the map page's URL path (query ?level=<level> is added)
    rerun_select: str | None        # label of the select whose options are alternated for reruns
    rerun_options: tuple[str, str] | None = None  # the two options to alternate (None: current and next)
    pages: list[str] = field(default_factory=list)  # URL paths opened once before the RSS reading


def app_pages() -> list[str]:
    """The URL paths of the app's pages (ui.pages_registry, read without starting Streamlit)."""
    return [entry.url_path for entry in all_pages()]


def app_specs(ours_select: str, ours_options: str) -> dict[str, AppSpec]:
    """The baseline and our app: which script, where the map is, which select to alternate, which pages to open."""
    options = tuple(ours_options.split(",", 1)) if ours_options else None
    return {
        "baseline": AppSpec("baseline", "bench/baseline_map_app.py", "/", "Value",
                            ("% aged 0 to 14", "% aged 65 and over"), pages=[]),
        "ours": AppSpec("ours", "app.py", "/map", ours_select or None, options,  # type: ignore[arg-type]
                        pages=[path for path in app_pages() if path != "map"]),
    }
