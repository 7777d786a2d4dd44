"""What the page records while the bench drives it (probes.js, injected before the page's own scripts) and how the
bench reads it back: the map iframes' draw timelines, and waits for the app to be idle."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from playwright.sync_api import Page

from bench.map.config import MAP_TITLE, TIMEOUT_MS


@cache
def init_script() -> str:
    """The page-side recorder (bench/map/probes.js)."""
    return (Path(__file__).with_name("probes.js")).read_text(encoding="utf-8")


# The map iframes' draw timelines: the folium component's, else any iframe that drew Leaflet paths.
READ_DRAW = """(title) => {
  const all = (window.__bench ? window.__bench.draws : []).map(({draw, frame}) => ({
    title: draw.title, created: draw.created, leaflet: draw.leaflet, timeline: draw.timeline,
    attached: frame.isConnected}));
  const maps = all.filter(d => d.title === title);
  return maps.length ? maps : all.filter(d => d.timeline.some(e => e.count > 0));
}"""

NOW = "() => performance.timeOrigin + performance.now()"
TIME_ORIGIN = "() => performance.timeOrigin"

# True once the app has been notRunning for `settle` ms (a run having started after `since`) and a connected map
# iframe holds `expected` interactive paths.
_IDLE_WITH_MAP = """([since, settle, expected, title]) => {
  const b = window.__bench; if (!b || !b.states.length) return false;
  const t = performance.timeOrigin + performance.now();
  const started = b.states.some(([at, s]) => at >= since && s === 'running');
  const [lastAt, lastState] = b.states[b.states.length - 1];
  if (!started || lastState !== 'notRunning' || t - lastAt < settle) return false;
  let maps = b.draws.filter(({draw, frame}) => frame.isConnected && draw.title === title);
  if (!maps.length) maps = b.draws.filter(({draw, frame}) => frame.isConnected && draw.last > 0);
  return maps.some(({draw}) => draw.last === expected);
}"""

# True once a script run has happened, the app has been notRunning for `settle` ms and no skeleton is left.
_IDLE_PAGE = """(settle) => { const b = window.__bench; if (!b || !b.states.length) return false;
  const [at, s] = b.states[b.states.length - 1];
  return b.states.some(([, x]) => x === 'running') && s === 'notRunning'
         && performance.timeOrigin + performance.now() - at > settle
         && document.querySelectorAll('[data-testid="stSkeleton"]').length === 0; }"""


def wait_until_idle(page: Page, expected: int, since: float, settle_s: float) -> dict:
    """Wait until the app has been `notRunning` for settle_s seconds (at least one run having started after
    `since`, a page-clock time) and the map iframe holds `expected` interactive paths. Returns the states."""
    page.wait_for_function(_IDLE_WITH_MAP, arg=[since, settle_s * 1000, expected, MAP_TITLE], polling=100,
                           timeout=TIMEOUT_MS)
    return page.evaluate("() => ({states: window.__bench.states, messages: window.__bench.messages})")


def wait_until_page_idle(page: Page, settle_ms: int = 1000) -> None:
    """Wait until a page without a map has run its script and stayed idle for settle_ms."""
    page.wait_for_function(_IDLE_PAGE, arg=settle_ms, polling=100, timeout=TIMEOUT_MS)


def read_draws(page: Page) -> list[dict]:
    return page.evaluate(READ_DRAW, MAP_TITLE)
