"""The open-data files the app reads: where each lives in the data directory, who publishes it, its licence
and vintage.

The data directory (``JHE_DATA_DIR``, default ``.data/``) is laid out like an offline data folder
(``boundaries/``, ``hexjson/``, ``indicators/``, ``lookups/``, ``population/``, ``similar_areas/``). ``make data``
downloads
each file from its publisher into its ``path``; ``make data-import SRC=folder`` copies a folder laid out the
same way. Either way the manifest records the file, its source, checksum, licence and vintage, taken from
here. Optional entries (Fingertips API downloads by area type) are used when present.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

OGL = "Open Government Licence v3.0"
ONS_ATTRIBUTION = ("Source: Office for National Statistics licensed under the Open Government Licence v3.0. "
                   "Contains OS data © Crown copyright and database right {year}.")


@dataclass(frozen=True)
class DataFile:
    """One open-data file the app reads: its catalogue key, path in the data directory and provenance."""

    key: str
    path: str  # relative to the data directory
    title: str
    publisher: str
    licence: str
    vintage: str
    source_page: str  # where a person finds the dataset
    required: bool = True  # the app's maps need it; optional files improve what is shown
    attribution: str | None = None


# Fingertips API downloads (all_data/csv/by_indicator_id): one file per indicator and area type. The general-
# population comparators, then the justice indicators whose ids were verified (data/indicators.csv, id_status).
FINGERTIPS_INDICATORS = ("92443", "848", "10401", "90244", "90245", "41001")
FINGERTIPS_AREA_TYPES = {501: "lad", 502: "utla"}
# Files no publisher serves as the app reads them: `make data-import SRC=<folder>` brings them (acquire's
# ImportOnly specs; a test keeps the two lists equal).
IMPORT_ONLY_KEYS = frozenset({"la_names", "code_changes", "utla_hexjson", "smoking_ltla_extract",
                              "depression_ltla_extract", "pfa_boundaries", "csp_pfa_lookup"})


def fingertips_api_path(indicator_id: str, area_type_id: int) -> str:
    return f"indicators/fingertips_api_{indicator_id}_at{area_type_id}.csv"


def fingertips_key(indicator_id: str, level: str) -> str:
    """The catalogue key of one Fingertips API file: ``fingertips_<id>_<lad|utla>``."""
    return f"fingertips_{indicator_id}_{level}"


def _fingertips_api_file(indicator_id: str, area_type_id: int, level: str) -> DataFile:
    return DataFile(
        fingertips_key(indicator_id, level), fingertips_api_path(indicator_id, area_type_id),
        f"Fingertips indicator {indicator_id}, area type {area_type_id} ({level.upper()}), with England and regions",
        "Office for Health Improvement and Disparities (Fingertips API)", OGL, "all periods published",
        "https://fingertips.phe.org.uk/", required=False)


# ONS statistical nearest neighbours (Explore Local Statistics, 2026 update): one list per model, 20 ranked
# neighbours per area (districts, unitaries, counties and combined authorities across the UK).
NEIGHBOUR_MODELS = ("global", "economic", "demographic")


def neighbours_key(model: str) -> str:
    return f"neighbours_{model}"


def _neighbours_file(model: str) -> DataFile:
    return DataFile(
        neighbours_key(model), f"similar_areas/ons_{model}_neighbours_2026.csv",
        f"Statistical nearest neighbours, {model} model: each area's 20 most similar areas, ranked",
        "Office for National Statistics (Explore Local Statistics; repository ONSdigital/explore-local-statistics-app)",
        "MIT (repository); no separate data licence stated (ONS statistics are normally OGL v3.0)",
        "2026 update (ONS commit 99fc2df3, 12 March 2026)", "https://www.ons.gov.uk/explore-local-statistics/",
        required=False)


CATALOGUE: tuple[DataFile, ...] = (
    DataFile("utla_boundaries", "boundaries/utla_ctyua_dec2023_england_bsc.geojson",
             "Counties and Unitary Authorities (December 2023) Boundaries UK BSC, England",
             "Office for National Statistics (Open Geography Portal)", OGL, "December 2023 (CTYUA23)",
             "https://geoportal.statistics.gov.uk/", attribution=ONS_ATTRIBUTION.format(year=2023)),
    DataFile("lad_boundaries", "boundaries/lad_may2024_england_bsc.geojson",
             "Local Authority Districts (May 2024) Boundaries UK BSC, England",
             "Office for National Statistics (Open Geography Portal)", OGL, "May 2024 (LAD24)",
             "https://geoportal.statistics.gov.uk/", attribution=ONS_ATTRIBUTION.format(year=2024)),
    DataFile("region_boundaries", "boundaries/regions_dec2023_england_buc.geojson",
             "Regions (December 2023) Boundaries EN BUC", "Office for National Statistics (Open Geography Portal)",
             OGL, "December 2023 (RGN23)", "https://geoportal.statistics.gov.uk/",
             attribution=ONS_ATTRIBUTION.format(year=2023)),
    DataFile("lad_lookup", "lookups/lookup_lad24_utla23_rgn23_england.csv",
             "Local authority district to county/unitary authority to region lookup, England",
             "Office for National Statistics (Open Geography Portal)", OGL,
             "LAD May 2024 / CTYUA Dec 2023 / RGN Dec 2023",
             "https://geoportal.statistics.gov.uk/"),
    # Police force areas (E23) and community safety partnerships (E22): the 2020 boundaries hold the same 43
    # forces and codes as the December 2024 lookup (../shared/data/SOURCES.md); only England is drawn.
    DataFile("pfa_boundaries", "boundaries/pfa_dec2020_ew_buc.geojson",
             "Police Force Areas (December 2020) Boundaries EW BUC", "Office for National Statistics (Open Geography "
             "Portal)", OGL, "December 2020 (PFA20; the same 43 forces as December 2024)",
             "https://geoportal.statistics.gov.uk/", attribution=ONS_ATTRIBUTION.format(year=2020)),
    DataFile("csp_pfa_lookup", "lookups/lookup_lad24_csp24_pfa24_ew.csv",
             "Local authority district to community safety partnership to police force area (December 2024) lookup "
             "in England and Wales", "Office for National Statistics (Open Geography Portal)", OGL,
             "LAD / CSP / PFA December 2024", "https://geoportal.statistics.gov.uk/"),
    DataFile("code_changes", "lookups/la_code_changes_england_2019_2025.csv",
             "Local authority code changes in England, 2019-2025 (Code History Database)",
             "Office for National Statistics (Code History Database)", OGL, "2019-04-01 to 2025",
             "https://geoportal.statistics.gov.uk/"),
    DataFile("lad_hexjson", "hexjson/uk_lad_2023_odileeds.hexjson", "UK local authority districts hex cartogram",
             "Open Innovations (odileeds/hexmaps)", "MIT (layout); codes and names ONS, OGL v3.0", "2023",
             "https://open-innovations.org/projects/hexmaps/"),
    DataFile("utla_hexjson", "hexjson/england_utla_2023_derived.hexjson",
             "England upper-tier local authorities hex cartogram (2019 layout updated to 2023 codes)",
             "Open Innovations (odileeds/hexmaps), updated to 2023 codes",
             "MIT (layout); codes and names ONS, OGL v3.0",
             "2023 codes", "https://open-innovations.org/projects/hexmaps/"),
    DataFile("population", "population/population_census2021_by_age_england_lad24_utla23.csv",
             "Census 2021 usual resident population by age (TS007A), England local authorities",
             "Office for National Statistics (Census 2021, via Nomis)", OGL, "Census 2021 (21 March 2021)",
             "https://www.nomisweb.co.uk/sources/census_2021_bulk"),
    DataFile("imd2025", "indicators/imd2025_lad24_summaries_england.csv",
             "English Indices of Deprivation 2025, local authority district summaries (File 10)",
             "Ministry of Housing, Communities and Local Government", OGL, "IoD2025, LAD 2024 codes",
             "https://www.gov.uk/government/statistics/english-indices-of-deprivation-2025"),
    DataFile("homelessness", "indicators/homelessness_dluhc_2023q4_ltla23.csv",
             "Statutory homelessness, detailed local authority tables (Oct-Dec 2023)",
             "Ministry of Housing, Communities and Local Government", OGL, "October-December 2023, LTLA 2023 codes",
             "https://www.gov.uk/government/statistical-data-sets/live-tables-on-homelessness"),
    DataFile("smoking_ltla_extract", "indicators/fingertips_92443_smoking_prevalence_aps_ltla.csv",
             "Fingertips 92443 Smoking prevalence in adults (18+), districts and UAs",
             "Office for Health Improvement and Disparities (Fingertips)", OGL, "2011-2024, area type 101",
             "https://fingertips.phe.org.uk/", required=False),
    DataFile("depression_ltla_extract", "indicators/fingertips_848_depression_qof_prevalence_ltla.csv",
             "Fingertips 848 Depression: QOF prevalence (18+), districts and UAs",
             "Office for Health Improvement and Disparities (Fingertips)", OGL, "2014/15-2024/25, area type 101",
             "https://fingertips.phe.org.uk/", required=False),
    DataFile("la_names", "lookups/mysociety_uk_local_authorities_past_current_future.csv",
             "UK local authority names and codes, past, current and future (uk_la_future)", "mySociety",
             "CC BY 4.0 (attribution: mySociety); derived in part from ONS data, OGL v3.0", "v1.7.3 (July 2025)",
             "https://pages.mysociety.org/uk_local_authority_names_and_codes/", required=False,
             attribution="Local authority names: mySociety, CC BY 4.0."),
    *(_fingertips_api_file(indicator_id, area_type_id, level)
      for indicator_id in FINGERTIPS_INDICATORS for area_type_id, level in FINGERTIPS_AREA_TYPES.items()),
    *(_neighbours_file(model) for model in NEIGHBOUR_MODELS),
)

BY_KEY = {entry.key: entry for entry in CATALOGUE}
BY_PATH = {entry.path: entry for entry in CATALOGUE}


def locate(data_dir: Path, key: str) -> Path:
    """The file for catalogue ``key`` in the data directory (it may not exist)."""
    return Path(data_dir) / BY_KEY[key].path
