"""Shared test helpers: the open-data folder (one fixture for ../shared/data, one for an imported copy), the bundled
data read once (evidence, comparison, indicator register, checklist), the app in AppTest with and without the open
data, copies of the bundled data that a test may break, and a template evidence row."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analysis.comparison import compare_with_general_population
from loaders import checklist
from loaders.indicators import read_indicator_register
from loaders.national import NationalEvidence, load_national_evidence
from tests.support import apptest
from tests.support import open_data as open_data_support
from tests.support.open_data import REPO_ROOT, SHARED_DATA

BUNDLED = REPO_ROOT / "data"
DATA_FILES = ("national_prevalence.csv", "sources.csv", "cohort_sizes.csv")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data, the offline open-data folder as published (skipped locally, failed in CI, when absent)."""
    if not SHARED_DATA.is_dir():
        open_data_support.missing(f"{SHARED_DATA} is not beside this repository")
    return SHARED_DATA


@pytest.fixture(scope="session")
def imported_open_data(tmp_path_factory: pytest.TempPathFactory) -> Path | None:
    """An imported open-data folder (map layers built): $JHE_DATA_DIR when it holds an import, else
    ../shared/data imported once per session into a temporary folder; None when neither is there."""
    folder = open_data_support.imported_from_env()
    if folder is not None:
        return folder
    if not SHARED_DATA.is_dir():
        return None
    return open_data_support.import_shared_data(tmp_path_factory.mktemp("open-data"))


@pytest.fixture(scope="session")
def open_data(imported_open_data: Path | None) -> Path:
    """The imported open-data folder, for tests that need real boundaries and indicators (skipped locally, failed
    in CI, without one)."""
    if imported_open_data is None:
        open_data_support.missing("no imported open-data folder and no ../shared/data to import")
    return imported_open_data


# --- the bundled data, read once (never changed in place by a test) ----------------------------------------------

@pytest.fixture(scope="session")
def bundled_evidence() -> NationalEvidence:
    """The national evidence shipped in data/ (national_prevalence.csv, sources.csv, cohort_sizes.csv)."""
    return load_national_evidence(BUNDLED)


@pytest.fixture(scope="session")
def bundled_comparison(bundled_evidence: NationalEvidence) -> pd.DataFrame:
    """The bundled evidence compared with the general population (the Overview's and Compare page's table)."""
    return compare_with_general_population(bundled_evidence.measures, bundled_evidence.evidence,
                                           bundled_evidence.sources)


@pytest.fixture(scope="session")
def indicator_register() -> pd.DataFrame:
    """The indicator register shipped in data/indicators.csv."""
    return read_indicator_register(BUNDLED / "indicators.csv")


@pytest.fixture(scope="session")
def bundled_checklist() -> checklist.Checklist:
    """The action checklist shipped in data/ (its items, sources and partner forums)."""
    return checklist.load_checklist(BUNDLED)


SMALL_CHECKLIST_ITEMS = (  # deliberately out of order: the loader sorts by section, then item
    "item_id,section,section_order,item_order,action,why,sources,suggested_partners,stage\n"
    "S2-01,Stage 2: engage,2,1,Talk to people,They know,002,Community Safety Partnership,2\n"
    "S1-02,Stage 1: understand,1,2,Check data,It is patchy,002;004,Health and Wellbeing Board,1\n"
    "S1-01,Stage 1: understand,1,1,Build understanding,Need drives commissioning,001,Health and Wellbeing Board,1\n"
    "EI-01,Ingredients,3,1,Agree a vision,Shared aim,004,Police and Crime Commissioner,\n"
)


@pytest.fixture
def small_checklist_items(tmp_path: Path) -> pd.DataFrame:
    """Four hand-made checklist items in three sections, read by the checklist loader."""
    path = tmp_path / checklist.ITEMS_FILE
    path.write_text(SMALL_CHECKLIST_ITEMS, encoding="utf-8")
    return checklist.read_items(path)


# --- the app in AppTest -------------------------------------------------------------------------------------------

@pytest.fixture
def app_without_open_data(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> AppTest:
    """The app (not run yet) on the bundled data alone: its open-data folder is a path nothing was imported to."""
    return apptest.new_app(monkeypatch, tmp_path / "no-import-yet")


@pytest.fixture
def app_with_open_data(monkeypatch: pytest.MonkeyPatch, open_data: Path) -> AppTest:
    """The app (not run yet) on the imported open-data folder (skipped locally, failed in CI, without one)."""
    return apptest.new_app(monkeypatch, open_data)


# --- copies to break ----------------------------------------------------------------------------------------------

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
    "ratio_type": "", "comparability": "high", "comparison_design": "same_measure_and_ages",
    "measure_family": "test_measure", "source_status": "primary", "weakness": "test weakness",
    "comparator_numerator": "", "comparator_denominator": "", "published_ratio_ci_low": "",
    "published_ratio_ci_high": "", "evidence_quality": "administrative", "data_year": "2020",
    "data_year_basis": "fieldwork", "caveat": "test caveat", "quote": "", "notes": "",
}
TEMPLATE_SOURCES = pd.DataFrame({
    "source_id": ["src_a", "src_b"], "short_label": ["Author A 2020", "Author B 2020"],
    "citation": ["Author A (2020) Cohort study", "Author B (2020) Survey"], "publisher": ["P", "Q"],
    "year_published": ["2020", "2020"], "url": ["https://example.org/a", ""], "design": ["d", "d"],
    "caveats": ["", ""], "access_note": ["", ""],
})


# A design for each comparability, for rows that set only the comparability (the loader requires them to agree).
DESIGN_FOR = {"high": "same_measure_and_ages", "moderate": "same_measure_crude", "low": "different_measure"}


def with_design(row: dict) -> dict:
    if "comparability" in row and "comparison_design" not in row:
        return {**row, "comparison_design": DESIGN_FOR[row["comparability"]]}
    return row


def write_evidence_folder(folder: Path, rows: list[dict]) -> Path:
    """A data folder holding only the given evidence rows (template values elsewhere) and two sources."""
    folder.mkdir(parents=True, exist_ok=True)
    pd.DataFrame([{**TEMPLATE_ROW, **with_design(row)} for row in rows]).to_csv(folder / "national_prevalence.csv",
                                                                               index=False)
    TEMPLATE_SOURCES.to_csv(folder / "sources.csv", index=False)
    shutil.copyfile(BUNDLED / "cohort_sizes.csv", folder / "cohort_sizes.csv")
    return folder
