"""Shared test helpers: copies of the bundled data that a test may break, and a template evidence row."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
BUNDLED = REPO_ROOT / "data"
DATA_FILES = ("national_prevalence.csv", "sources.csv", "cohort_sizes.csv")
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"


def open_data_folder() -> Path | None:
    """The imported open-data folder: $JHE_DATA_DIR when it holds an import (CI imports ../shared/data there),
    else ../shared/data itself (laid out the same way), else None."""
    for candidate in (os.environ.get("JHE_DATA_DIR"), SHARED_DATA):
        if candidate and (Path(candidate) / "lookups" / "lookup_lad24_utla23_rgn23_england.csv").is_file():
            return Path(candidate)
    return None


@pytest.fixture(scope="session")
def open_data() -> Path:
    """The open-data folder for tests that need real boundaries and indicators (skipped without one)."""
    folder = open_data_folder()
    if folder is None:
        pytest.skip("no open-data folder: run `make data-import SRC=../shared/data` (CI does)")
    return folder


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled data folder."""
    target = tmp_path / "data"
    target.mkdir()
    for name in DATA_FILES:
        shutil.copyfile(BUNDLED / name, target / name)
    return target


def read_text(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def set_cell(path: Path, row: int, column: str, value: str) -> None:
    """Overwrite one cell (row is the 0-based data row; spreadsheet row = row + 2)."""
    frame = read_text(path)
    frame.loc[row, column] = value
    frame.to_csv(path, index=False)


TEMPLATE_ROW = {
    "evidence_id": "XX01", "indicator": "Test need", "domain": "mental_health", "cohort": "prison",
    "sex": "persons", "age": "18+", "unit": "%", "cohort_value": "", "cohort_numerator": "",
    "cohort_denominator": "", "cohort_sample_size": "", "cohort_ci_low": "", "cohort_ci_high": "",
    "cohort_ci_level": "", "cohort_period": "2020", "cohort_area_code": "E92000001",
    "cohort_area_name": "England", "coverage": "national", "comparator": "adults in England",
    "comparator_value": "", "comparator_ci_low": "", "comparator_ci_high": "", "comparator_ci_level": "",
    "comparator_sex": "persons", "comparator_age": "18+", "comparator_sample_size": "",
    "comparator_period": "2020", "comparator_area_code": "E92000001", "comparator_area_name": "England",
    "measure_definition": "test", "cohort_source_id": "src_a", "comparator_source_id": "src_b",
    "cohort_citation": "Author A (2020) Cohort study", "comparator_citation": "Author B (2020) Survey",
    "source_url": "https://example.org/a", "comparator_url": "", "published_ratio": "", "ratio_wording": "",
    "ratio_type": "", "comparability": "high", "evidence_quality": "administrative", "data_year": "2020",
    "data_year_basis": "fieldwork", "caveat": "test caveat", "quote": "", "notes": "",
}
TEMPLATE_SOURCES = pd.DataFrame({
    "source_id": ["src_a", "src_b"], "short_label": ["Author A 2020", "Author B 2020"],
    "citation": ["Author A (2020) Cohort study", "Author B (2020) Survey"], "publisher": ["P", "Q"],
    "year_published": ["2020", "2020"], "url": ["https://example.org/a", ""], "design": ["d", "d"],
    "caveats": ["", ""], "access_note": ["", ""],
})


def write_evidence_folder(folder: Path, rows: list[dict]) -> Path:
    """A data folder holding only the given evidence rows (template values elsewhere) and two sources."""
    folder.mkdir(parents=True, exist_ok=True)
    pd.DataFrame([{**TEMPLATE_ROW, **row} for row in rows]).to_csv(folder / "national_prevalence.csv", index=False)
    TEMPLATE_SOURCES.to_csv(folder / "sources.csv", index=False)
    shutil.copyfile(BUNDLED / "cohort_sizes.csv", folder / "cohort_sizes.csv")
    return folder
