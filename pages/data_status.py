"""Data status: what the app has loaded, from where, and whether each file is valid."""

import pandas as pd
import streamlit as st

from core import catalogue, paths
from present import data_gaps
from ui import blocks, router
from ui import cache as cached

router.require_router()

VALIDATED = {True: "valid", False: "NOT VALID", cached.MANIFEST_NOT_USED: "not used by the app"}

st.title("Data status")
st.markdown("The app ships the national evidence it shows (typed from the cited publications, in `data/`). "
            "Open data from publishers (boundaries, lookups, population, local indicators) is imported into a "
            "separate data folder and recorded in a manifest; it is never part of the code.")

st.header("Bundled national evidence")
status_rows = []
for bundled in cached.bundled_files():
    status_rows.append({"File": bundled.name, "Status": "valid" if bundled.error is None else "ERROR",
                        "Rows": pd.NA if bundled.rows is None else bundled.rows, "Detail": bundled.detail})
    if bundled.error is not None:
        blocks.show_data_error(bundled.error, f"{bundled.name} is not valid.")
st.dataframe(pd.DataFrame(status_rows).astype({"Rows": "Int64"}), hide_index=True, placeholder="–")

st.header("Imported open data")
manifest = cached.imported_manifest()
folder = paths.imported_data_dir()
if manifest.empty:
    st.info(f"No data folder has been imported into `{folder}` yet. Run `make data` to download the files from "
            "their publishers, or `make data-import SRC=<folder>` with a folder laid out like the publishers' "
            "downloads.")
else:
    methods = manifest["method"].fillna("import").value_counts()
    st.caption(f"{len(manifest)} files in `{folder}`: {methods.get('download', 0)} downloaded from their publishers "
               f"(`make data`), {methods.get('import', 0)} imported from a folder (`make data-import`). "
               "Each file the app reads was checked with the loader the app uses; the full record is in manifest.json.")
    invalid = manifest.loc[[v is False for v in manifest["validated"]], "file"]
    if len(invalid):
        st.warning(f"These files failed validation: {', '.join(invalid)}. Pages that need them show the problem; "
                   "fix the files and import them again.")
    st.dataframe(pd.DataFrame({
        "File": manifest["file"], "Publisher": manifest["publisher"], "Vintage": manifest["vintage"],
        "Licence": manifest["licence"],
        "Validated": [VALIDATED.get(v, "not recorded") if isinstance(v, bool | str) else "not recorded"
                      for v in manifest["validated"]],
        "Retrieved": manifest["obtained_at"].astype("string").str[:10],
        "SHA-256": manifest["sha256"].astype("string").str[:12] + "…",
    }), hide_index=True, placeholder="–")
    st.caption(catalogue.ONS_ATTRIBUTION.format(year="2023 and 2024") + " Local authority names: mySociety, "
               "CC BY 4.0. Hex layouts: Open Innovations (MIT).")

st.header("Files not in the data folder")
missing = blocks.missing_catalogue_keys()
if missing:
    st.markdown(f"`{data_gaps.MAKE_DATA}` downloads every file a publisher serves (and checks each one as the app "
                f"reads it); the command beside a file fetches that one alone. A file no publisher serves in this "
                f"form comes from an offline data folder: `{data_gaps.IMPORT_COMMAND}`.")
    st.dataframe(data_gaps.missing_files_table(missing), hide_index=True, width="stretch")
else:
    st.success(f"Every file the app reads is in `{folder}`.")

st.header("Local justice indicators")
register = blocks.load_or_stop(cached.indicator_register)
st.markdown("The justice-health indicators in the indicator register (`data/indicators.csv`), from Fingertips for "
            "counties and unitary authorities (area type 502) and districts (501), and whether their files are here. "
            "Before each file is saved, `make data` checks that Fingertips still gives the indicator the name the "
            "register records, and refuses the file if not.")
st.dataframe(data_gaps.justice_table(data_gaps.justice_gaps(register, missing)), hide_index=True, width="stretch")
