"""The form that reads a provider's own layout: for each template field, one of the file's columns or one value
for every row. The mapping is kept for the session (ui.session), so the next file with the same headers is read
with it; the file's bytes never leave the session's memory."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from core.labels import COHORT_LABELS
from core.vocabulary import JUSTICE_COHORTS
from intake import uploads
from intake.uploads import FIXED_FIELDS, MAPPED_FIELDS, ColumnMapping
from ui import blocks, keys, session

NOT_IN_FILE = ""
FIELD_WORDS = {
    "period": "Period (year, quarter or month)", "area_code": "Area code (ONS GSS code)", "area_name": "Area name",
    "cohort": "Cohort", "indicator": "Need (what is counted)", "numerator": "Numerator: people with the need",
    "denominator": "Denominator: people in the cohort", "value": "Value (%), if there are no counts",
    "ci_low": "Lower 95% limit (%)", "ci_high": "Upper 95% limit (%)", "sex": "Sex", "partner": "Partner (source)",
}


def reader(matcher: uploads.AreaMatcher) -> session.Reader:
    """How this session reads a file: the template's column names, or the user's mapping."""
    def read(name: str, data: bytes, mapping: ColumnMapping | None) -> uploads.UploadResult:
        return uploads.read_upload_with(name, data, matcher, mapping=mapping)
    return read


def mapping_form(partner: session.PartnerFile, matcher_loader: Callable[[], uploads.AreaMatcher]) -> None:
    """An expander (open when no row could be used) with a form mapping the file's columns to the template's."""
    layout = partner.result.layout
    if not layout:
        return
    current = partner.mapping or session.remembered_mapping(layout) or ColumnMapping()
    with st.expander(f"Read {partner.name} with its own column names",
                     expanded=partner.result.rows_valid == 0), st.form(keys.your_data_mapping(partner.file_id)):
        st.caption("Say which of your file's columns holds each field, or give one value for every row (a file "
                   "for one area, cohort or need). The mapping is kept for this session: the next file with the "
                   "same column headers is read with it.")
        for name in MAPPED_FIELDS:
            _field_row(partner.file_id, name, layout, current)
        st.form_submit_button("Read the file with this mapping", key=keys.your_data_mapping(partner.file_id, "submit"),
                              on_click=_submit, args=(partner.file_id, matcher_loader))
    problems = st.session_state.get(keys.your_data_mapping(partner.file_id, "problems"))
    if problems:
        st.error("The mapping cannot be used yet: " + "; ".join(blocks.plain(p) for p in problems) + ".")


def _submit(file_id: str, matcher_loader: Callable[[], uploads.AreaMatcher]) -> None:
    """Callback of the form's button (before the page runs): read the file again with the mapping given."""
    def value(name: str, part: str) -> str:
        return str(st.session_state.get(keys.your_data_mapping(file_id, f"{name}_{part}")) or "")
    mapping = ColumnMapping({name: value(name, "column") for name in MAPPED_FIELDS if value(name, "column")},
                            {name: value(name, "fixed") for name in FIXED_FIELDS if value(name, "fixed").strip()})
    problems = mapping.problems()
    st.session_state[keys.your_data_mapping(file_id, "problems")] = problems
    if not problems:
        session.remap_partner_file(file_id, mapping, reader(matcher_loader()))


def _field_row(file_id: str, name: str, layout: tuple[str, ...], current: ColumnMapping) -> None:
    """One field: a column of the file, and (where a field may be) a value for every row."""
    left, right = st.columns(2)
    options = [NOT_IN_FILE, *layout]
    given = current.columns.get(name, NOT_IN_FILE)
    left.selectbox(FIELD_WORDS[name], options, index=options.index(given) if given in options else 0,
                   key=keys.your_data_mapping(file_id, f"{name}_column"),
                   format_func=lambda title: title or "Not in the file")
    if name not in FIXED_FIELDS:
        return
    label = f"or {FIELD_WORDS[name].split(' (')[0].split(':')[0].lower()} for every row"
    if name == "cohort":
        cohorts = [NOT_IN_FILE, *JUSTICE_COHORTS]
        typed = current.fixed.get(name, NOT_IN_FILE)
        right.selectbox(label, cohorts, index=cohorts.index(typed) if typed in cohorts else 0,
                        key=keys.your_data_mapping(file_id, f"{name}_fixed"),
                        format_func=lambda code: COHORT_LABELS.get(code, "Not the same for every row"))
        return
    right.text_input(label, value=current.fixed.get(name, ""), key=keys.your_data_mapping(file_id, f"{name}_fixed"))
