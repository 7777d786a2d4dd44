"""Map benchmark: the app's map page against a plain folium.Choropleth + st_folium baseline, in one run.

Both servers run side by side and every measurement alternates between them. For UTLAs (153 areas) and LADs
(296) it measures, for each app in headless chromium:
- the bytes the server sends over the websocket during a page load, and the part that carries the map
  (each frame, from CDP, is decoded as a Streamlit ForwardMsg; map = the messages holding the folium component);
- script runs per page load (new_session messages, and the app's script state in every timed load);
- the time from navigation start until every area is drawn (one `path.leaflet-interactive` per area in
  the map's iframe), median over new browser contexts, timed without CDP;
- the warm rerun time, median of 10: from choosing another option in a select to the end of the last script
  run (or the new map drawn, if later), no further run following within --settle seconds;
- the server's RSS after every page of the app has been opened once (the baseline: after both levels).
It prints a table with ratios to the baseline and PASS/FAIL per budget, and writes
bench/results/map-<UTC date>.json. Method, conventions and results: bench/README.md, "Map".

Run from the repository root (bench packages first: they only serve the baseline's CDN files locally):

    .venv/bin/python -m pip install --no-deps -r bench/requirements.txt
    .venv/bin/python -m bench.map                  # both apps, both levels (make bench-map)
    .venv/bin/python -m bench.map --only baseline  # the harness on the baseline alone
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.map.assets import ASSETS
from bench.map.budgets import all_pass, verdicts
from bench.map.config import BOUNDARY_FILES, BUDGET_WORDS, REPO_ROOT, RESULTS_DIR, VIEWPORT, app_specs
from bench.map.report import machine, markdown
from bench.map.run import Settings, log, measure
from tests.support.harness import CHROMIUM_ARGS, chromium_path


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.map", description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["baseline", "ours"], help="measure one app only (no verdicts)")
    parser.add_argument("--loads", type=int, default=7,
                        help="timed page loads per level and app, new browser and warm browser cache each (median)")
    parser.add_argument("--byte-loads", type=int, default=2,
                        help="page loads per level and app recorded over CDP (websocket bytes, script runs)")
    parser.add_argument("--reruns", type=int, default=10, help="timed reruns per level (median)")
    parser.add_argument("--warmup", type=int, default=2, help="untimed reruns first (fill the caches)")
    parser.add_argument("--settle", type=float, default=3.0,
                        help="seconds with no script run before the app counts as idle")
    parser.add_argument("--ours-select", default="Indicator",
                        help="label of the map page's select to alternate for reruns ('' = the first select in "
                             "the page's main area)")
    parser.add_argument("--ours-options", default="",
                        help="two options of that select, comma-separated (default: the current one and the next)")
    parser.add_argument("--data-dir", default=os.environ.get("JHE_DATA_DIR") or str(REPO_ROOT / ".data"),
                        help="imported data folder (default $JHE_DATA_DIR or .data)")
    parser.add_argument("--out", default="", help="JSON file (default bench/results/map-<UTC date>.json)")
    return parser.parse_args(argv)


def check_data_dir(data_dir: Path) -> bool:
    missing = [name for name in BOUNDARY_FILES.values() if not (data_dir / name).is_file()]
    if missing:
        print(f"{data_dir} lacks {', '.join(missing)}: import the data first (make data-import SRC=<folder>) "
              "or pass --data-dir / set JHE_DATA_DIR", file=sys.stderr)
    return not missing


def results_header(args: argparse.Namespace, data_dir: Path) -> dict:
    return {
        "date_utc": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "machine": machine(),
        "data_dir": str(data_dir),
        "settings": {"loads": args.loads, "byte_loads": args.byte_loads, "reruns": args.reruns,
                     "warmup_reruns": args.warmup, "settle_s": args.settle, "viewport": VIEWPORT},
        "budgets": BUDGET_WORDS,
        "cdn_assets": [vars(asset) for asset in ASSETS],
        "apps": {},
    }


def write(results: dict, args: argparse.Namespace, chosen: list[str]) -> Path:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    suffix = "" if len(chosen) == 2 else f"-{chosen[0]}-only"
    out = Path(args.out) if args.out else RESULTS_DIR / f"map-{dt.datetime.now(dt.UTC):%Y-%m-%d}{suffix}.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    return out


def main(argv: list[str] | None = None) -> int:
    """Exit code 0 when every budget passes (or --only), 1 when a server or chromium fails, 2 for missing data,
    3 when a budget fails."""
    args = parse_args(argv)
    data_dir = Path(args.data_dir).resolve()
    if not check_data_dir(data_dir):
        return 2
    if not args.only and not (REPO_ROOT / "pages" / "map.py").is_file():
        print("pages/map.py does not exist yet: use --only baseline", file=sys.stderr)
        return 2
    specs = app_specs(args.ours_select, args.ours_options)
    chosen = [args.only] if args.only else ["baseline", "ours"]
    settings = Settings(args.loads, args.byte_loads, args.reruns, args.warmup, args.settle)
    env = {**os.environ, "JHE_DATA_DIR": str(data_dir)}
    results = results_header(args, data_dir)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
            try:
                log(f"measuring {' and '.join(chosen)} ...")
                results["apps"] = measure(browser, {name: specs[name] for name in chosen}, env, settings)
            finally:
                browser.close()
    except RuntimeError as error:
        print(error, file=sys.stderr)
        return 1
    if len(chosen) == 2:
        results["verdicts"] = verdicts(results["apps"]["baseline"], results["apps"]["ours"])
    out = write(results, args, chosen)
    print(markdown(results))
    print(f"\nWritten {out.relative_to(REPO_ROOT) if out.is_relative_to(REPO_ROOT) else out}")
    return 3 if "verdicts" in results and not all_pass(results) else 0


if __name__ == "__main__":
    sys.exit(main())
