"""How each catalogue file is downloaded (``DOWNLOADS``: catalogue key -> DownloadSpec), and where each address
comes from.

Every URL was seen in public code or documentation that uses it; none was fetched from here, as this workplace
has no internet access. The evidence is written beside each spec and summarised in docs/data.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from acquire.download.arcgis import ArcGisLayer, LadLookup
from acquire.download.fingertips import FingertipsCsv
from acquire.download.published_files import CensusPopulation, Homelessness, IodFile10
from acquire.download.specs import DownloadSpec, ImportOnly, RawFile
from core.catalogue import (
    FINGERTIPS_AREA_TYPES,
    FINGERTIPS_INDICATORS,
    NEIGHBOUR_MODELS,
    fingertips_key,
    neighbours_key,
)

_ONS_EVIDENCE = ("services1.arcgis.com/ESMARspQHYMw9BZ9 is the ONS Open Geography Portal's ArcGIS organisation "
                 "(used by ONS-data packages dfeR and sgapi); service name seen in public code that queries it: ")
# The Explore Local Statistics service's own inputs (its scripts/make-clusters.ts reads
# scripts/config/clusters/<model>-neighbours.csv, stripping the BOM; the same script names the raw URL form
# refs/heads/develop). The 2026 update's full commit id (99fc2df3...) was not seen, so the develop branch is asked
# for: a later ONS update would arrive as it is, validated, with its own checksum in the manifest.
_ONS_CLUSTERS = "/ONSdigital/explore-local-statistics-app/refs/heads/develop/scripts/config/clusters"
_NEIGHBOURS_EVIDENCE = ("repository ONSdigital/explore-local-statistics-app, folder scripts/config/clusters (read by "
                        "its scripts/make-clusters.ts); not pinned to a commit (the 2026 update's full commit id "
                        "was not verified), so make data takes the develop branch's current file")
_FINGERTIPS_EVIDENCE = ("parameter names as in fingertipsR (indicator_ids, child_area_type_id, parent_area_type_id) "
                        "and many public scripts; the name is first checked with indicator_metadata/by_indicator_id "
                        "(legacy Fingertips IndicatorMetadataController; fingertips_py get_metadata_for_indicator)")

DOWNLOADS: Mapping[str, DownloadSpec] = MappingProxyType({
    # NOT VERIFIED: the Dec 2023 CTYUA services seen in public code are ..._Boundaries_UK_BFC, _BGC and _BUC; the
    # BSC one is named here by the same pattern (ONS names LAD Dec 2023 and LAD May 2024 BSC the same way, and the
    # portal's download of this layer is called Counties_and_Unitary_Authorities_December_2023_Boundaries_UK_BSC_
    # 4952317392296043005.geo.json in dhsc-govuk/FingertipsNext). If ONS named it otherwise, the download stops
    # with the service's "Invalid URL" answer: import the file from a data folder instead.
    "utla_boundaries": ArcGisLayer("Counties_and_Unitary_Authorities_December_2023_Boundaries_UK_BSC", "CTYUA23CD",
                                   "CTYUA23NM", 153, "NOT VERIFIED (name follows the pattern of the verified BFC, BGC "
                                   "and BUC services of the same layer)"),
    "lad_boundaries": ArcGisLayer("Local_Authority_Districts_May_2024_Boundaries_UK_BSC", "LAD24CD", "LAD24NM", 296,
                                  _ONS_EVIDENCE + "several projects query Local_Authority_Districts_May_2024_"
                                                  "Boundaries_UK_BSC/FeatureServer/0/query with LAD24CD/LAD24NM"),
    "region_boundaries": ArcGisLayer("Regions_December_2023_Boundaries_EN_BUC", "RGN23CD", "RGN23NM", 9,
                                     _ONS_EVIDENCE + "boundr's tests and a public fetch script query "
                                                     "Regions_December_2023_Boundaries_EN_BUC (rgn23cd, rgn23nm)"),
    "lad_lookup": LadLookup(_ONS_EVIDENCE + "LAD24_CTYUA24_EW_LU (sgapi get_table_link_lookup), LAD24_RGN24_EN_LU "
                                            "(several scripts; 296 rows, LAD24CD/LAD24NM/RGN24CD/RGN24NM), "
                                            "LAD25_CTYUA25_EW_LU_v2 (sgapi; a catalogue page of ONS services)"),
    # Seen in public code, not wired here: ONS serves the lookup as LAD24_CSP24_PFA24_EW_LU (LAD24CD ... PFA24NM; the
    # reader takes those names too) and the forces as Police_Force_Areas_December_2023_EW_BUC (PFA23CD, PFA23NM).
    "pfa_boundaries": ImportOnly("the data folder's December 2020 file (humaniverse/geographr's copy of ONS's EW BUC "
                                 "layer, see SOURCES.md) is imported; ONS's December 2023 layer of the same 43 "
                                 "forces would need its own catalogue entry"),
    "csp_pfa_lookup": ImportOnly("the data folder's copy of ONS's LAD24_CSP24_PFA24_EW_LU (humaniverse/geographr, "
                                 "see SOURCES.md) is imported; its download is not wired yet"),
    "la_names": ImportOnly("mySociety publishes it as a data package (uk_la_future) on its data site; the exact file "
                           "address was not verified from here, so it is imported from a data folder"),
    "code_changes": ImportOnly("a table compiled from the ONS Code History Database, mySociety's list of councils "
                               "and later recodes (see SOURCES.md); no publisher serves it in this layout"),
    "lad_hexjson": RawFile("github", "/odileeds/hexmaps/c18fd805fb49c41d21da975169c762ba7afe887a/maps/"
                                     "uk-local-authority-districts-2023.hexjson",
                           "Open Innovations' repository odileeds/hexmaps, pinned to the commit ../shared/data's "
                           "copy came from (the file's raw URL on the gh-pages branch is used by several projects)"),
    "utla_hexjson": ImportOnly("a hand edit of Open Innovations' 2019 upper-tier layout to 2023 codes (see "
                               "SOURCES.md), which no publisher hosts"),
    "population": CensusPopulation("the Nomis bulk file census2021-ts007a.zip (Census 2021 bulk downloads page; "
                                   "used by many projects), whose census2021-ts007a-ltla.csv is the file "
                                   "../shared/data's population table was built from"),
    "imd2025": IodFile10("/media/6917412ebc34c86ce4e6e7fc/File_10_-_IoD2025_Local_Authority_District_Summaries"
                         "__lower-tier__v2.xlsx",
                         "MHCLG's File 10 v2 as fetched by uk-parliament-tracker; the first edition "
                         "(/media/68ff7e26d81972ecd2df5db1/File_10_-_IoD2025_Local_Authority_District_Summaries__"
                         "lower-tier_.xlsx) is the one traffordDataLab's extract in ../shared/data was made from"),
    # MHCLG later revised this quarter (Detailed_LA_202312_Revised_No_Dropdowns.ods, August 2024); its layout was
    # not seen, so the original edition, which ../shared/data's CSV was made from, is kept.
    "homelessness": Homelessness("/media/662f6eccce557c60ed19ad15/Detailed_LA_202312.ods",
                                 "humaniverse/healthyr's query_urls table (england_homelessness, October to "
                                 "December 2023), the source of ../shared/data's CSV"),
    "smoking_ltla_extract": ImportOnly("a tidy extract made by Trafford Data Lab's scripts from the Fingertips API "
                                       "(area type 101); `make data` downloads the API's own CSVs instead "
                                       "(fingertips_92443_lad and fingertips_92443_utla)"),
    "depression_ltla_extract": ImportOnly("a tidy extract made by Trafford Data Lab's scripts from the Fingertips "
                                          "API (area type 101); `make data` downloads the API's own CSVs instead "
                                          "(fingertips_848_lad and fingertips_848_utla)"),
    **{fingertips_key(indicator, level): FingertipsCsv(indicator, area_type, _FINGERTIPS_EVIDENCE)
       for indicator in FINGERTIPS_INDICATORS for area_type, level in FINGERTIPS_AREA_TYPES.items()},
    **{neighbours_key(model): RawFile("github", f"{_ONS_CLUSTERS}/{model}-neighbours.csv", _NEIGHBOURS_EVIDENCE)
       for model in NEIGHBOUR_MODELS},
})
# A file built with another catalogue file: downloading it brings that one too when the data directory lacks it.
DEPENDS_ON: Mapping[str, str] = MappingProxyType({"population": "lad_lookup"})
