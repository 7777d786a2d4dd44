"""Measure how long each page takes to load in a real browser, how long a sidebar rerun takes, and
how much memory the server holds once every page has been opened.

Run from the repository root: `make bench` (or `.venv/bin/python -m bench.load_times`).
Uses the browser-test harness (tests/support/harness.py): the same `streamlit run` command, the same
Debian chromium and the same "app loaded" condition. Writes bench/results/load_times-<UTC date>.json
and prints a markdown table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import streamlit
from playwright.sync_api import Page, sync_playwright

from tests.support.harness import (
    CHROMIUM_ARGS,
    chromium_path,
    chromium_version,
    memory_mib,
    run_app,
    wait_for_app,
    wait_for_rerun,
)

REPO_ROOT = Path(__file__).resolve().parents[1]

PAGES = {"Overview": "", "Compare": "compare", "Sources and methods": "sources", "Data status": "data_status"}
# Each rerun picks a different value, so every click really changes the view.
SEX_CYCLE = ["Women", "Men", "Persons", "All published breakdowns"]
RESULTS_DIR = REPO_ROOT / "bench" / "results"


def timed_load(page: Page, url: str) -> float:
    start = time.perf_counter()
    page.goto(url)
    wait_for_app(page)
    return time.perf_counter() - start


def timed_sex_change(page: Page, option: str) -> float:
    """Open the sidebar Sex select, then time from choosing `option` to the rerun having finished."""
    page.locator('[data-testid="stSidebar"]').get_by_role("combobox", name="Sex", exact=True).click()
    choice = page.get_by_role("option", name=option, exact=True)
    choice.wait_for()
    start = time.perf_counter()
    wait_for_rerun(page, choice.click)
    return time.perf_counter() - start


def measure(reruns: int) -> dict:
    browser_path = chromium_path()
    results: dict = {
        "date_utc": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version(),
                    "streamlit": streamlit.__version__, "chromium": chromium_version()},
        "method": {"load": "page.goto to app loaded (connected, script notRunning, no stSkeleton), new browser "
                           "context per page; the first page is the server's first request (cold caches)",
                   "warm_load": "the same page opened again in a fresh browser context (server caches warm)",
                   "rerun": f"choose a different sidebar Sex option to rerun finished; median of {reruns}",
                   "rss": "server VmRSS from /proc/<pid>/status after every page was opened once"},
        "pages": [],
    }
    with run_app() as server, sync_playwright() as playwright:
        results["server_rss_at_start_mib"] = memory_mib(server.process.pid)["VmRSS"]
        browser = playwright.chromium.launch(executable_path=browser_path, args=CHROMIUM_ARGS, headless=True)
        try:
            for index, (name, path) in enumerate(PAGES.items()):
                url = f"{server.url}/{path}"
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                first = timed_load(page, url)
                context.close()
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                warm = timed_load(page, url)
                times = [timed_sex_change(page, SEX_CYCLE[i % len(SEX_CYCLE)]) for i in range(reruns)]
                context.close()
                results["pages"].append({
                    "page": name, "path": f"/{path}", "cold_server": index == 0,
                    "first_load_s": round(first, 3), "warm_load_s": round(warm, 3),
                    "rerun_median_s": round(statistics.median(times), 3),
                    "rerun_all_s": [round(t, 3) for t in times],
                })
            memory = memory_mib(server.process.pid)
            results["server_rss_after_all_pages_mib"] = memory["VmRSS"]
            results["server_rss_peak_mib"] = memory["VmHWM"]
        finally:
            browser.close()
    return results


def markdown(results: dict) -> str:
    lines = ["| Page | First load (s) | Warm load (s) | Rerun after Sex change, median (s) |",
             "|---|---:|---:|---:|"]
    for row in results["pages"]:
        note = " (cold server)" if row["cold_server"] else ""
        lines.append(f"| {row['page']}{note} | {row['first_load_s']:.2f} | {row['warm_load_s']:.2f} | "
                     f"{row['rerun_median_s']:.2f} |")
    lines.append("")
    lines.append(f"Server RSS: {results['server_rss_at_start_mib']:.0f} MiB at start, "
                 f"{results['server_rss_after_all_pages_mib']:.0f} MiB after every page was opened once "
                 f"(peak {results['server_rss_peak_mib']:.0f} MiB).")
    machine = results["machine"]
    lines.append(f"Measured {results['date_utc']} on {machine['cpus']} CPUs, Streamlit {machine['streamlit']}, "
                 f"{machine['chromium']}.")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reruns", type=int, default=5, help="Sex changes per page (the median is reported)")
    args = parser.parse_args()
    try:
        results = measure(args.reruns)
    except RuntimeError as error:  # chromium missing, or the app would not start
        print(error, file=sys.stderr)
        return 1
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    out = RESULTS_DIR / f"load_times-{dt.datetime.now(dt.UTC):%Y-%m-%d}.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(markdown(results))
    print(f"\nWritten {out.relative_to(REPO_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
