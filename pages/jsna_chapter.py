"""JSNA chapter: a Word document (and the same as a PDF) for the Joint Strategic Needs Assessment's justice chapter,
made from the current view with the board pack's own content."""

import re

import streamlit as st

from reports.assemble import assemble
from reports.chapter import chapter_blocks
from reports.chapter_docx import chapter_docx
from reports.chapter_pdf import chapter_pdf
from ui import blocks, pack_choices, router

router.require_router()

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

st.title("JSNA chapter")
st.markdown("A draft of the Joint Strategic Needs Assessment's chapter on people in contact with the justice "
            "system, for an analyst to edit: who they are locally, what is known nationally (with each figure's "
            "grade and data year), the local estimate of need, local indicators against England, the region and "
            "statistical neighbours, partners' figures (suppressed), the gaps in the data, recommendations from "
            "the action checklist and full references. Built from the same choices and words as the board pack; "
            "made when you click, and never saved.")

request, loaded = pack_choices.choose_pack("Summary: the chapter's opening paragraph (optional)")
preview = assemble(request, loaded, render=False)

st.subheader("What goes in")
outline = [block for block in chapter_blocks(preview) if block.kind == "heading" and 1 <= block.level <= 2]
st.markdown("\n".join(("" if block.level == 1 else "    ") + f"- {blocks.plain(block.text)}" for block in outline))
if preview.left_out:
    st.markdown("**Left out, and why**\n\n" + "\n".join(f"- {blocks.plain(item)}" for item in preview.left_out))

slug = re.sub(r"[^0-9A-Za-z]+", "-", f"jsna-chapter-{preview.area_name or 'england'}-{request.made_on:%Y-%m-%d}"
              ).lower()
buttons = st.columns(2)
buttons[0].download_button("Download the chapter (Word)", lambda: chapter_docx(assemble(request, loaded)),
                           file_name=f"{slug}.docx", mime=DOCX, on_click="ignore", type="primary",
                           help="Made when you click: a few seconds.")
buttons[1].download_button("Download the chapter (PDF)", lambda: chapter_pdf(assemble(request, loaded)),
                           file_name=f"{slug}.pdf", mime="application/pdf", on_click="ignore",
                           help="The same content, ready to read or circulate.")
st.caption("Headings, table header rows, alt text on the map and the document's language are set, so the chapter "
           "reads well with a screen reader; counts below the disclosure threshold are suppressed as on screen.")
