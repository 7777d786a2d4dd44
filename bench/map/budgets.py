"""The verdicts: each measure of our app as a ratio to the baseline's, PASS or FAIL against its budget."""

from __future__ import annotations

from bench.map.config import BUDGETS, LEVELS

PHASES = ("map_message_to_drawn_s", "map_iframe_to_drawn_s", "map_leaflet_to_drawn_s")


def ratio(mine: float | None, theirs: float | None) -> float | None:
    return round(mine / theirs, 3) if mine is not None and theirs else None


def _row(mine, theirs, budget_words: str, budget: float, info: bool = False) -> dict:
    r = ratio(mine, theirs)
    row = {"ours": mine, "baseline": theirs, "ratio": r, "budget": budget_words,
           "pass": r is not None and r <= budget}
    return {**row, "info": True} if info else row


def _all_runs(app: dict) -> list[int]:
    """Script runs per load: the exact (CDP) counts and those seen in the timed loads."""
    return app["script_runs_per_load"] + app["script_runs_seen_in_timed_loads"]


def level_verdicts(b: dict, o: dict) -> dict:
    """One level: b and o are the baseline's and our results at that level."""
    rows = {
        "map_bytes": _row(o["map_bytes"], b["map_bytes"], "<= 1/5", BUDGETS["map_bytes"]),
        "warm_rerun": _row(o["reruns"]["rerun_median_s"], b["reruns"]["rerun_median_s"], "<= 1/4",
                           BUDGETS["warm_rerun"]),
        "script_runs": {"ours": sorted(set(_all_runs(o))), "baseline": sorted(set(_all_runs(b))),
                        "loads": len(_all_runs(o)), "ratio": None, "budget": "exactly 1",
                        "pass": all(n == BUDGETS["script_runs"] for n in _all_runs(o))},
        "draw": _row(o["draw_median_s"], b["draw_median_s"], "<= 1/2", BUDGETS["draw"]),
        # For information (no budget): the same load with the browser's HTTP cache warm, where the time goes, and
        # all websocket bytes.
        "draw_warm_browser_cache": _row(o["draw_warm_browser_cache_median_s"],
                                        b["draw_warm_browser_cache_median_s"], "(info) <= 1/2", BUDGETS["draw"],
                                        info=True),
    }
    for key in PHASES:
        rows[key] = _row(o["phases_median"][key], b["phases_median"][key], "(info) <= 1/2", BUDGETS["draw"],
                         info=True)
    rows["ws_bytes_total"] = {**_row(o["ws_bytes_total"], b["ws_bytes_total"], "(info) whole page", 0, info=True),
                              "pass": True}
    return rows


def verdicts(base: dict, ours: dict) -> dict:
    """Per level: ratio to the baseline and PASS/FAIL for every budget; and the memory budget."""
    out: dict = {level: level_verdicts(base["levels"][level], ours["levels"][level]) for level in LEVELS}
    rss = ours["rss_after_every_page"]["rss_mib"]
    out["rss"] = {"ours_mib": rss, "baseline_mib": base["rss_after_every_page"]["rss_mib"], "budget": "< 250 MiB",
                  "pass": rss < BUDGETS["rss_mib"]}
    return out


def all_pass(results: dict) -> bool:
    """True when every budgeted measure (not the information rows) passes."""
    v = results["verdicts"]
    return v["rss"]["pass"] and all(row["pass"] for level in LEVELS for row in v[level].values()
                                    if not row.get("info"))
