"""Data status: what the app has loaded, from where, and whether each file is valid; which open data is in use
(the bundled starter, a download or an import), its date, each source's period, and how to refresh it."""

import pandas as pd
import streamlit as st

from core import catalogue
from present import data_gaps
from ui import blocks, router
from ui import cache as cached

router.require_router()

VALIDATED = {True: "valid", False: "NOT VALID", cached.MANIFEST_NOT_USED: "not used by the app"}
IN_USE = {
    cached.SNAPSHOT_STARTER: (
        "**The bundled starter snapshot**, committed with the code (`data/starter/`), inputs as of **{date}**: the map "
        "layers, local indicators, lookups, population, hex layouts and neighbour lists, made by the project's own "
        "import from the publishers' files. It works offline. A refresh below replaces it with newer files."),
    cached.SNAPSHOT_DOWNLOAD: "**Downloaded from the publishers** (`make data`) on **{date}**, into the server's data "
                              "folder.",
    cached.SNAPSHOT_IMPORT: "**Imported from a data folder** (`make data-import`) on **{date}**, into the server's "
                            "data folder.",
    cached.SNAPSHOT_NONE: (
        "No data folder has been imported on this server yet, so the local pages (Map, Area profile, Local need, "
        "Board pack) have no open data to show. Get it with a refresh below."),
}
FROM = {cached.SNAPSHOT_STARTER: "bundled starter", cached.SNAPSHOT_DOWNLOAD: "downloaded",
        cached.SNAPSHOT_IMPORT: "imported"}
HOW_TO_REFRESH = (
    "**How to refresh it.** `make data` downloads every file from its publisher (it needs their servers); "
    "`make data-import SRC=<folder>` imports an offline folder laid out like the publishers' downloads. Either "
    "writes `.data/` (or `$JHE_DATA_DIR`), which the app then uses in place of the starter: the refresh is written "
    "to a new folder beside it and swapped in only when every file arrived and is valid, so a failed or "
    "interrupted refresh leaves the data in use as it was. To go back to the bundled starter, delete `.data/`.")

st.title("Data status")
st.markdown("The app ships the national evidence it shows (typed from the cited publications, in `data/`). "
            "Open data from publishers (map layers, lookups, population, local indicators) is read from a data "
            "folder recorded in a manifest: a compact starter snapshot comes with the code (`data/starter/`), and "
            "a refresh from the publishers or from an offline folder takes its place.")

st.header("Bundled national evidence")
status_rows = []
for bundled in cached.bundled_files():
    status_rows.append({"File": bundled.name, "Status": "valid" if bundled.error is None else "ERROR",
                        "Rows": pd.NA if bundled.rows is None else bundled.rows, "Detail": bundled.detail})
    if bundled.error is not None:
        blocks.show_data_error(bundled.error, f"{bundled.name} is not valid.")
st.dataframe(pd.DataFrame(status_rows).astype({"Rows": "Int64"}), hide_index=True, placeholder="–")

st.header("Open data in use")
snapshot = cached.data_snapshot()
manifest = cached.imported_manifest()
# The server's own folder path is never shown: it says nothing to a reader and something to an attacker.
in_use = IN_USE[snapshot.kind].format(date=snapshot.date or "not recorded")
if snapshot.kind == cached.SNAPSHOT_NONE:
    st.info(in_use)
else:
    st.markdown(in_use)
if not manifest.empty:
    invalid = manifest.loc[[v is False for v in manifest["validated"]], "file"]
    if len(invalid):
        st.warning(f"These files failed validation: {', '.join(invalid)}. Pages that need them show the problem; "
                   "fix the files and import them again.")
    st.markdown("Each source, the period its figures cover, and where it came from. Each file the app reads was "
                "checked with the loader the app uses; the full record is in `manifest.json`.")
    st.dataframe(pd.DataFrame({
        "File": manifest["file"], "What it is": manifest["title"], "Publisher": manifest["publisher"],
        "Period": manifest["vintage"], "Licence": manifest["licence"],
        "From": [FROM.get(kind, "not recorded") if isinstance(kind, str) else "not recorded"
                 for kind in manifest["kind"]],
        "Validated": [VALIDATED.get(v, "not recorded") if isinstance(v, bool | str) else "not recorded"
                      for v in manifest["validated"]],
        "Obtained": manifest["obtained_at"].astype("string").str[:10],
        "SHA-256": manifest["sha256"].astype("string").str[:12] + "…",
    }), hide_index=True, placeholder="–")
    st.caption(catalogue.ONS_ATTRIBUTION.format(year="2020, 2023 and 2024") + " Local authority names: mySociety, "
               "CC BY 4.0. Hex layouts: Open Innovations (MIT). Statistical neighbours: ONS (MIT).")
st.markdown(HOW_TO_REFRESH)

st.header("Files not in the data folder")
# A map layer built from a boundary file stands for it: the starter keeps the layers, not the boundary files.
drawn = {entry.key for entry in catalogue.CATALOGUE if entry.path in snapshot.built_from}
absent = blocks.missing_catalogue_keys()
missing = absent - drawn
if missing:
    st.markdown(f"`{data_gaps.MAKE_DATA}` downloads every file a publisher serves (and checks each one as the app "
                f"reads it); the command beside a file fetches that one alone. A file no publisher serves in this "
                f"form comes from an offline data folder: `{data_gaps.IMPORT_COMMAND}`.")
    st.dataframe(data_gaps.missing_files_table(missing), hide_index=True, width="stretch")
else:
    st.success("Every file the app reads is in the data in use.")
if drawn & absent:
    st.caption("The boundary files are not in this folder; the map layers built from them (`web/`) are, and the "
               "maps draw those.")

st.header("Local justice indicators")
register = blocks.load_or_stop(cached.indicator_register)
st.markdown("The justice-health indicators in the indicator register (`data/indicators.csv`), from Fingertips for "
            "counties and unitary authorities (area type 502) and districts (501), and whether their files are here. "
            "Before each file is saved, `make data` checks that Fingertips still gives the indicator the name the "
            "register records, and refuses the file if not.")
st.dataframe(data_gaps.justice_table(data_gaps.justice_gaps(register, missing)), hide_index=True, width="stretch")
