"""What the board-pack back-tests share: the bundled inputs, the choices a DPH makes, a partner's upload, and
readers for the slides and sheets python-pptx and openpyxl open."""

from __future__ import annotations

import dataclasses
import math
import re
from datetime import date

import pandas as pd

from analysis.investment import Range
from core import paths
from core.checklist import ItemProgress
from intake import uploads
from loaders import cohort_facts, investment, national
from present import checklist as progress_view
from present.investment import InvestmentChoices
from reports.model import LoadedData, PackRequest

BARNSLEY = "E08000016"
MANCHESTER = "E08000003"
SUPPRESSED = "suppressed (<5)"
PROTECTING = "suppressed to protect another cell"


def loaded_inputs(bundled_evidence, bundled_comparison, bundled_checklist) -> LoadedData:
    """The bundled evidence and checklist, with Census adults by hand and one checklist item recorded."""
    base = paths.bundled_data_dir()
    progress = {"SC-01": ItemProgress("Done", "Public health", "Agreed at the March board")}
    # Census adults by hand: Barnsley 200,000 of England's 40,000,000 (only the rows the estimator reads).
    population = pd.DataFrame({
        "area_code": [BARNSLEY, "E92000001"], "area_name": ["Barnsley", "England"], "area_type": ["utla", "country"],
        "band": ["five-year", "five-year"], "age_from": [20, 20], "population": [200_000, 40_000_000]})
    return LoadedData(
        comparison=bundled_comparison, sources=bundled_evidence.sources,
        cohort_sizes=national.read_cohort_sizes(base / national.COHORT_SIZES_FILE),
        cohort_facts=cohort_facts.read_cohort_facts(base / cohort_facts.COHORT_FACTS_FILE), population=population,
        checklist=progress_view.progress_table(bundled_checklist.items, progress, bundled_checklist.sources),
        checklist_summary=progress_view.summary_text(bundled_checklist.items, progress),
        checklist_sources=bundled_checklist.sources, app_version="abc123def456",
        investment_inputs=investment.read_investment_inputs(base / investment.INVESTMENT_INPUTS_FILE))


def board_choices(**changes) -> PackRequest:
    chosen = PackRequest(
        title="Justice health: board paper", made_on=date(2026, 11, 24), narrative="Why this matters to the board.",
        threshold=5, threshold_set_by="the default",
        headline_cohorts=("prison",), cohorts=("prison",), domains=("mental_health",),
        needs=("Probable functional psychosis in the past year",), area_code=BARNSLEY, level="utla",
        need_cohorts=("probation",), typed_sizes={"probation": 1200},
        investment=InvestmentChoices(sentences_avoided=Range(10, 20), years_in_custody=Range(0.25, 0.5)))
    return dataclasses.replace(chosen, **changes)


def slide_texts(slide) -> list[str]:
    """Every paragraph in every text frame and table cell of a slide (not the title)."""
    texts = []
    for shape in slide.shapes:
        if shape == slide.shapes.title:
            continue
        if shape.has_text_frame:
            texts += [p.text for p in shape.text_frame.paragraphs]
        if shape.has_table:
            texts += [cell.text for row in shape.table.rows for cell in row.cells]
    return texts


def table_rows(slide) -> list[list[str]]:
    shape = next(shape for shape in slide.shapes if shape.has_table)
    return [[cell.text for cell in row.cells] for row in shape.table.rows]


def sheet_rows(sheet) -> list[dict]:
    header, *rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(header, row, strict=True)) for row in rows]


def every_text(presentation) -> list[str]:
    texts = []
    for slide in presentation.slides:
        texts += [slide.shapes.title.text, *slide_texts(slide), slide.notes_slide.notes_text_frame.text]
        texts += [shape._element.nvPicPr.cNvPr.get("descr", "") for shape in slide.shapes if shape.shape_type == 13]
    return texts


def every_cell(book_) -> list[object]:
    return [cell for sheet in book_.worksheets for row in sheet.iter_rows(values_only=True) for cell in row]


def unnumbered(title: str) -> str:
    return re.sub(r" \(\d+ of \d+\)$", "", title)


def partner_upload() -> uploads.UploadResult:
    """One partner's depression figures by sex: women 3 of 17 (hidden), so men 83 of 211 must be hidden too (persons
    86 of 228 minus men gives the women's count); persons shown."""
    rows = uploads.empty_rows()
    figures = [("persons", 86, 228), ("male", 83, 211), ("female", 3, 17)]
    records = [{"partner": "Test PDU", "file": "partners.csv", "sheet": None, "row": number, "area_code": BARNSLEY,
                "area_name": "Barnsley", "area_type": "utla", "cohort": "probation", "indicator": "Depression",
                "sex": sex, "period": "2024/25", "numerator": float(count), "denominator": float(total),
                "value": math.nan, "ci_low": math.nan, "ci_high": math.nan, "unit": "%", "code_note": None,
                "input_rows": 1} for number, (sex, count, total) in enumerate(figures, start=2)]
    return uploads.UploadResult(pd.concat([rows, pd.DataFrame(records)], ignore_index=True).astype(rows.dtypes),
                                rows_read=3, rows_valid=3)
