"""One page load of one app, measured: bytes over the websocket (with CDP), script runs, when every area was drawn and
where the time went; and a page opened once (for the memory reading)."""

from __future__ import annotations

import statistics
import time

from playwright.sync_api import BrowserContext, Page

from bench.map.assets import OffHost, route_off_host
from bench.map.config import TIMEOUT_MS, VIEWPORT
from bench.map.frames import WebSocketLog, map_breakdown, summarise_frames
from bench.map.probes import TIME_ORIGIN, init_script, read_draws, wait_until_idle, wait_until_page_idle
from tests.support.harness import AppServer


def median(values: list[float | None]) -> float | None:
    """The median, rounded to the millisecond; None if any value is missing."""
    return round(statistics.median(values), 3) if values and all(v is not None for v in values) else None


def new_page(browser, server: AppServer, off_host: OffHost,
             capture: bool) -> tuple[BrowserContext, Page, WebSocketLog | None]:
    """A page in a new browser context (empty HTTP cache, new Streamlit session). With `capture`, websocket
    frames are recorded over CDP; the timed loads and reruns run without it, so that decoding large frames in
    this process does not compete for the two cores while the browser draws."""
    context = browser.new_context(viewport=VIEWPORT)
    route_off_host(context, server.port, off_host)
    context.add_init_script(init_script())
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.bench_errors = errors  # type: ignore[attr-defined]
    return context, page, (WebSocketLog(context, page) if capture else None)


def first_complete(draws: list[dict], expected: int, after: float) -> tuple[float | None, int]:
    """Earliest time (page clock) at which a map iframe held `expected` paths, after `after`; and the largest
    number of paths seen."""
    best, most = None, 0
    for draw in draws:
        for entry in draw["timeline"]:
            most = max(most, entry["count"])
            if entry["count"] == expected and entry["at"] >= after:
                best = entry["at"] if best is None else min(best, entry["at"])
    return best, most


def runs_seen(states: list, since: float) -> int:
    """Script runs seen in the page: changes of the app's script state to "running" after `since`."""
    count, previous = 0, None
    for at, state in states:
        if state == "running" and previous != "running" and at >= since:
            count += 1
        previous = state
    return count


def phases(bench: dict, draws: list[dict], origin: float, expected: int, navigation: dict) -> dict:
    """Where a page load's time goes, in seconds from navigation start."""
    def rel(at: float | None) -> float | None:
        return None if at is None else round((at - origin) / 1000, 3)

    states = bench["states"]
    running = [at for at, state in states if state == "running"]
    first_idle = next((at for at, state in states if state == "notRunning" and running and at > running[0]), None)
    maps = [d for d in draws if d["timeline"]]
    first_path = min((e["at"] for d in maps for e in d["timeline"] if e["count"] > 0), default=None)
    messages = [m for m in bench.get("messages", []) if m[0] >= origin]
    largest = max(messages, key=lambda m: m[1], default=None)
    drawn = first_complete(draws, expected, origin)[0]
    seen = min((d["created"] for d in maps), default=None)
    leaflet = min((d["leaflet"] for d in maps if d.get("leaflet")), default=None)
    return {
        # the map's own part of the load: its message's arrival, or its iframe's mounting, to every area drawn
        "map_message_to_drawn_s": rel(origin + drawn - largest[0]) if drawn and largest else None,
        "map_iframe_to_drawn_s": rel(origin + drawn - seen) if drawn and seen else None,
        "map_leaflet_to_drawn_s": rel(origin + drawn - leaflet) if drawn and leaflet else None,
        "html_response_end_s": rel(origin + navigation["responseEnd"]) if navigation else None,
        "dom_content_loaded_s": rel(origin + navigation["domContentLoadedEventEnd"]) if navigation else None,
        "first_script_run_start_s": rel(running[0] if running else None),
        "largest_ws_message_arrived_s": rel(largest[0] if largest else None),
        "largest_ws_message_bytes": largest[1] if largest else None,
        "last_ws_message_arrived_s": rel(messages[-1][0] if messages else None),
        "first_script_run_end_s": rel(first_idle),
        "last_script_run_end_s": rel(states[-1][0]),
        "map_iframe_seen_s": rel(seen),
        "leaflet_ready_s": rel(leaflet),
        "first_area_drawn_s": rel(first_path),
        "every_area_drawn_s": rel(drawn),
    }


def measure_load(browser, server: AppServer, url: str, expected: int, settle_s: float, off_host: OffHost,
                 capture: bool = False, warm_cache: bool = False) -> dict:
    """One page load in a new browser context. With warm_cache the page is loaded once first in the same
    context, so that the browser's HTTP cache holds Streamlit's and the component's files."""
    context, page, ws = new_page(browser, server, off_host, capture)
    try:
        if warm_cache:
            page.goto(url)
            wait_until_idle(page, expected, page.evaluate(TIME_ORIGIN), 1.0)
            page.goto("about:blank")
            page.wait_for_timeout(200)
        if ws:
            ws.take()
        page.goto(url)
        origin = page.evaluate(TIME_ORIGIN)
        bench = wait_until_idle(page, expected, origin, settle_s)
        draws = read_draws(page)
        navigation = page.evaluate("() => { const n = performance.getEntriesByType('navigation')[0];"
                                   " return n ? n.toJSON() : null; }")
        result = {}
        if ws:
            page.wait_for_timeout(200)  # let the last CDP frame events arrive
            frames = ws.take()
            result = {**summarise_frames(frames), "map_breakdown": map_breakdown(frames)}
        drawn_at, most = first_complete(draws, expected, origin)
        return {
            "draw_s": round((drawn_at - origin) / 1000, 3) if drawn_at else None,
            "idle_s": round((bench["states"][-1][0] - origin) / 1000, 3),
            "script_runs_seen": runs_seen(bench["states"], origin),
            "paths_max": most,
            "map_iframes": len(draws),
            "phases": phases(bench, draws, origin, expected, navigation or {}),
            "page_errors": list(page.bench_errors),  # type: ignore[attr-defined]
            **result,
        }
    finally:
        context.close()



def open_once(browser, server: AppServer, path: str, off_host: OffHost) -> dict:
    """Open a page in a new context and wait until the app is idle (no map expected)."""
    context, page, ws = new_page(browser, server, off_host, capture=True)
    try:
        start = time.perf_counter()
        page.goto(f"{server.url}/{path.lstrip('/')}")
        wait_until_page_idle(page, settle_ms=1000)
        page.wait_for_timeout(200)
        return {"path": path, "loaded_s": round(time.perf_counter() - start, 3),
                "script_runs": summarise_frames(ws.take())["script_runs"] if ws else None,
                "page_errors": list(page.bench_errors)}  # type: ignore[attr-defined]
    finally:
        context.close()

