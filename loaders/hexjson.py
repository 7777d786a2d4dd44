"""HexJSON layouts (Open Innovations): one hex per area, keyed by ONS code."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from core.errors import DataFileMalformedError, DataFileMissingError, Problem

LAYOUTS = ("odd-r", "even-r", "odd-q", "even-q")


def read_hexjson(path: Path) -> tuple[pd.DataFrame, str]:
    """(frame of code, name, q, r, region; layout) from a HexJSON file."""
    path = Path(path)
    if not path.is_file():
        raise DataFileMissingError(path, hint="Import a data folder with hexjson/ (make data-import SRC=...).")
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DataFileMalformedError(path, [Problem(str(path), None, None, f"is not valid JSON: {error}")]) from error
    layout, hexes = document.get("layout"), document.get("hexes")
    problems = []
    if layout not in LAYOUTS:
        problems.append(Problem(str(path), None, "layout", f"'{layout}' is not one of {', '.join(LAYOUTS)}"))
    if not isinstance(hexes, dict) or not hexes:
        problems.append(Problem(str(path), None, "hexes", "no hexes found"))
    if problems:
        raise DataFileMalformedError(path, problems)
    rows = []
    for code, cell in hexes.items():
        if not isinstance(cell, dict) or not all(isinstance(cell.get(k), int) for k in ("q", "r")):
            problems.append(Problem(str(path), None, code, "hex needs whole-number q and r"))
            continue
        rows.append({"code": code, "name": cell.get("n", code), "q": cell["q"], "r": cell["r"],
                     "region": cell.get("region")})
    frame = pd.DataFrame(rows)
    clashes = frame[frame.duplicated(["q", "r"], keep=False)] if not frame.empty else frame
    for (q, r), group in clashes.groupby(["q", "r"]):
        problems.append(Problem(str(path), None, None, f"hexes {', '.join(group['code'])} share position q={q}, r={r}"))
    if problems:
        raise DataFileMalformedError(path, problems)
    return frame, layout
