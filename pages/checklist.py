"""Action checklist: the seed reports' three stages and Balancing Act's positive actions, with the DPH's status,
owner partner and note for each. Progress lives in this browser session only (st.session_state): it is never
written to disk, cached or put in the URL; a download keeps it and an upload brings it back."""

import streamlit as st

from core.checklist import MAX_NOTE, NOT_ASSIGNED, STATUSES, ItemProgress
from core.errors import listed
from intake.checklist_progress import read_progress
from present import checklist
from ui import blocks, keys, router
from ui import cache as cached

router.require_router()

PROBLEMS_SHOWN = 50
FORUM_HEADINGS = {"forum": "Forum", "members": "Who sits on it", "role": "What it does for this agenda",
                  "usually_leads": "Usually leads (our suggestion)", "sources": "Sources"}


def show_in_widgets(progress: dict[str, ItemProgress], item_ids, owners: list[str]) -> None:
    """Put recorded progress into the item widgets (before they are drawn in this run)."""
    for item_id in item_ids:
        entry = checklist.item_progress(progress, item_id)
        st.session_state[keys.checklist_item("status", item_id)] = entry.status
        st.session_state[keys.checklist_item("owner", item_id)] = entry.owner if entry.owner in owners else NOT_ASSIGNED
        st.session_state[keys.checklist_item("note", item_id)] = entry.note


def save_section(item_ids: list[str]) -> None:
    """Form callback: the section's submitted widget values become its recorded progress."""
    progress = st.session_state.setdefault(keys.CHECKLIST_PROGRESS, {})
    for item_id in item_ids:
        progress[item_id] = ItemProgress(**{field: st.session_state[keys.checklist_item(field, item_id)]
                                            for field in ("status", "owner", "note")})


st.title("Action checklist")
st.markdown(
    "The steps that Revolving Doors Agency's reports with Public Health England set out for Directors of Public "
    "Health: *Balancing Act: addressing health inequalities among people in contact with the criminal justice "
    "system* (2013, with the Probation Chiefs Association) and *Rebalancing Act* (2017, with support from Public "
    "Health England and the Home Office). The three stages come from *Rebalancing Act*, the positive actions from "
    "*Balancing Act*. **Every item is our paraphrase** of the pages listed under Sources at the end, with each "
    "item's sources beside it; words in quotation marks are the sources' own. Items marked (context) come from a "
    "page that is not one of the five seed pages.")
st.markdown("Mark each item's status, the partner that owns it and a note, then press the section's Save button. "
            "Your progress stays in this browser session only: it is not saved on the server or shared. Download it "
            "to keep it, and upload that file later to carry on.")

items = blocks.load_or_stop(cached.checklist_items)
sources = blocks.load_or_stop(cached.checklist_sources)
forums = blocks.load_or_stop(cached.partner_forums)
owners = checklist.owner_choices(forums)
progress = st.session_state.setdefault(keys.CHECKLIST_PROGRESS, {})

summary = st.empty()
left, right = st.columns(2)
uploaded = right.file_uploader("Continue from a saved progress file (CSV, or Excel .xlsx)", type=["csv", "xlsx"],
                               key=keys.CHECKLIST_UPLOAD, help="The file the Download button on this page gives you. "
                               "Items in the file replace what is recorded here; other items are kept.")
if uploaded is not None and st.session_state.get(keys.CHECKLIST_APPLIED_UPLOAD) != uploaded.file_id:
    loaded, problems = read_progress(uploaded.getvalue(), uploaded.name, items, owners=owners)
    progress.update(loaded)
    show_in_widgets(progress, loaded, owners)
    st.session_state[keys.CHECKLIST_APPLIED_UPLOAD] = uploaded.file_id
    st.session_state[keys.CHECKLIST_UPLOAD_RESULT] = (uploaded.name, len(loaded),
                                                      [str(problem) for problem in problems])
if uploaded is not None:
    name, loaded_count, problem_texts = st.session_state[keys.CHECKLIST_UPLOAD_RESULT]
    if loaded_count:
        right.success(f"{blocks.plain(name)}: progress on {loaded_count} item(s) loaded.")
    if problem_texts:
        problem_list = listed([f"- {blocks.plain(text)}" for text in problem_texts], PROBLEMS_SHOWN, "\n",
                              "\n- ... and {n} more")
        heading = ("These rows were not loaded; fix them in the file and upload it again" if loaded_count
                   else "Nothing was loaded")
        (right.warning if loaded_count else right.error)(
            f"**{heading}:**\n\n{problem_list}\n\nRows are numbered as in a spreadsheet: the header is row 1.")
left.download_button("Download progress (CSV)", lambda: checklist.progress_csv_bytes(items, progress),
                     file_name="action_checklist_progress.csv", mime="text/csv", on_click="ignore",
                     key=keys.CHECKLIST_DOWNLOAD, help="Every item with its status, owner and note. Upload it here "
                     "later to carry on; it also opens in a spreadsheet.")
summary.markdown(f"**Progress: {checklist.summary_text(items, progress)}**")

for (order, section), rows in items.groupby(["section_order", "section"], sort=True):
    item_ids = list(rows["item_id"])
    show_in_widgets(progress, [i for i in item_ids if keys.checklist_item("status", i) not in st.session_state], owners)
    done = checklist.status_counts(rows, progress)["Done"]
    st.subheader(section)
    st.markdown(f"{done} of {len(rows)} done.")
    with st.form(keys.checklist_form(order)):
        for item in rows.itertuples(index=False):
            st.markdown(f"**{item.item_id}.** {blocks.plain(item.action)}\n\n*Why:* {blocks.plain(item.why)} "
                        "*Sources:* "
                        f"{blocks.plain(checklist.source_labels(item.sources))}. *Suggested partners:* "
                        f"{blocks.plain(item.suggested_partners.replace(';', ', '))}.")
            status_column, owner_column, note_column = st.columns([1, 1, 2])
            status_column.selectbox(f"Status ({item.item_id})", STATUSES,
                                    key=keys.checklist_item("status", item.item_id))
            owner_column.selectbox(f"Owner ({item.item_id})", owners, key=keys.checklist_item("owner", item.item_id))
            note_column.text_input(f"Note ({item.item_id})", max_chars=MAX_NOTE,
                                   key=keys.checklist_item("note", item.item_id))
        st.form_submit_button(f"Save: {section}", key=keys.checklist_save(order), on_click=save_section,
                              args=(item_ids,))

st.subheader("Who does what: partner forums")
st.markdown("The forums the reports name. *Who sits on it* comes from the Act cited where one is given; the "
            "reports themselves do not describe membership. *Usually leads* and each item's suggested partners are "
            "our suggestion: the reports do not assign actions to forums.")
forum_table = forums[list(FORUM_HEADINGS)].rename(columns=FORUM_HEADINGS).fillna("")
forum_table["Usually leads (our suggestion)"] = forum_table["Usually leads (our suggestion)"].str.replace(";", ", ")
forum_table["Sources"] = forum_table["Sources"].map(checklist.source_labels)
st.table(forum_table, hide_index=True)

st.subheader("Sources")
st.markdown("\n".join(
    f"- **[{blocks.plain(row.source_id)}]** {blocks.plain(row.citation)} Date: {blocks.plain(row.date)}. "
    + (f"[{row.url}]({row.url}) ({blocks.plain(row.url_note)})." if isinstance(row.url, str)
       else f"{blocks.plain(row.url_note)}.")
    for row in sources.itertuples(index=False)))
