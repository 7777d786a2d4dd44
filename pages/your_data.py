"""Your data: partners' local figures, checked, placed on current GSS codes, compared with the national cohort
figure and the local general population, with small counts suppressed everywhere.

Uploads live only in this browser session (st.session_state); they are never written to disk or cached.
"""

import hashlib

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

import settings
from analysis import disclosure, your_data
from analysis.classes import quantile_classes
from charts.maps import choropleth_map
from core import catalogue
from core.labels import COHORT_LABELS
from intake import uploads
from ui import blocks, chrome, state
from ui import cache as cached
from ui.assets import WebAssetsError

chrome.require_router()

PROBLEMS_SHOWN = 200
NONE = ""
LOCAL_NEEDS = {"92443": "Adult smoking prevalence (Fingertips 92443)",
               "848": "Recorded depression prevalence (Fingertips 848)"}
TABLE = {  # column -> heading, for the screen and the CSV (same cells)
    "partner": "Partner (source)", "area_name": "Area", "area_code": "Area code", "cohort_label": "Cohort",
    "indicator": "Need", "sex": "Sex", "period": "Period", "numerator": "Numerator", "denominator": "Denominator",
    "value": "Prevalence (%)", "ci_low": "Lower 95% limit (%)", "ci_high": "Upper 95% limit (%)",
    "national_comparison": "Against the national figure", "general_comparison": "Against the local general "
    "population", "file": "File", "row": "Row",
}

st.title("Your data")
st.markdown("Bring in partners' figures (police, probation, prison healthcare, liaison and diversion, drug "
            "services): each is checked, placed on its current GSS code and shown beside the national evidence and "
            "the local general population. Files stay in this browser session only: they are not saved or shared.")
st.info(settings.threshold_statement())

# The templates are made when a button is clicked (openpyxl is loaded only then).
left, right = st.columns(2)
left.download_button("Template (CSV)", lambda: cached.upload_templates()[0], file_name="justice_health_template.csv",
                     mime="text/csv", on_click="ignore")
right.download_button("Template (Excel, with instructions)", lambda: cached.upload_templates()[1],
                      file_name="justice_health_template.xlsx", on_click="ignore",
                      mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

files = st.file_uploader("Partners' files (CSV or Excel .xlsx)", type=["csv", "xlsx"], accept_multiple_files=True,
                         key="uploads", help="One or more files; each row is one figure for one area.")
if not files:
    st.caption("Upload a file to begin, or download a template above.")
    st.stop()

lookup, changes, names = blocks.load_or_stop(cached.upload_matching)
results = st.session_state.setdefault(state.UPLOADS, {})
digests = [hashlib.sha256(file.getvalue()).hexdigest() + file.name for file in files]
for file, digest in zip(files, digests, strict=True):
    if digest not in results:
        results[digest] = uploads.read_upload(file.name, file.getvalue(), lookup=lookup, changes=changes,
                                              area_names=names)
for stale in set(results) - set(digests):
    del results[stale]
read = [results[digest] for digest in digests]

for file, result in zip(files, read, strict=True):
    summary = f"**{blocks.plain(file.name)}**: {blocks.plain(result.summary())}"
    (st.success if not result.problems else st.warning)(summary)
    if result.notes:
        st.caption(" ".join(blocks.plain(note) for note in result.notes))
    if result.problems:
        with st.expander(f"{len(result.problems)} problem(s) in {file.name}: fix them in the file and upload it again",
                         expanded=result.rows_valid == 0):
            table = pd.DataFrame([{"File": p.file, "Sheet": p.sheet or "", "Row": p.row, "Column": p.column or "",
                                   "Value": "" if p.value is None else str(p.value), "Problem": p.message}
                                  for p in result.problems[:PROBLEMS_SHOWN]]).astype({"Row": "Int64"})
            st.dataframe(table, hide_index=True, width="stretch")
            if len(result.problems) > PROBLEMS_SHOWN:
                st.caption(f"The first {PROBLEMS_SHOWN} of {len(result.problems)} problems.")

combined = uploads.combine(read)
if combined.rows.empty:
    st.error("No row can be used yet: fix the problems listed above.")
    st.stop()
rows = your_data.with_prevalence(combined.rows)

st.subheader("Compare with the national evidence and the local general population")
st.caption("Say which national figure and which local general-population indicator match each need in your files. "
           "Nothing is matched by guessing from the wording.")
comparison = blocks.load_or_stop(cached.comparison_table)
national, general = {}, {}
local_values = None
for index, (cohort, need) in enumerate(rows[["cohort", "indicator"]].drop_duplicates().itertuples(index=False)):
    evidence = comparison[(comparison["cohort"] == cohort) & (comparison["unit"] == "%")
                          & comparison["cohort_value"].notna()]
    labels = {row.indicator_id: f"{row.indicator} ({row.cohort_value:g}%, {row.cohort_source})"
              for row in evidence.itertuples()}
    columns = st.columns(2)
    chosen = columns[0].selectbox(f"National figure for “{need}” ({COHORT_LABELS[cohort]})", [NONE, *labels],
                                  format_func=lambda key, labels=labels: labels.get(key, "None"),
                                  key=f"national_{index}")
    if chosen:
        row = evidence[evidence["indicator_id"] == chosen].iloc[0]
        national[(cohort, need)] = (float(row["cohort_value"]),
                                    f"the national {COHORT_LABELS[cohort].lower()} figure")
    local = columns[1].selectbox(f"Local general-population figure for “{need}”", [NONE, *LOCAL_NEEDS],
                                 format_func=lambda key: LOCAL_NEEDS.get(key, "None"), key=f"general_{index}")
    if local:
        if local_values is None:
            local_values = blocks.load_or_stop(cached.local_indicators).values
        for area_code, area_type in rows.loc[rows["indicator"] == need, ["area_code", "area_type"]].drop_duplicates(
                ).itertuples(index=False):
            latest = local_values[(local_values["indicator_id"] == local) & (local_values["level"] == area_type)
                                  & (local_values["area_code"] == area_code) & local_values["value"].notna()]
            if not latest.empty:
                pick = latest.iloc[-1]
                general[(area_code, need)] = (float(pick["value"]),
                                              f"{pick['area_name']}'s general population ({pick['period']})")

compared = your_data.compare(rows, national, general)
compared["cohort_label"] = compared["cohort"].map(COHORT_LABELS)
has_sexes = compared.groupby(["partner", "area_code", "cohort", "indicator", "period"])["sex"].transform(
    lambda sexes: {"male", "female", "persons"} <= set(sexes))
totals = [disclosure.TotalRule("sex", "persons", by=("partner", "area_code", "cohort", "indicator", "period"))] \
    if has_sexes.any() else []
protected = disclosure.suppress(
    compared[list(dict.fromkeys([*TABLE, "cohort", "area_type", "national_value", "general_value", "input_rows"]))],
    count_columns=("numerator",), denominator_column="denominator",
    derived_columns=["value", "ci_low", "ci_high", "national_comparison", "general_comparison"],
    kept_columns=["row", "national_value", "general_value", "input_rows"], totals=totals)

st.subheader("Your figures")
on_screen = protected.display(list(TABLE))
for column in ("value", "ci_low", "ci_high"):  # one decimal place on screen; the CSV keeps every digit
    on_screen[column] = on_screen[column].map(lambda cell: f"{cell:.1f}" if isinstance(cell, float) else cell)
mixed = [column for column in on_screen if on_screen[column].map(type).nunique() > 1]
on_screen[mixed] = on_screen[mixed].astype("string")  # numbers beside "suppressed (<5)": one type per column
st.dataframe(on_screen.rename(columns=TABLE), hide_index=True, width="stretch")
if protected.any_suppressed:
    st.caption(protected.footnote())
st.caption("Prevalence = numerator ÷ denominator, with a Wilson score 95% interval; figures given as a value keep "
           "the interval in the file. A comparison is significant when the 95% interval excludes the other figure.")
st.download_button("Download these figures (CSV)", lambda: protected.csv_bytes(list(TABLE)), file_name="your_data.csv",
                   mime="text/csv", on_click="ignore")

shown = protected.frame
several = shown.groupby(["cohort", "indicator", "period", "sex"])["area_code"].nunique()
mappable = several[several > 1]
if not mappable.empty:
    st.subheader("Map")
    keys = list(mappable.index)
    pick = st.selectbox("Figure", range(len(keys)), key="your_map",
                        format_func=lambda i: f"{COHORT_LABELS[keys[i][0]]}: {keys[i][1]}, {keys[i][2]} ({keys[i][3]})")
    cohort, need, period, sex = keys[pick]
    chosen = shown[(shown["cohort"] == cohort) & (shown["indicator"] == need) & (shown["period"] == period)
                   & (shown["sex"] == sex)]
    level = chosen["area_type"].mode().iloc[0]
    chosen = chosen[chosen["area_type"] == level]
    text = protected.display(list(TABLE)).loc[chosen.index]
    labels, fills, _ = quantile_classes(chosen["value"])
    try:
        cached.leaflet_assets()
        layer = blocks.load_or_stop(lambda: cached.web_layer(level))
        areas = pd.DataFrame({"code": layer.codes, "name": layer.names}).merge(pd.DataFrame({
            "code": chosen["area_code"], "fill": fills, "value_text": text["value"].astype(str),
            "partner": text["partner"]}), on="code", how="left")
        areas["value_text"] = areas["value_text"].fillna("not in your files")
        st_folium(choropleth_map(layer, areas, "fill", {"name": "Area", "value_text": "Prevalence (%)",
                                                 "partner": "Partner"}, height_px=520),
                  key=f"your-map-{level}", height=520, use_container_width=True, returned_objects=[])
        st.caption("Areas in fifths of the values shown; white: no figure or suppressed. "
                   + catalogue.ONS_ATTRIBUTION.format(year="2023 and 2024"))
    except WebAssetsError as error:
        st.error(f"The map cannot be drawn: {error}")
