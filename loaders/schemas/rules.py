"""Row-wise checks shared by the schemas, and the wording of a model's row-wise rules."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa


def brackets(frame: pd.DataFrame, low: str, value: str, high: str) -> pd.Series:
    """low <= value <= high wherever all three are present."""
    present = frame[[low, value, high]].notna().all(axis=1)
    ordered = (frame[low] <= frame[value]) & (frame[value] <= frame[high])
    return ~present | ordered


def not_above(frame: pd.DataFrame, part: str, whole: str) -> pd.Series:
    present = frame[[part, whole]].notna().all(axis=1)
    return ~present | (frame[part] <= frame[whole])


def row_rules(schema: type[pa.DataFrameModel]) -> dict[str, str]:
    """The plain-English wording of a model's row-wise rules (``Config.metadata["row_rules"]``), for errors."""
    metadata = getattr(schema.__config__, "metadata", None) or {}  # the model's Config, with its bases'
    return dict(metadata.get("row_rules", {}))
