"""Reading mySociety's list of UK local authorities, past, current and future, for the names English councils
are known by (an upload may name an area by any of them)."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pandas as pd

from core.codes import GSS_CODE
from core.errors import DataFileMissingError
from loaders.io import read_text_csv
from loaders.lookups import IMPORT_HINT, locate

logger = logging.getLogger(__name__)

AREA_NAMES_FILE = "mysociety_uk_local_authorities_past_current_future.csv"
AREA_NAME_COLUMNS = ["code", "name", "current", "former_codes"]
_MYSOCIETY_COLUMNS = ("official-name", "nice-name", "gss-code", "alt-names", "former-gss-codes", "current-authority",
                      "nation", "local-authority-type")
_COUNCIL_TYPES = ("NMD", "UA", "MD", "LBO", "CTY", "CC")  # not combined authorities or the GLA


def read_area_names(path: Path | str) -> pd.DataFrame:
    """Every name mySociety lists for English councils, past and present (official, short and alternative
    names): columns code, name, current (bool), former_codes (codes the council had before, comma-separated).

    ``path`` is the CSV or a data folder holding ``lookups/mysociety_uk_local_authorities_past_current_future.csv``.
    Combined authorities and the GLA are left out: figures are for councils.
    """
    file = locate(path, AREA_NAMES_FILE)
    if not file.is_file():
        raise DataFileMissingError(file, hint=IMPORT_HINT)
    raw = read_text_csv(file, required_columns=list(_MYSOCIETY_COLUMNS))
    councils = raw[(raw["nation"] == "England") & raw["local-authority-type"].isin(_COUNCIL_TYPES) &
                   raw["gss-code"].str.match(GSS_CODE)]
    rows = []
    for record in councils[list(_MYSOCIETY_COLUMNS)].to_dict("records"):
        # alt-names is comma-separated, but a name may hold ", " itself ("Bristol, City of")
        names = [record["official-name"], record["nice-name"], *re.split(r",(?!\s)", record["alt-names"])]
        for name in dict.fromkeys(n.strip() for n in names if n and n.strip()):
            rows.append({"code": record["gss-code"], "name": name, "current": record["current-authority"] == "True",
                         "former_codes": record["former-gss-codes"]})
    logger.info("area names %s: %d names for %d councils", file, len(rows), councils["gss-code"].nunique())
    return pd.DataFrame(rows, columns=AREA_NAME_COLUMNS)
