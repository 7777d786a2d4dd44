"""One latency chart for several load-test runs (bench/load_test.py's JSON files), e.g. one server beside two
replicas behind nginx:  .venv/bin/python -m bench.load_chart bench/results/load-A.json bench/results/load-B.json
writes bench/results/load-<date>-compared.png."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bench.load_test import RESULTS, chart


def main(paths: list[str]) -> Path:
    runs = {}
    for path in paths:
        result = json.loads(Path(path).read_text(encoding="utf-8"))
        runs[result["target"]] = result["levels"]
    out = RESULTS / (Path(paths[0]).stem.rsplit("-", 1)[0] + "-compared.png")
    chart(runs, out)
    print(f"wrote {out}")
    return out


if __name__ == "__main__":
    main(sys.argv[1:])
