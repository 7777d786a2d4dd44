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
    .venv/bin/python bench/map_bench.py                  # both apps, both levels
    .venv/bin/python bench/map_bench.py --only baseline  # the harness on the baseline alone
"""

from __future__ import annotations

import argparse
import ast
import base64
import contextlib
import datetime as dt
import importlib.util
import json
import mimetypes
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from playwright.sync_api import BrowserContext, Page, sync_playwright  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from tests.e2e.conftest import CHROMIUM_ARGS, chromium_path, is_app_url, run_app  # noqa: E402
from tests.e2e.conftest import AppServer as Server  # noqa: E402

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


@dataclass
class AppSpec:
    name: str
    script: str
    map_path: str                   # the map page's URL path (query ?level=<level> is added)
    rerun_select: str | None        # label of the select whose options are alternated for reruns
    rerun_options: tuple[str, str] | None = None  # the two options to alternate (None: current and next)
    pages: list[str] = field(default_factory=list)  # URL paths opened once before the RSS reading


# --- the baseline's CDN files, served from pip packages ---------------------------------------------

@dataclass(frozen=True)
class Asset:
    url: str               # exact URL, or a prefix when it ends with "/"
    package: str           # the pip distribution (pinned in bench/requirements.txt)
    module: str            # where its files are: an importable module's folder
    path: str              # file (or folder, for a prefix) inside that folder
    note: str              # same version as the CDN's, or how it differs


STUB = "stub"  # `module` for a URL answered with an empty file (no pip package ships it)

ASSETS = [
    Asset("https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/", "XStatic-Leaflet==1.9.3.0", "xstatic.pkg.leaflet",
          "data/", "Leaflet 1.9.3, same version (folder: leaflet.js, leaflet.css, images/)"),
    Asset("https://code.jquery.com/jquery-3.7.1.min.js", "XStatic-jQuery==3.7.1.1", "xstatic.pkg.jquery",
          "data/jquery.min.js", "jQuery 3.7.1, same version"),
    Asset("https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/dist/js/bootstrap.bundle.min.js", "Bootstrap-Flask==2.2.0",
          "flask_bootstrap", "static/bootstrap5/js/bootstrap.min.js",
          "Bootstrap 5.2.2, same version, but bootstrap.min.js: the bundle's Popper is not included "
          "(60 KB instead of about 80 KB; nothing on the map uses Popper)"),
    Asset("https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/dist/css/bootstrap.min.css", "Bootstrap-Flask==2.2.0",
          "flask_bootstrap", "static/bootstrap5/css/bootstrap.min.css", "Bootstrap 5.2.2, same version"),
    Asset("https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@6.2.0/", "fontawesomefree==6.2.0",
          "fontawesomefree", "static/fontawesomefree/", "Font Awesome Free 6.2.0, same version (css/, webfonts/)"),
    Asset("https://d3js.org/d3.v4.min.js", "XStatic-D3==3.5.17.1", "xstatic.pkg.d3", "data/d3.js",
          "DIFFERENT: d3 3.5.17 (unminified, about 340 KB) instead of d3 v4 (4.13.0 minified, about 210 KB); no pip "
          "package ships d3 v4. st_folium loads d3 3.5.5 right after it, which replaces window.d3, so the map "
          "and its legend run on d3 v3 online too"),
    Asset("https://cdnjs.cloudflare.com/ajax/libs/d3/3.5.5/d3.min.js", "XStatic-D3==3.5.17.1", "xstatic.pkg.d3",
          "data/d3.js", "DIFFERENT: d3 3.5.17 unminified (about 340 KB) instead of 3.5.5 minified (about 150 KB)"),
    Asset("https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.js", "-",
          STUB, "", "NOT SERVED: answered with an empty script (no pip package ships Leaflet.awesome-markers; the "
          "choropleth draws no marker). Without an answer st_folium's loader stops and the map never draws"),
]


def _module_dir(module: str) -> Path | None:
    spec = importlib.util.find_spec(module)  # no import: flask_bootstrap's __init__ needs Flask
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def resolve_asset(url: str) -> tuple[Asset, Path | None] | None:
    """(asset, local file) for a CDN URL the baseline loads; None when no package provides it."""
    bare = url.split("?")[0].split("#")[0]
    for asset in ASSETS:
        if asset.url.endswith("/") and bare.startswith(asset.url):
            rest = bare[len(asset.url):]
        elif bare == asset.url:
            rest = ""
        else:
            continue
        if asset.module == STUB:
            return asset, None
        folder = _module_dir(asset.module)
        if folder is None:
            raise RuntimeError(f"{asset.package} is not installed: .venv/bin/python -m pip install --no-deps "
                               "-r bench/requirements.txt")
        path = folder / asset.path / rest if rest else folder / asset.path
        return (asset, path) if path.is_file() else None
    return None


@dataclass
class OffHost:
    served: dict[str, str] = field(default_factory=dict)       # url -> local source
    stubbed: dict[str, str] = field(default_factory=dict)
    not_served: list[str] = field(default_factory=list)


def route_off_host(context: BrowserContext, port: int, record: OffHost) -> None:
    """Answer the baseline's CDN requests from pip packages; abort (and record) every other off-host one."""
    def handle(route) -> None:
        url = route.request.url
        found = resolve_asset(url)
        if found is None:
            if url not in record.not_served:
                record.not_served.append(url)
            route.abort()
            return
        asset, path = found
        headers = {"Access-Control-Allow-Origin": "*"}
        if path is None:
            record.stubbed[url] = asset.note
            route.fulfill(status=200, body="/* bench: not served locally */\n", headers=headers,
                          content_type="application/javascript")
            return
        record.served[url] = f"{asset.package}: {path.relative_to(_module_dir(asset.module))}"
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if path.suffix == ".js":
            kind = "application/javascript"
        route.fulfill(status=200, body=path.read_bytes(), headers=headers, content_type=kind)

    context.route(lambda url: not is_app_url(url, port), handle)


# --- the server ------------------------------------------------------------------------------------

def run_server(script: str, env: dict[str, str]):
    """`python -m streamlit run <script>` on a free port, started as the browser tests start the app."""
    return run_app(START_TIMEOUT_S, script=script, env=env)


def rss_mib(pid: int) -> dict[str, float]:
    """The process's resident memory now and its peak (VmHWM), in MiB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = round(int(value.split()[0]) / 1024, 1)
    try:
        import psutil  # the same number as VmRSS; read through psutil when it is there, as a cross-check
        fields["psutil_rss"] = round(psutil.Process(pid).memory_info().rss / MIB, 1)
    except ImportError:
        pass
    return {"rss_mib": fields["VmRSS"], "peak_mib": fields["VmHWM"], **({"psutil_rss_mib": fields["psutil_rss"]}
                                                                        if "psutil_rss" in fields else {})}


# --- what the page records (every frame: script state in the app, draw progress in the map iframe) ----

INIT_SCRIPT = """
(() => {
  if (window.top !== window) return;
  const now = () => performance.timeOrigin + performance.now();
  const bench = window.__bench = {states: [], draws: [], messages: []};
  // Arrival time and size of every websocket message (the page's own clock; no CDP needed).
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = new Proxy(NativeWebSocket, {construct(target, args) {
    const socket = Reflect.construct(target, args);
    socket.addEventListener('message', (event) => {
      const data = event.data;
      bench.messages.push([now(), data.byteLength ?? data.size ?? data.length ?? 0]);
    });
    return socket;
  }});
  let last = null;
  const record = (app) => {
    const state = app.getAttribute('data-test-script-state');
    if (state !== last) { last = state; bench.states.push([now(), state]); }
  };
  const attach = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app) { setTimeout(attach, 5); return; }
    record(app);
    new MutationObserver(() => record(app)).observe(app, {attributes: true,
      attributeFilter: ['data-test-script-state']});
  };
  attach();
  // Draw progress, polled once per animation frame (the component iframe is same-origin, so its document
  // is readable from here; it shares this renderer's main thread, so a poll runs in the frame that paints
  // what the iframe's script added). Every change in the number of interactive Leaflet paths, or in their
  // fill colours, is recorded per iframe element (a re-mounted component is a new element, with a new
  // timeline; areas swapped inside the same map change the colours).
  const seen = new WeakMap();
  const poll = () => {
    for (const frame of document.querySelectorAll('iframe')) {
      let count = -1, fills = '';
      try {
        const paths = frame.contentDocument ? frame.contentDocument.querySelectorAll('path.leaflet-interactive')
                                            : null;
        count = paths ? paths.length : -1;
        if (paths) { fills = Array.from(paths, (p) => p.getAttribute('fill')).join(); }
      } catch (e) { count = -1; }
      let draw = seen.get(frame);
      if (!draw) {
        draw = {title: frame.title || '', created: now(), timeline: [], last: null, fills: '', leaflet: null};
        seen.set(frame, draw);
        bench.draws.push({draw, frame});
      }
      // When Leaflet has been evaluated in the iframe: what follows is the map's own work (its other scripts,
      // then its script: geometry parsed, layers made, areas drawn).
      try { if (draw.leaflet === null && frame.contentWindow && frame.contentWindow.L) { draw.leaflet = now(); } }
      catch (e) { /* not same-origin */ }
      // A new entry when the number of areas changes, or their colours do (areas redrawn in the same map).
      if (count !== draw.last || fills !== draw.fills) {
        draw.last = count; draw.fills = fills; draw.timeline.push({at: now(), count});
      }
    }
  };
  const loop = () => { poll(); requestAnimationFrame(loop); };
  requestAnimationFrame(loop);
  setInterval(poll, 50);  // in case animation frames are throttled
})();
"""

# The map iframes' draw timelines: the folium component's, else any iframe that drew Leaflet paths.
READ_DRAW = """(title) => {
  const all = (window.__bench ? window.__bench.draws : []).map(({draw, frame}) => ({
    title: draw.title, created: draw.created, leaflet: draw.leaflet, timeline: draw.timeline,
    attached: frame.isConnected}));
  const maps = all.filter(d => d.title === title);
  return maps.length ? maps : all.filter(d => d.timeline.some(e => e.count > 0));
}"""

NOW = "() => performance.timeOrigin + performance.now()"


def wait_until_idle(page: Page, expected: int, since: float, settle_s: float) -> dict:
    """Wait until the app has been `notRunning` for settle_s seconds (at least one run having started after
    `since`, a page-clock time) and the map iframe holds `expected` interactive paths. Returns the states."""
    script = """([since, settle, expected, title]) => {
      const b = window.__bench; if (!b || !b.states.length) return false;
      const t = performance.timeOrigin + performance.now();
      const started = b.states.some(([at, s]) => at >= since && s === 'running');
      const [lastAt, lastState] = b.states[b.states.length - 1];
      if (!started || lastState !== 'notRunning' || t - lastAt < settle) return false;
      let maps = b.draws.filter(({draw, frame}) => frame.isConnected && draw.title === title);
      if (!maps.length) maps = b.draws.filter(({draw, frame}) => frame.isConnected && draw.last > 0);
      return maps.some(({draw}) => draw.last === expected);
    }"""
    page.wait_for_function(script, arg=[since, settle_s * 1000, expected, MAP_TITLE], polling=100,
                           timeout=TIMEOUT_MS)
    return page.evaluate("() => ({states: window.__bench.states, messages: window.__bench.messages})")


# --- the websocket: ForwardMsgs and their sizes ------------------------------------------------------

@dataclass
class Frame:
    size: int                 # payload bytes
    kind: str                 # ForwardMsg type, "delta:<element type>[:component]", or "text"/"unparsed"
    is_map: bool
    msg_hash: str = ""
    ref_hash: str = ""
    status: str = ""          # script_finished status
    map_args: str = ""        # a folium component's JSON arguments (map messages sent in full only)


class WebSocketLog:
    """Websocket frames the browser received (CDP Network.webSocketFrameReceived), decoded as ForwardMsgs."""

    def __init__(self, context: BrowserContext, page: Page) -> None:
        self.frames: list[Frame] = []
        self.map_hashes: set[str] = set()
        self.cdp = context.new_cdp_session(page)
        self.cdp.on("Network.webSocketFrameReceived", self._on_frame)
        self.cdp.send("Network.enable")

    def _on_frame(self, params: dict) -> None:
        response = params["response"]
        payload = response.get("payloadData", "")
        if response.get("opcode") != 2:
            self.frames.append(Frame(len(payload.encode()), "text", False))
            return
        data = base64.b64decode(payload)
        msg = ForwardMsg()
        try:
            msg.ParseFromString(data)
        except Exception:  # noqa: BLE001 - a frame we cannot decode is still counted
            self.frames.append(Frame(len(data), "unparsed", False))
            return
        kind = msg.WhichOneof("type") or "none"
        is_map = False
        status = ""
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            etype = element.WhichOneof("type") or "none"
            kind = f"delta:{etype}"
            if etype == "component_instance":
                kind += f":{element.component_instance.component_name}"
                is_map = "folium" in element.component_instance.component_name.lower()
            if not is_map:
                is_map = b"leaflet" in data.lower() and etype in ("iframe", "html", "bidi_component",
                                                                 "component_instance")
        elif kind == "delta":
            kind = f"delta:{msg.delta.WhichOneof('type')}"
        elif kind == "script_finished":
            status = ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)
        elif kind == "ref_hash":
            is_map = msg.ref_hash in self.map_hashes
        if is_map and msg.hash:
            self.map_hashes.add(msg.hash)
        args = msg.delta.new_element.component_instance.json_args if is_map and kind.startswith("delta:") else ""
        self.frames.append(Frame(len(data), kind, is_map, msg.hash, msg.ref_hash if kind == "ref_hash" else "", status,
                                 args))

    def take(self) -> list[Frame]:
        frames, self.frames = self.frames, []
        return frames


def summarise_frames(frames: list[Frame]) -> dict:
    runs = sum(f.kind == "new_session" for f in frames)
    finished = [f.status for f in frames if f.kind == "script_finished"]
    by_kind: dict[str, int] = {}
    for f in frames:
        by_kind[f.kind] = by_kind.get(f.kind, 0) + f.size
    largest = max(frames, key=lambda f: f.size, default=None)
    map_frames = [f for f in frames if f.is_map]
    return {
        "ws_bytes_total": sum(f.size for f in frames),
        "ws_frames": len(frames),
        "map_bytes": sum(f.size for f in map_frames),
        "map_messages": len(map_frames),
        "map_messages_sent_in_full": sum(f.kind != "ref_hash" for f in map_frames),
        "map_messages_as_cache_refs": sum(f.kind == "ref_hash" for f in map_frames),
        "largest_message": {"kind": largest.kind, "bytes": largest.size} if largest else None,
        "bytes_by_kind": dict(sorted(by_kind.items(), key=lambda kv: -kv[1])[:8]),
        "script_runs": runs,
        "script_finished": finished,
    }


STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
NUMERIC_RUN = re.compile(r"[\[\]\d.,\s-]{24,}")
NUMBER = re.compile(r"-?\d+(?:\.(\d+))?")


def map_breakdown(frames: list[Frame]) -> dict | None:
    """What the largest map message is made of: its component arguments by size, and its script split into
    JSON string literals (names, codes, tooltips, colours, property keys), long numeric arrays (coordinates,
    quantised or not) and the rest (JavaScript)."""
    full = [f for f in frames if f.map_args]
    if not full:
        return None
    largest = max(full, key=lambda f: f.size)
    args = json.loads(largest.map_args)
    script = str(args.get("script", ""))
    strings = STRING.findall(script)
    rest = STRING.sub("", script)
    runs = [run for run in NUMERIC_RUN.findall(rest) if sum(c.isdigit() for c in run) > len(run) / 3]
    numbers = NUMBER.findall("".join(runs))
    return {
        "message_bytes": largest.size,
        "args_bytes": {key: len(json.dumps(value)) for key, value in
                       sorted(args.items(), key=lambda kv: -len(json.dumps(kv[1])))[:6]},
        "script_bytes": len(script),
        "script_string_literals_bytes": sum(map(len, strings)),
        "script_unicode_escape_bytes": sum(len(m) for m in re.findall(r"\\u00[0-9a-fA-F]{2}", script)),
        "script_numeric_arrays_bytes": sum(map(len, runs)),
        "script_other_bytes": len(script) - sum(map(len, strings)) - sum(map(len, runs)),
        "numbers_in_arrays": len(numbers),
        "max_decimal_places": max((len(d) for d in numbers if d), default=0),
        "feature_collections": script.count('"FeatureCollection"'),
    }


# --- one page load, one rerun --------------------------------------------------------------------------

def new_page(browser, server: Server, off_host: OffHost,
             capture: bool) -> tuple[BrowserContext, Page, WebSocketLog | None]:
    """A page in a new browser context (empty HTTP cache, new Streamlit session). With `capture`, websocket
    frames are recorded over CDP; the timed loads and reruns run without it, so that decoding large frames in
    this process does not compete for the two cores while the browser draws."""
    context = browser.new_context(viewport=VIEWPORT)
    route_off_host(context, server.port, off_host)
    context.add_init_script(INIT_SCRIPT)
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


def measure_load(browser, server: Server, url: str, expected: int, settle_s: float, off_host: OffHost,
                 capture: bool = False, warm_cache: bool = False) -> dict:
    """One page load in a new browser context. With warm_cache the page is loaded once first in the same
    context, so that the browser's HTTP cache holds Streamlit's and the component's files."""
    context, page, ws = new_page(browser, server, off_host, capture)
    try:
        if warm_cache:
            page.goto(url)
            wait_until_idle(page, expected, page.evaluate("() => performance.timeOrigin"), 1.0)
            page.goto("about:blank")
            page.wait_for_timeout(200)
        if ws:
            ws.take()
        page.goto(url)
        origin = page.evaluate("() => performance.timeOrigin")
        bench = wait_until_idle(page, expected, origin, settle_s)
        draws = page.evaluate(READ_DRAW, MAP_TITLE)
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


def select_combobox(page: Page, label: str | None):
    main = page.locator('[data-testid="stMain"]')
    if label:
        return main.get_by_role("combobox", name=label, exact=True)
    return main.locator('[data-testid="stSelectbox"]').first.get_by_role("combobox")


def option_names(page: Page, label: str | None) -> tuple[list[str], str]:
    box = select_combobox(page, label)
    current = box.input_value() if box.evaluate("e => e.tagName") == "INPUT" else box.inner_text()
    box.click()
    options = page.get_by_role("option")
    options.first.wait_for()
    names = [name.strip() for name in options.all_inner_texts()]
    page.keyboard.press("Escape")
    return names, current


class Reruns:
    """One page of one app on which the select is switched back and forth: `warmup` reruns first (recorded
    over CDP: bytes and exact script runs per rerun), then timed ones without CDP."""

    def __init__(self, browser, server: Server, url: str, expected: int, spec: AppSpec, settle_s: float,
                 off_host: OffHost) -> None:
        self.spec, self.expected, self.settle_s = spec, expected, settle_s
        self.context, self.page, self.ws = new_page(browser, server, off_host, capture=True)
        self.page.goto(url)
        wait_until_idle(self.page, expected, self.page.evaluate("() => performance.timeOrigin"), settle_s)
        names, current = option_names(self.page, spec.rerun_select)
        if spec.rerun_options:
            self.pair = list(spec.rerun_options)
        elif current in names and len(names) >= 2:
            self.pair = [names[(names.index(current) + 1) % len(names)], current]
        else:
            raise RuntimeError(f"{spec.name}: the select {spec.rerun_select or '(first)'} has options {names}, "
                               f"current {current!r}: cannot alternate two options")
        self.warmup: list[dict] = []
        self.timed: list[dict] = []

    def rerun(self, timed: bool) -> None:
        if timed and self.ws:
            self.ws.cdp.detach()
            self.ws = None
        runs = self.timed if timed else self.warmup
        runs.append(self._once(self.pair[(len(self.warmup) + len(self.timed)) % 2]))

    def _once(self, option: str) -> dict:
        """Choose `option`; time (page clock) until the last script run ended and the map is complete."""
        page = self.page
        select_combobox(page, self.spec.rerun_select).click()
        choice = page.get_by_role("option", name=option, exact=True)
        choice.wait_for()
        page.wait_for_timeout(300)
        if self.ws:
            self.ws.take()
        start = page.evaluate(NOW)
        choice.click()
        bench = wait_until_idle(page, self.expected, start, self.settle_s)
        draws = page.evaluate(READ_DRAW, MAP_TITLE)
        idle_at = bench["states"][-1][0]
        after = [(at, state) for at, state in bench["states"] if at >= start]
        first_run_end = next((at for i, (at, state) in enumerate(after)
                              if state == "notRunning" and any(s == "running" for _, s in after[:i])), idle_at)
        redrawn_at, _ = first_complete(draws, self.expected, start)
        end = max(idle_at, redrawn_at or idle_at)
        messages = [m for m in bench["messages"] if m[0] >= start]
        largest = max(messages, key=lambda m: m[1], default=None)
        result = {"option": option, "rerun_s": round((end - start) / 1000, 3),
                  "idle_s": round((idle_at - start) / 1000, 3),
                  "first_run_s": round((first_run_end - start) / 1000, 3),
                  "redraw_s": round((redrawn_at - start) / 1000, 3) if redrawn_at else None,
                  "script_runs_seen": runs_seen(bench["states"], start),
                  "first_ws_message_s": round((messages[0][0] - start) / 1000, 3) if messages else None,
                  "largest_ws_message_s": round((largest[0] - start) / 1000, 3) if largest else None,
                  "largest_ws_message_bytes": largest[1] if largest else None,
                  "last_ws_message_s": round((messages[-1][0] - start) / 1000, 3) if messages else None,
                  "ws_messages": len(messages), "ws_bytes_seen": sum(m[1] for m in messages)}
        if self.ws:
            page.wait_for_timeout(200)
            summary = summarise_frames(self.ws.take())
            result.update(script_runs=summary["script_runs"], map_bytes=summary["map_bytes"],
                          ws_bytes_total=summary["ws_bytes_total"])
        return result

    def summary(self) -> dict:
        timed = self.timed
        return {
            "widget": self.spec.rerun_select or "(first select on the page)", "options": self.pair,
            "rerun_median_s": round(statistics.median(r["rerun_s"] for r in timed), 3),
            "rerun_all_s": [r["rerun_s"] for r in timed],
            "idle_all_s": [r["idle_s"] for r in timed],
            "first_run_median_s": round(statistics.median(r["first_run_s"] for r in timed), 3),
            "first_run_all_s": [r["first_run_s"] for r in timed],
            "redraw_all_s": [r["redraw_s"] for r in timed],
            "redraw_median_s": _median([r["redraw_s"] for r in timed]),
            "first_ws_message_median_s": _median([r["first_ws_message_s"] for r in timed]),
            "largest_ws_message_median_s": _median([r["largest_ws_message_s"] for r in timed]),
            "last_ws_message_median_s": _median([r["last_ws_message_s"] for r in timed]),
            "largest_ws_message_bytes": [r["largest_ws_message_bytes"] for r in timed],
            "script_runs_seen_per_rerun": [r["script_runs_seen"] for r in timed],
            "warmup": self.warmup,
            "page_errors": list(self.page.bench_errors),  # type: ignore[attr-defined]
        }

    def close(self) -> None:
        self.context.close()


def open_once(browser, server: Server, path: str, off_host: OffHost) -> dict:
    """Open a page in a new context and wait until the app is idle (no map expected)."""
    context, page, ws = new_page(browser, server, off_host, capture=True)
    try:
        start = time.perf_counter()
        page.goto(f"{server.url}/{path.lstrip('/')}")
        script = """(settle) => { const b = window.__bench; if (!b || !b.states.length) return false;
          const [at, s] = b.states[b.states.length - 1];
          return b.states.some(([, x]) => x === 'running') && s === 'notRunning'
                 && performance.timeOrigin + performance.now() - at > settle
                 && document.querySelectorAll('[data-testid="stSkeleton"]').length === 0; }"""
        page.wait_for_function(script, arg=1000, polling=100, timeout=TIMEOUT_MS)
        page.wait_for_timeout(200)
        return {"path": path, "loaded_s": round(time.perf_counter() - start, 3),
                "script_runs": summarise_frames(ws.take())["script_runs"] if ws else None,
                "page_errors": list(page.bench_errors)}  # type: ignore[attr-defined]
    finally:
        context.close()


# --- the apps ------------------------------------------------------------------------------------------

def app_pages() -> list[str]:
    """The URL paths of app.py's PAGES (st.Page(..., url_path=...)), read without running Streamlit."""
    tree = ast.parse((REPO_ROOT / "app.py").read_text())
    paths = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "Page":
            keywords = {k.arg: k.value for k in node.keywords}
            path = keywords.get("url_path")
            if isinstance(path, ast.Constant):
                paths.append(str(path.value))
            elif node.args and isinstance(node.args[0], ast.Constant):
                paths.append(Path(str(node.args[0].value)).stem)
    return paths


def _median(values: list[float | None]) -> float | None:
    return round(statistics.median(values), 3) if values and all(v is not None for v in values) else None


def measure(browser, specs: dict[str, AppSpec], env: dict[str, str], args) -> dict:
    """Both apps' servers run side by side; every measurement alternates between them (baseline, ours,
    baseline, ...), so that both see the same machine load."""
    names = list(specs)
    off_host = {name: OffHost() for name in names}
    apps: dict[str, dict] = {name: {"app": name, "script": specs[name].script, "levels": {}} for name in names}
    with contextlib.ExitStack() as stack:
        servers = {name: stack.enter_context(run_server(specs[name].script, env)) for name in names}

        def map_url(name: str, level: str) -> str:
            return f"{servers[name].url}/{specs[name].map_path.lstrip('/')}?level={level}"

        for name in names:  # every page once, on a server that has served nothing yet
            server, app = servers[name], apps[name]
            app["rss_at_start"] = rss_mib(server.process.pid)
            opened = []
            for path in specs[name].pages:
                print(f"  {name}: opening /{path}", file=sys.stderr, flush=True)
                result = open_once(browser, server, path, off_host[name])
                result["rss_after_mib"] = rss_mib(server.process.pid)["rss_mib"]
                opened.append(result)
            for level, expected in LEVELS.items():
                print(f"  {name}: opening the map, {level}", file=sys.stderr, flush=True)
                cold = measure_load(browser, server, map_url(name, level), expected, args.settle, off_host[name],
                                    capture=True)
                cold.pop("map_breakdown", None)
                opened.append({"path": map_url(name, level).replace(server.url, ""), "first_on_server": True,
                               "rss_after_mib": rss_mib(server.process.pid)["rss_mib"], **cold})
            app["opened_once"] = opened
            app["rss_after_every_page"] = rss_mib(server.process.pid)

        for level, expected in LEVELS.items():
            print(f"  {level}: loads", file=sys.stderr, flush=True)

            def loads(count: int, level: str = level, expected: int = expected, **options) -> dict[str, list[dict]]:
                out: dict[str, list[dict]] = {name: [] for name in names}
                for _ in range(count):
                    for name in names:
                        out[name].append(measure_load(browser, servers[name], map_url(name, level), expected,
                                                      args.settle, off_host[name], **options))
                return out

            captured = loads(args.byte_loads, capture=True)
            fresh = loads(args.loads)
            warm = loads(args.loads, warm_cache=True)
            print(f"  {level}: reruns", file=sys.stderr, flush=True)
            pages = {name: Reruns(browser, servers[name], map_url(name, level), expected, specs[name], args.settle,
                                  off_host[name]) for name in names}
            try:
                for _ in range(args.warmup):
                    for name in names:
                        pages[name].rerun(timed=False)
                for _ in range(args.reruns):
                    for name in names:
                        pages[name].rerun(timed=True)
                reruns = {name: pages[name].summary() for name in names}
            finally:
                for page in pages.values():
                    page.close()
            for name in names:
                first = captured[name][0]
                apps[name]["levels"][level] = {
                    "areas": expected,
                    "url": map_url(name, level).replace(servers[name].url, ""),
                    "map_bytes": first["map_bytes"],
                    "map_bytes_all_captured_loads": [load["map_bytes"] for load in captured[name]],
                    "ws_bytes_total": first["ws_bytes_total"],
                    "largest_message": first["largest_message"],
                    "map_breakdown": first["map_breakdown"],
                    "script_runs_per_load": [load["script_runs"] for load in captured[name]],
                    "script_runs_seen_in_timed_loads": [load["script_runs_seen"] for load in fresh[name] + warm[name]],
                    "draw_median_s": _median([load["draw_s"] for load in fresh[name]]),
                    "draw_all_s": [load["draw_s"] for load in fresh[name]],
                    "draw_warm_browser_cache_median_s": _median([load["draw_s"] for load in warm[name]]),
                    "draw_warm_browser_cache_all_s": [load["draw_s"] for load in warm[name]],
                    "phases_median": {key: _median([load["phases"][key] for load in fresh[name]])
                                      for key in fresh[name][0]["phases"]},
                    "phases_warm_browser_cache_median": {key: _median([load["phases"][key] for load in warm[name]])
                                                         for key in warm[name][0]["phases"]},
                    "captured_loads": captured[name],
                    "loads": fresh[name],
                    "loads_warm_browser_cache": warm[name],
                    "reruns": reruns[name],
                }
        for name in names:
            apps[name]["rss_after_bench"] = rss_mib(servers[name].process.pid)
            apps[name]["off_host"] = {"served_locally": off_host[name].served, "stubbed": off_host[name].stubbed,
                                      "not_served": off_host[name].not_served}
    return apps


# --- report --------------------------------------------------------------------------------------------

def verdicts(base: dict, ours: dict) -> dict:
    """Per level: ratio to the baseline and PASS/FAIL for every budget."""
    out: dict = {}
    for level in LEVELS:
        b, o = base["levels"][level], ours["levels"][level]
        rows = {}

        def ratio(mine, theirs):
            return round(mine / theirs, 3) if mine is not None and theirs else None

        r = ratio(o["map_bytes"], b["map_bytes"])
        rows["map_bytes"] = {"ours": o["map_bytes"], "baseline": b["map_bytes"], "ratio": r,
                             "budget": "<= 1/5", "pass": r is not None and r <= BUDGETS["map_bytes"]}
        r = ratio(o["reruns"]["rerun_median_s"], b["reruns"]["rerun_median_s"])
        rows["warm_rerun"] = {"ours": o["reruns"]["rerun_median_s"], "baseline": b["reruns"]["rerun_median_s"],
                              "ratio": r, "budget": "<= 1/4", "pass": r is not None and r <= BUDGETS["warm_rerun"]}
        def all_runs(app: dict) -> list[int]:  # exact (CDP) counts and those seen in the timed loads
            return app["script_runs_per_load"] + app["script_runs_seen_in_timed_loads"]

        rows["script_runs"] = {"ours": sorted(set(all_runs(o))), "baseline": sorted(set(all_runs(b))),
                               "loads": len(all_runs(o)), "ratio": None, "budget": "exactly 1",
                               "pass": all(n == BUDGETS["script_runs"] for n in all_runs(o))}
        r = ratio(o["draw_median_s"], b["draw_median_s"])
        rows["draw"] = {"ours": o["draw_median_s"], "baseline": b["draw_median_s"], "ratio": r,
                        "budget": "<= 1/2", "pass": r is not None and r <= BUDGETS["draw"]}
        # For information (no budget): the same load with the browser's HTTP cache warm, all websocket bytes.
        r = ratio(o["draw_warm_browser_cache_median_s"], b["draw_warm_browser_cache_median_s"])
        rows["draw_warm_browser_cache"] = {"ours": o["draw_warm_browser_cache_median_s"],
                                           "baseline": b["draw_warm_browser_cache_median_s"], "ratio": r,
                                           "budget": "(info) <= 1/2", "info": True,
                                           "pass": r is not None and r <= BUDGETS["draw"]}
        for key in ("map_message_to_drawn_s", "map_iframe_to_drawn_s", "map_leaflet_to_drawn_s"):
            mine, theirs = o["phases_median"][key], b["phases_median"][key]
            r = ratio(mine, theirs)
            rows[key] = {"ours": mine, "baseline": theirs, "ratio": r, "budget": "(info) <= 1/2", "info": True,
                         "pass": r is not None and r <= BUDGETS["draw"]}
        r = ratio(o["ws_bytes_total"], b["ws_bytes_total"])
        rows["ws_bytes_total"] = {"ours": o["ws_bytes_total"], "baseline": b["ws_bytes_total"], "ratio": r,
                                  "budget": "(info) whole page", "info": True, "pass": True}
        out[level] = rows
    rss = ours["rss_after_every_page"]["rss_mib"]
    out["rss"] = {"ours_mib": rss, "baseline_mib": base["rss_after_every_page"]["rss_mib"], "budget": "< 250 MiB",
                  "pass": rss < BUDGETS["rss_mib"]}
    return out


def _kb(n: int | None) -> str:
    return "-" if n is None else f"{n / 1000:,.1f} KB"


def _s(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f} s"


def markdown(results: dict) -> str:
    apps = results["apps"]
    lines = []
    if "verdicts" in results:
        v = results["verdicts"]
        lines += ["| Level | Measure | Ours | Baseline | Ratio | Budget | Result |", "|---|---|---:|---:|---:|---|---|"]
        for level in LEVELS:
            reruns = results["settings"]["reruns"]
            for key, label, fmt in (("map_bytes", "Map bytes per load (websocket)", _kb),
                                    ("warm_rerun", f"Warm rerun, median of {reruns}", _s),
                                    ("script_runs", "Script runs per page load", str),
                                    ("draw", "Navigation to every area drawn, median (new browser)", _s),
                                    ("draw_warm_browser_cache", "... the same, browser cache warm", _s),
                                    ("map_message_to_drawn_s", "Map message arrived to every area drawn", _s),
                                    ("map_iframe_to_drawn_s", "Map iframe mounted to every area drawn", _s),
                                    ("map_leaflet_to_drawn_s", "Leaflet ready in the iframe to every area drawn", _s),
                                    ("ws_bytes_total", "All websocket bytes per load", _kb)):
                row = v[level][key]
                ratio = "-" if row["ratio"] is None else f"{row['ratio']:.3f}"
                verdict = "PASS" if row["pass"] else "FAIL"
                if row.get("info"):
                    verdict = "-" if key == "ws_bytes_total" else f"({verdict})"
                lines.append(f"| {level.upper()} | {label} | {fmt(row['ours'])} | {fmt(row['baseline'])} | {ratio} | "
                             f"{row['budget']} | {verdict} |")
        r = v["rss"]
        lines.append(f"| all | Server RSS after every page opened once | {r['ours_mib']:.0f} MiB | "
                     f"{r['baseline_mib']:.0f} MiB | - | {r['budget']} | {'PASS' if r['pass'] else 'FAIL'} |")
    else:
        lines += ["| App | Level | Map bytes | WS bytes | Runs/load | Draw median | Rerun median | Runs/rerun |",
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
    return "\n".join(lines)


def machine() -> dict:
    from importlib.metadata import version

    import folium
    import streamlit

    def chromium_version() -> str:
        try:
            return subprocess.run([chromium_path(), "--version"], capture_output=True, text=True,
                                  timeout=30).stdout.strip()
        except (OSError, subprocess.SubprocessError, RuntimeError):
            return "unknown"

    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return {"cpus": os.cpu_count(), "ram_gib": round(ram / 1024 ** 3, 1), "platform": platform.platform(),
            "python": platform.python_version(), "streamlit": streamlit.__version__,
            "streamlit_folium": version("streamlit-folium"), "folium": folium.__version__,
            "playwright": version("playwright"), "chromium": chromium_version()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
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
    args = parser.parse_args()

    data_dir = Path(args.data_dir).resolve()
    missing = [name for name in BOUNDARY_FILES.values() if not (data_dir / name).is_file()]
    if missing:
        print(f"{data_dir} lacks {', '.join(missing)}: import the data first (make data-import SRC=<folder>) "
              "or pass --data-dir / set JHE_DATA_DIR", file=sys.stderr)
        return 2
    env = {**os.environ, "JHE_DATA_DIR": str(data_dir)}
    specs = {
        "baseline": AppSpec("baseline", "bench/baseline_map_app.py", "/", "Value",
                            ("% aged 0 to 14", "% aged 65 and over"), pages=[]),
        "ours": AppSpec("ours", "app.py", "/map", args.ours_select or None,
                        tuple(args.ours_options.split(",", 1)) if args.ours_options else None,  # type: ignore[arg-type]
                        pages=[p for p in app_pages() if p != "map"]),
    }
    if not args.only and not (REPO_ROOT / "pages" / "map.py").is_file():
        print("pages/map.py does not exist yet: use --only baseline", file=sys.stderr)
        return 2
    chosen = [args.only] if args.only else ["baseline", "ours"]
    results: dict = {
        "date_utc": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "machine": machine(),
        "data_dir": str(data_dir),
        "settings": {"loads": args.loads, "byte_loads": args.byte_loads, "reruns": args.reruns,
                     "warmup_reruns": args.warmup,
                     "settle_s": args.settle, "viewport": VIEWPORT},
        "budgets": {"map_bytes": "<= 1/5 of baseline", "warm_rerun": "<= 1/4 of baseline",
                    "script_runs": "exactly 1 per page load", "draw": "<= 1/2 of baseline", "rss": "< 250 MiB"},
        "cdn_assets": [vars(asset) for asset in ASSETS],
        "apps": {},
    }
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
            try:
                print(f"measuring {' and '.join(chosen)} ...", file=sys.stderr, flush=True)
                results["apps"] = measure(browser, {name: specs[name] for name in chosen}, env, args)
            finally:
                browser.close()
    except RuntimeError as error:
        print(error, file=sys.stderr)
        return 1
    if len(chosen) == 2:
        results["verdicts"] = verdicts(results["apps"]["baseline"], results["apps"]["ours"])
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    suffix = "" if len(chosen) == 2 else f"-{chosen[0]}-only"
    out = Path(args.out) if args.out else RESULTS_DIR / f"map-{dt.datetime.now(dt.UTC):%Y-%m-%d}{suffix}.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(markdown(results))
    print(f"\nWritten {out.relative_to(REPO_ROOT) if out.is_relative_to(REPO_ROOT) else out}")
    if "verdicts" in results:
        v = results["verdicts"]
        ok = v["rss"]["pass"] and all(row["pass"] for level in LEVELS for row in v[level].values()
                                      if not row.get("info"))
        return 0 if ok else 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
