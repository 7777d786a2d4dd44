"""Your data: partners' local figures, checked, placed on current GSS codes, compared with the national cohort
figure and the local general population, with small counts suppressed everywhere.

Uploads live only in this browser session (st.session_state); they are never written to disk or cached.
"""

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

import settings
from analysis import disclosure, your_data
from analysis.classes import has_classes, quantile_classes
from charts.maps import choropleth_map
from core import catalogue
from core.labels import COHORT_LABELS
from intake import uploads
from present import your_data as chosen_figures
from present.partner_table import HEADINGS, partner_table
from present.your_data import problems_table
from ui import blocks, column_mapping, keys, router, session, state
from ui import cache as cached
from ui.assets import WebAssetsError

router.require_router()

PROBLEMS_SHOWN = 200
NONE = ""
LIKE_FOR_LIKE_HELP = ("A local general-population figure is compared only where it measures what the national figure "
                      "chosen for the need measures (like for like); otherwise it is shown as context, a different "
                      "measure, with no comparison.")


def show_file(partner: session.PartnerFile) -> None:
    """One file of this session: what was read, its notes and problems, and a button that takes it out."""
    result = partner.result
    summary_column, remove_column = st.columns([5, 1], vertical_alignment="center")
    summary = f"**{blocks.plain(partner.name)}**: {blocks.plain(result.summary())}"
    (summary_column.success if not result.problems else summary_column.warning)(summary)
    remove_column.button(f"Remove {blocks.plain(partner.name)}", key=keys.your_data_remove(partner.file_id),
                         on_click=session.remove_partner_file, args=(partner.file_id,),
                         help="Takes the file out of this page and the board pack.")
    if result.notes:
        st.caption(" ".join(blocks.plain(note) for note in result.notes))
    if result.problems:
        with st.expander(f"{len(result.problems)} problem(s) in {partner.name}: fix them in the file and upload it "
                         "again", expanded=result.rows_valid == 0):
            # Each message whole (the cells wrap); formula-like text neutralised, as in every table of uploaded text.
            blocks.plain_table(problems_table(result.problems[:PROBLEMS_SHOWN]))
            if len(result.problems) > PROBLEMS_SHOWN:
                st.caption(f"The first {PROBLEMS_SHOWN} of {len(result.problems)} problems.")
    if result.problems or partner.mapping:
        column_mapping.mapping_form(partner, lambda: blocks.load_or_stop(cached.upload_matcher))


st.title("Your data")
st.markdown("Bring in partners' figures (police, probation, prison healthcare, liaison and diversion, drug "
            "services): each is checked, placed on its current GSS code and shown beside the national evidence and "
            "the local general population. Files stay in this browser session only: they are not saved or shared.")
st.info(disclosure.threshold_statement(settings.DISCLOSURE_THRESHOLD, settings.threshold_set_by()))

# The templates are made when a button is clicked (openpyxl is loaded only then).
left, right = st.columns(2)
left.download_button("Template (CSV)", lambda: cached.upload_templates()[0], file_name="justice_health_template.csv",
                     mime="text/csv", on_click="ignore")
right.download_button("Template (Excel, with instructions)", lambda: cached.upload_templates()[1],
                      file_name="justice_health_template.xlsx", on_click="ignore",
                      mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

round_number = st.session_state.get(keys.YOUR_DATA_ROUND, 0)
new_files = st.file_uploader("Partners' files (CSV or Excel .xlsx)", type=["csv", "xlsx"],
                             accept_multiple_files=True, key=keys.your_data_uploader(round_number),
                             help="One or more files; each row is one figure for one area.")
if new_files:  # into this session's list, then an empty uploader: the list below is what the app uses
    matcher = blocks.load_or_stop(cached.upload_matcher)
    for file in new_files:
        session.add_partner_file(file.name, file.getvalue(), column_mapping.reader(matcher))
    st.session_state[keys.YOUR_DATA_ROUND] = round_number + 1
    st.rerun()
partner_files = session.partner_files()
if not partner_files:
    st.caption("Upload a file to begin, or download a template above.")
    st.stop()

st.subheader("Files in this session")
for partner in partner_files:
    show_file(partner)

combined = uploads.combine([partner.result for partner in partner_files])
if combined.rows.empty:
    st.error("No row can be used yet: fix the problems listed above.")
    st.stop()
rows = your_data.with_prevalence(combined.rows)

st.subheader("Compare with the national evidence and the local general population")
st.caption("Say which national figure and which local general-population indicator match each need in your files. "
           "Nothing is matched by guessing from the wording.")
comparison = blocks.load_or_stop(cached.comparison_table)
national, general = {}, {}
for cohort, need in chosen_figures.needs_in(rows):
    labels = chosen_figures.national_options(comparison, cohort)
    columns = st.columns(2)
    chosen = state.select_in_session(columns[0], f"National figure for “{need}” ({COHORT_LABELS[cohort]})",
                                     [NONE, *labels], keys.your_data_national(cohort, need),
                                     format_func=lambda key, labels=labels: labels.get(key, "None"))
    if chosen:
        national[(cohort, need)] = chosen_figures.national_figure(comparison, cohort, chosen)
    local = state.select_in_session(columns[1], f"Local general-population figure for “{need}”",
                                    [NONE, *chosen_figures.LOCAL_NEEDS], keys.your_data_general(cohort, need),
                                    format_func=lambda key: chosen_figures.LOCAL_NEEDS.get(key, "None"),
                                    help=LIKE_FOR_LIKE_HELP)
    if local:
        local_values = blocks.load_or_stop(cached.local_indicators).values
        general.update(chosen_figures.general_figures(
            local_values, rows, cohort, need, local,
            chosen_figures.national_row(comparison, cohort, chosen) if chosen else None))

figures = partner_table(your_data.compare(rows, national, general), settings.DISCLOSURE_THRESHOLD)
protected = figures.suppressed

st.subheader("Your figures")
# One decimal place on screen (the CSV keeps every digit), formula-like text neutralised as in the CSV, so the
# table toolbar's download and copy carry no live formula.
st.dataframe(figures.on_screen(), hide_index=True, width="stretch")
st.caption("Text that begins with =, +, - or @ is shown with a leading ' (apostrophe), here and in every "
           "download, so that a spreadsheet reads it as text, never as a formula.")
if protected.any_suppressed:
    st.caption(protected.footnote())
st.caption("Prevalence = numerator ÷ denominator, with a Wilson score 95% interval; figures given as a value keep "
           "the interval in the file. A comparison is significant when the 95% interval excludes the other figure. "
           + LIKE_FOR_LIKE_HELP)
st.download_button("Download these figures (CSV)", figures.csv_bytes, file_name="your_data.csv",
                   mime="text/csv", on_click="ignore")

shown = protected.frame
mappable = chosen_figures.mappable(shown)
if mappable:
    st.subheader("Map")
    pick = st.selectbox("Figure", range(len(mappable)), key=keys.YOUR_DATA_MAP_FIGURE,
                        format_func=lambda i: chosen_figures.figure_label(mappable[i]))
    chosen = chosen_figures.map_rows(shown, mappable[pick])
    level = chosen["area_type"].iloc[0]
    text = protected.display(list(HEADINGS)).loc[chosen.index]
    labels, fills, _ = quantile_classes(chosen["value"])
    try:
        leaflet_url = cached.leaflet_assets()
        layer = blocks.load_or_stop(lambda: cached.web_layer(level))
        areas = pd.DataFrame({"code": layer.codes, "name": layer.names}).merge(pd.DataFrame({
            "code": chosen["area_code"], "fill": fills, "value_text": text["value"].astype(str),
            "partner": text["partner"]}), on="code", how="left")
        areas["value_text"] = areas["value_text"].fillna("not in your files")
        st_folium(choropleth_map(layer, areas, "fill", {"name": "Area", "value_text": "Prevalence (%)",
                                                 "partner": "Partner"}, height_px=520, leaflet_url=leaflet_url),
                  key=keys.your_data_map(level), height=520, use_container_width=True, returned_objects=[])
        colouring = ("Areas in fifths of the values shown" if has_classes(chosen["value"])
                     else "Fewer than five areas have a figure, so they share one colour (no fifths): read each "
                          "value in the table above")
        st.caption(f"{colouring}; white: no figure or suppressed. "
                   + catalogue.ONS_ATTRIBUTION.format(year="2023 and 2024"))
    except WebAssetsError as error:
        st.error(f"The map cannot be drawn: {error}")
