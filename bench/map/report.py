"""The results as a markdown table (with verdicts when both apps ran) and the machine they were measured on."""

from __future__ import annotations

import os
import platform
from importlib.metadata import version

import folium
import streamlit

from bench.map.config import LEVELS
from tests.support.harness import chromium_version

VERDICT_ROWS = (("map_bytes", "Map bytes per load (websocket)", "kb"),
                ("warm_rerun", "Warm rerun, median of {reruns}", "s"),
                ("script_runs", "Script runs per page load", "str"),
                ("draw", "Navigation to every area drawn, median (new browser)", "s"),
                ("draw_warm_browser_cache", "... the same, browser cache warm", "s"),
                ("map_message_to_drawn_s", "Map message arrived to every area drawn", "s"),
                ("map_iframe_to_drawn_s", "Map iframe mounted to every area drawn", "s"),
                ("map_leaflet_to_drawn_s", "Leaflet ready in the iframe to every area drawn", "s"),
                ("ws_bytes_total", "All websocket bytes per load", "kb"))


def _kb(n: int | None) -> str:
    return "-" if n is None else f"{n / 1000:,.1f} KB"


def _s(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f} s"


FORMATS = {"kb": _kb, "s": _s, "str": str}


def verdict_table(results: dict) -> list[str]:
    v = results["verdicts"]
    lines = ["| Level | Measure | Ours | Baseline | Ratio | Budget | Result |", "|---|---|---:|---:|---:|---|---|"]
    for level in LEVELS:
        for key, label, kind in VERDICT_ROWS:
            row, fmt = v[level][key], FORMATS[kind]
            ratio = "-" if row["ratio"] is None else f"{row['ratio']:.3f}"
            verdict = "PASS" if row["pass"] else "FAIL"
            if row.get("info"):
                verdict = "-" if key == "ws_bytes_total" else f"({verdict})"
            lines.append(f"| {level.upper()} | {label.format(reruns=results['settings']['reruns'])} | "
                         f"{fmt(row['ours'])} | {fmt(row['baseline'])} | {ratio} | {row['budget']} | {verdict} |")
    r = v["rss"]
    lines.append(f"| all | Server RSS after every page opened once | {r['ours_mib']:.0f} MiB | "
                 f"{r['baseline_mib']:.0f} MiB | - | {r['budget']} | {'PASS' if r['pass'] else 'FAIL'} |")
    return lines


def app_table(apps: dict) -> list[str]:
    """One app (or each app) without verdicts: --only."""
    lines = ["| App | Level | Map bytes | WS bytes | Runs/load | Draw median | Rerun median | Runs/rerun |",
             "|---|---|---:|---:|---|---:|---:|---|"]
    for app in apps.values():
        for level, row in app["levels"].items():
            lines.append(f"| {app['app']} | {level.upper()} | {_kb(row['map_bytes'])} | "
                         f"{_kb(row['ws_bytes_total'])} | "
                         f"{sorted(set(row['script_runs_per_load'] + row['script_runs_seen_in_timed_loads']))} | "
                         f"{_s(row['draw_median_s'])} | {_s(row['reruns']['rerun_median_s'])} | "
                         f"{sorted(set(row['reruns']['script_runs_seen_per_rerun']))} |")
    for app in apps.values():
        lines.append(f"\n{app['app']}: server RSS {app['rss_after_every_page']['rss_mib']:.0f} MiB after every "
                     f"page once, {app['rss_after_bench']['rss_mib']:.0f} MiB at the end "
                     f"(peak {app['rss_after_bench']['peak_mib']:.0f} MiB).")
    return lines


def notes(results: dict) -> list[str]:
    """The reruns' medians per level, the off-host requests and the machine."""
    apps, lines = results["apps"], []
    for level in LEVELS:
        parts = []
        for app in apps.values():
            rr = app["levels"][level]["reruns"]
            parts.append(f"{app['app']} {_s(rr['first_run_median_s'])} to the first run's end, "
                         f"{_s(rr['redraw_median_s'])} to the new map drawn, {_s(rr['rerun_median_s'])} to idle "
                         f"({sorted(set(rr['script_runs_seen_per_rerun']))} runs)")
        lines.append(f"\nReruns, {level.upper()}, medians: " + "; ".join(parts) + ".")
    for app in apps.values():
        off = app["off_host"]
        if off["stubbed"] or off["not_served"]:
            lines.append(f"\n{app['app']}: off-host requests answered with a stub: {len(off['stubbed'])}, "
                         f"not served (aborted): {len(off['not_served'])}: " + ", ".join(off["not_served"]))
    m = results["machine"]
    lines.append(f"\nMeasured {results['date_utc']} on {m['cpus']} CPUs, {m['ram_gib']} GiB RAM, Python {m['python']}, "
                 f"Streamlit {m['streamlit']}, streamlit-folium {m['streamlit_folium']}, folium {m['folium']}, "
                 f"{m['chromium']}.")
    return lines


def markdown(results: dict) -> str:
    table = verdict_table(results) if "verdicts" in results else app_table(results["apps"])
    return "\n".join(table + notes(results))


def machine() -> dict:
    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return {"cpus": os.cpu_count(), "ram_gib": round(ram / 1024 ** 3, 1), "platform": platform.platform(),
            "python": platform.python_version(), "streamlit": streamlit.__version__,
            "streamlit_folium": version("streamlit-folium"), "folium": folium.__version__,
            "playwright": version("playwright"), "chromium": chromium_version()}
