"""The run: both apps' servers side by side, every measurement alternating between them (baseline, ours, baseline,
...) so that both see the same machine load; first every page once on a fresh server (the memory reading), then per
level the CDP loads, the timed loads and the reruns."""

from __future__ import annotations

import contextlib
import sys
from dataclasses import dataclass

from bench.map.assets import OffHost
from bench.map.config import LEVELS, AppSpec
from bench.map.measure import measure_load, median, open_once
from bench.map.reruns import Reruns
from bench.map.server import rss_mib, run_server
from tests.support.harness import AppServer


@dataclass(frozen=True)
class Settings:
    """The command line's choices that the measurements use."""

    loads: int
    byte_loads: int
    reruns: int
    warmup: int
    settle: float


@dataclass
class Apps:
    """The apps being measured: their descriptions, servers and off-host records, and the results so far."""

    browser: object
    specs: dict[str, AppSpec]
    servers: dict[str, AppServer]
    off_host: dict[str, OffHost]
    settings: Settings

    def map_url(self, name: str, level: str) -> str:
        return f"{self.servers[name].url}/{self.specs[name].map_path.lstrip('/')}?level={level}"

    def path(self, name: str, level: str) -> str:
        return self.map_url(name, level).replace(self.servers[name].url, "")


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def open_every_page(apps: Apps, name: str) -> dict:
    """Every page once, then the map at each level, on a server that has served nothing yet; memory after each."""
    server = apps.servers[name]
    result: dict = {"rss_at_start": rss_mib(server.process.pid)}
    opened = []
    for path in apps.specs[name].pages:
        log(f"  {name}: opening /{path}")
        page = open_once(apps.browser, server, path, apps.off_host[name])
        opened.append({**page, "rss_after_mib": rss_mib(server.process.pid)["rss_mib"]})
    for level, expected in LEVELS.items():
        log(f"  {name}: opening the map, {level}")
        cold = measure_load(apps.browser, server, apps.map_url(name, level), expected, apps.settings.settle,
                            apps.off_host[name], capture=True)
        cold.pop("map_breakdown", None)
        opened.append({"path": apps.path(name, level), "first_on_server": True,
                       "rss_after_mib": rss_mib(server.process.pid)["rss_mib"], **cold})
    result["opened_once"] = opened
    result["rss_after_every_page"] = rss_mib(server.process.pid)
    return result


def alternating_loads(apps: Apps, level: str, count: int, **options) -> dict[str, list[dict]]:
    """`count` loads of each app's map page at `level`, alternating between the apps."""
    out: dict[str, list[dict]] = {name: [] for name in apps.specs}
    for _ in range(count):
        for name in apps.specs:
            out[name].append(measure_load(apps.browser, apps.servers[name], apps.map_url(name, level),
                                          LEVELS[level], apps.settings.settle, apps.off_host[name], **options))
    return out


def alternating_reruns(apps: Apps, level: str) -> dict[str, dict]:
    """Warm-up reruns, then timed ones, on each app's map page at `level`, alternating between the apps."""
    pages = {name: Reruns(apps.browser, apps.servers[name], apps.map_url(name, level), LEVELS[level],
                          apps.specs[name], apps.settings.settle, apps.off_host[name]) for name in apps.specs}
    try:
        for timed, count in ((False, apps.settings.warmup), (True, apps.settings.reruns)):
            for _ in range(count):
                for name in apps.specs:
                    pages[name].rerun(timed=timed)
        return {name: pages[name].summary() for name in apps.specs}
    finally:
        for page in pages.values():
            page.close()


def level_result(path: str, expected: int, captured: list[dict], fresh: list[dict], warm: list[dict],
                 reruns: dict) -> dict:
    """One app's results at one level."""
    first = captured[0]
    return {
        "areas": expected,
        "url": path,
        "map_bytes": first["map_bytes"],
        "map_bytes_all_captured_loads": [load["map_bytes"] for load in captured],
        "ws_bytes_total": first["ws_bytes_total"],
        "largest_message": first["largest_message"],
        "map_breakdown": first["map_breakdown"],
        "script_runs_per_load": [load["script_runs"] for load in captured],
        "script_runs_seen_in_timed_loads": [load["script_runs_seen"] for load in fresh + warm],
        "draw_median_s": median([load["draw_s"] for load in fresh]),
        "draw_all_s": [load["draw_s"] for load in fresh],
        "draw_warm_browser_cache_median_s": median([load["draw_s"] for load in warm]),
        "draw_warm_browser_cache_all_s": [load["draw_s"] for load in warm],
        "phases_median": {key: median([load["phases"][key] for load in fresh]) for key in fresh[0]["phases"]},
        "phases_warm_browser_cache_median": {key: median([load["phases"][key] for load in warm])
                                             for key in warm[0]["phases"]},
        "captured_loads": captured,
        "loads": fresh,
        "loads_warm_browser_cache": warm,
        "reruns": reruns,
    }


def measure(browser, specs: dict[str, AppSpec], env: dict[str, str], settings: Settings) -> dict:
    """Both apps measured side by side; returns each app's results."""
    names = list(specs)
    results: dict[str, dict] = {name: {"app": name, "script": specs[name].script, "levels": {}} for name in names}
    with contextlib.ExitStack() as stack:
        servers = {name: stack.enter_context(run_server(specs[name].script, env)) for name in names}
        apps = Apps(browser, specs, servers, {name: OffHost() for name in names}, settings)
        for name in names:
            results[name].update(open_every_page(apps, name))
        for level, expected in LEVELS.items():
            log(f"  {level}: loads")
            captured = alternating_loads(apps, level, settings.byte_loads, capture=True)
            fresh = alternating_loads(apps, level, settings.loads)
            warm = alternating_loads(apps, level, settings.loads, warm_cache=True)
            log(f"  {level}: reruns")
            reruns = alternating_reruns(apps, level)
            for name in names:
                results[name]["levels"][level] = level_result(apps.path(name, level), expected, captured[name],
                                                              fresh[name], warm[name], reruns[name])
        for name in names:
            record = apps.off_host[name]
            results[name]["rss_after_bench"] = rss_mib(servers[name].process.pid)
            results[name]["off_host"] = {"served_locally": record.served, "stubbed": record.stubbed,
                                         "not_served": record.not_served}
    return results
