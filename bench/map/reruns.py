"""Warm reruns on one app's map page: a select switched back and forth, each time timed from the click until the app
is idle and the new map drawn."""

from __future__ import annotations

import statistics

from playwright.sync_api import Page

from bench.map.assets import OffHost
from bench.map.config import AppSpec
from bench.map.frames import summarise_frames
from bench.map.measure import first_complete, median, new_page, runs_seen
from bench.map.probes import NOW, TIME_ORIGIN, read_draws, wait_until_idle
from tests.support.harness import AppServer


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

    def __init__(self, browser, server: AppServer, url: str, expected: int, spec: AppSpec, settle_s: float,
                 off_host: OffHost) -> None:
        self.spec, self.expected, self.settle_s = spec, expected, settle_s
        self.context, self.page, self.ws = new_page(browser, server, off_host, capture=True)
        self.page.goto(url)
        wait_until_idle(self.page, expected, self.page.evaluate(TIME_ORIGIN), settle_s)
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
        draws = read_draws(page)
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
            "redraw_median_s": median([r["redraw_s"] for r in timed]),
            "first_ws_message_median_s": median([r["first_ws_message_s"] for r in timed]),
            "largest_ws_message_median_s": median([r["largest_ws_message_s"] for r in timed]),
            "last_ws_message_median_s": median([r["last_ws_message_s"] for r in timed]),
            "largest_ws_message_bytes": [r["largest_ws_message_bytes"] for r in timed],
            "script_runs_seen_per_rerun": [r["script_runs_seen"] for r in timed],
            "warmup": self.warmup,
            "page_errors": list(self.page.bench_errors),  # type: ignore[attr-defined]
        }

    def close(self) -> None:
        self.context.close()

