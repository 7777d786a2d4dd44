"""The board pack's source rows: a figure read only second-hand is listed as context, not as evidence."""

import pandas as pd

from reports.sources import SECONDARY_NOTE, evidence_sources

SOURCES = pd.DataFrame({"source_id": ["blog"], "short_label": ["A blog 2018"], "publisher": ["PHE"],
                        "year_published": [2018.0]})


def row(status: str) -> dict:
    return {"indicator": "Current tobacco smoking", "sex": "persons", "cohort": "prison", "cohort_source_id": "blog",
            "cohort_citation": "O'Moore E (2018) blog", "source_url": "https://example.org/blog",
            "comparator_citation": "O'Moore E (2018) blog", "caveat": "Predates smoke-free prisons.",
            "data_year": 2018, "source_status": status}


def test_a_secondary_figure_is_listed_as_context_with_its_own_caveat():
    [listed] = evidence_sources(pd.DataFrame([row("secondary")]), SOURCES)
    assert listed.caveat == f"{SECONDARY_NOTE} Predates smoke-free prisons."
    assert listed.caveat.startswith("Read only in a secondary source")


def test_a_primary_figure_keeps_its_caveat_alone():
    [listed] = evidence_sources(pd.DataFrame([row("primary")]), SOURCES)
    assert listed.caveat == "Predates smoke-free prisons."
