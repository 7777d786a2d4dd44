"""Load test: 1, 10, 25 and 50 concurrent user sessions (bench/load_client.py, Streamlit's own websocket protocol)
against one app server started here, or against a running deployment (``--url``, e.g. two replicas behind nginx,
with ``--pids`` for their memory). Records each level's rerun times (p50, p95), errors and the server's memory
with every session open; writes bench/results/load-<UTC date>[-<label>].json and a latency chart (PNG).

    .venv/bin/python -m bench.load_test                      # one server, started and stopped here
    .venv/bin/python -m bench.load_test --url http://localhost:8080 --pids 123,456 --label nginx-2

Each session walks through load_client.VISIT with ``--think`` seconds between actions (a user reading the
page), starting at a random moment within the first think time, so sessions do not move in lockstep. The single
session, the reference for the others, walks it ALONE_WALKS times with ALONE_THINK_S between actions, so that
its p95 rests on 40 reruns rather than 8.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import random
import statistics
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from bench.load_client import VISIT, Session, Timing, endpoints
from tests.support.harness import memory_mib, run_app

LEVELS = (1, 10, 25, 50)
ALONE_WALKS, ALONE_THINK_S = 5, 1.0  # one session walks the visit 5 times (40 reruns), 1 s between actions
RESULTS = Path(__file__).parent / "results"
SEED = 20261205


def percentile(values: Sequence[float], share: float) -> float:
    """The ``share`` percentile (0 to 1) of the values by the nearest-rank method; NaN for none."""
    ordered = sorted(value for value in values if not math.isnan(value))
    if not ordered:
        return math.nan
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


async def _level(base_url: str, sessions: int, think_s: float, pids: Sequence[int],
                 randomness: random.Random, walks: int = 1) -> dict:
    url, origin = endpoints(base_url)
    hold = asyncio.Event()
    users = [Session(url, origin) for _ in range(sessions)]

    async def one(user: Session) -> list[Timing]:
        await asyncio.sleep(randomness.uniform(0, think_s))
        return await user.visit(VISIT * walks, think_s=think_s, hold=hold)

    tasks = [asyncio.create_task(one(user)) for user in users]
    while not all(len(user.timings) == len(VISIT) * walks for user in users):
        await asyncio.sleep(0.2)
        if any(task.done() and task.exception() for task in tasks):
            break
    memory = {str(pid): memory_mib(pid) for pid in pids}  # every session still open
    hold.set()
    results = await asyncio.gather(*tasks, return_exceptions=True)
    timings = [t for result in results if isinstance(result, list) for t in result]
    failures = [f"{type(r).__name__}: {r}" for r in results if isinstance(r, BaseException)]
    seconds = [t.seconds for t in timings if not t.error]
    by_step = {step.name: percentile([t.seconds for t in timings if t.step == step.name and not t.error], 0.95)
               for step in VISIT}
    errors = sum(1 for t in timings if t.error) + len(failures)
    examples = sorted({t.error for t in timings if t.error} | set(failures))[:5]
    return {"p95_by_step_s": by_step, "sessions": sessions, "reruns": len(timings), "errors": errors,
            "error_examples": examples,
            "p50_s": percentile(seconds, 0.5), "p95_s": percentile(seconds, 0.95),
            "mean_s": statistics.fmean(seconds) if seconds else math.nan,
            "rss_mib": sum(m["VmRSS"] for m in memory.values()), "memory": memory}


def per_extra_session(levels: list[dict]) -> float:
    """Memory per extra open session: the least-squares slope of total RSS against sessions, MiB."""
    xs, ys = [row["sessions"] for row in levels], [row["rss_mib"] for row in levels]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sum((x - mean_x) ** 2 for x in xs)


def run_levels(base_url: str, pids: Sequence[int], levels: Sequence[int], think_s: float,
               warm_urls: Sequence[str] = ()) -> list[dict]:
    """Each level in turn, after one unrecorded visit to each of ``warm_urls`` (default: ``base_url``) that warms
    each server's caches (a server in use has them warm; its first visit's cold load is bench/load_times.py's
    "first load"). Behind a load balancer, pass every server's own URL: one visit warms only the server it
    reached."""
    randomness = random.Random(SEED)
    for url in warm_urls or (base_url,):
        asyncio.run(_level(url, 1, 0.0, (), randomness))
    rows = []
    for sessions in levels:
        alone = sessions == 1  # the reference: enough reruns for a steady p95 (alone, a pause changes nothing)
        row = asyncio.run(_level(base_url, sessions, min(think_s, ALONE_THINK_S) if alone else think_s, pids,
                                 randomness, ALONE_WALKS if alone else 1))
        examples = f"; e.g. {row['error_examples'][:2]}" if row["errors"] else ""
        print(f"{sessions:>3} sessions: p50 {row['p50_s']:.3f} s, p95 {row['p95_s']:.3f} s, errors "
              f"{row['errors']}, RSS {row['rss_mib']:.0f} MiB{examples}", flush=True)
        rows.append(row)
    return rows


def chart(runs: dict[str, list[dict]], path: Path) -> None:
    """p50 and p95 rerun time against sessions, one line per target and statistic (PNG via vl-convert)."""
    import altair as alt
    import pandas as pd

    frame = pd.DataFrame([{"target": target, "sessions": row["sessions"], "statistic": statistic,
                           "seconds": row[f"{statistic}_s"]}
                          for target, rows in runs.items() for row in rows for statistic in ("p50", "p95")])
    title = alt.Title("Rerun time against concurrent sessions", subtitle="Solid lines: p50 (median). Dashed: p95.")
    lines = alt.Chart(frame, title=title).mark_line(point=True).encode(
        x=alt.X("sessions:Q", title="Concurrent sessions"),
        y=alt.Y("seconds:Q", title="Rerun time (s, log scale)", scale=alt.Scale(type="log")),
        color=alt.Color("target:N", title="Target"),
        strokeDash=alt.StrokeDash("statistic:N", sort=["p50", "p95"], legend=None))  # said in the subtitle
    lines.properties(width=520, height=300).save(str(path), scale_factor=2)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running app (default: start one server here)")
    parser.add_argument("--pids", default="", help="comma-separated server process ids, for memory")
    parser.add_argument("--label", default="", help="names this run's target in the results")
    parser.add_argument("--levels", default=",".join(map(str, LEVELS)))
    parser.add_argument("--think", type=float, default=1.0, help="seconds between a user's actions")
    parser.add_argument("--warm", default="", help="comma-separated URLs of each server behind --url, to warm")
    args = parser.parse_args(argv)
    levels = [int(level) for level in args.levels.split(",")]
    if args.url:
        label = args.label or "deployment"
        rows = run_levels(args.url, [int(p) for p in args.pids.split(",") if p], levels, args.think,
                          [url for url in args.warm.split(",") if url])
    else:
        label = args.label or "one server"
        with run_app() as server:
            rows = run_levels(server.url, [server.process.pid], levels, args.think)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d")
    name = f"load-{stamp}" + (f"-{args.label.replace(' ', '-')}" if args.label else "")
    RESULTS.mkdir(exist_ok=True)
    result = {"measured": datetime.now(UTC).isoformat(timespec="seconds"), "target": label, "think_s": args.think,
              "steps": [step.name for step in VISIT], "levels": rows,
              "memory_per_extra_session_mib": per_extra_session(rows) if len(rows) > 1 else None}
    (RESULTS / f"{name}.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    chart({label: rows}, RESULTS / f"{name}.png")
    print(f"wrote {RESULTS / name}.json and .png; memory per extra session "
          f"{result['memory_per_extra_session_mib']} MiB")


if __name__ == "__main__":
    main()
