"""One latency chart for several load-test runs (bench/load_test.py's JSON files), e.g. one server before and
after a change beside two replicas behind nginx; each argument is a JSON file, or LABEL=file to name its lines:

    .venv/bin/python -m bench.load_chart "one server, before=bench/results/load-A.json" bench/results/load-B.json

writes bench/results/<first file's name>-compared.png (or --out PATH)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bench.load_test import RESULTS, chart


def main(argv: list[str] | None = None) -> Path:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", nargs="+", help="a results JSON file, or LABEL=file")
    parser.add_argument("--out", help="the PNG to write")
    args = parser.parse_args(argv)
    runs, first = {}, None
    for argument in args.runs:
        label, _, path = argument.rpartition("=")
        result = json.loads(Path(path).read_text(encoding="utf-8"))
        runs[label or result["target"]] = result["levels"]
        first = first or Path(path)
    out = Path(args.out) if args.out else RESULTS / f"{first.stem}-compared.png"
    chart(runs, out)
    print(f"wrote {out}")
    return out


if __name__ == "__main__":
    main()
