"""Files published whole (the Nomis Census zip, MHCLG's workbooks), fetched to staging and converted to the app's
layout by acquire/convert; each checks what it can (a member, the number of districts) before it is validated."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from acquire.convert.census_population import build_population
from acquire.convert.homelessness import homelessness_from_sheets
from acquire.convert.iod2025 import iod_file10_to_tidy
from acquire.convert.ods import read_ods_sheets
from acquire.download.specs import DownloadRun
from acquire.errors import DownloadError


@dataclass(frozen=True)
class CensusPopulation:
    """Census 2021 TS007A (age by five-year bands) from the Nomis bulk download, reshaped to the app's layout
    (acquire/convert/census_population.py). The zip holds one CSV per geography; ``census2021-ts007a-ltla.csv``
    (2021 lower-tier authorities, England and Wales) is used."""

    evidence: str
    path: str = "/output/census/2021/census2021-ts007a.zip"
    member: str = "census2021-ts007a-ltla.csv"

    def fetch(self, run: DownloadRun, target: Path) -> list[str]:
        lookup = run.lad_lookup()  # before a 6 MB download: it cannot be used without the lookup
        archive = target.with_suffix(".zip")
        run.fetcher.get("nomis", self.path, label="zip", target=archive)
        try:
            table = self._member(archive)
        finally:
            archive.unlink(missing_ok=True)
        build_population(table, lookup).to_csv(target, index=False)
        return [run.fetcher.url("nomis", self.path)]

    def _member(self, archive: Path) -> pd.DataFrame:
        try:
            with zipfile.ZipFile(archive) as bundle:
                names = [name for name in bundle.namelist() if name.rsplit("/", 1)[-1] == self.member]
                if not names:
                    raise DownloadError(f"{self.path}: the zip has no {self.member} "
                                        f"(it has {', '.join(bundle.namelist()[:10])})")
                return pd.read_csv(bundle.open(names[0]), dtype=str, keep_default_na=False, encoding="utf-8-sig")
        except zipfile.BadZipFile as error:
            raise DownloadError(f"{self.path} is not a zip file ({error})") from error


@dataclass(frozen=True)
class IodFile10:
    """English Indices of Deprivation 2025, File 10 (local authority district summaries, lower tier), .xlsx,
    converted by acquire/convert/iod2025.py."""

    path: str
    evidence: str
    expected_districts: int | None = 296

    def fetch(self, run: DownloadRun, target: Path) -> list[str]:
        workbook = target.with_suffix(".xlsx")
        run.fetcher.get("govuk", self.path, label="xlsx", target=workbook)
        try:
            tidy = iod_file10_to_tidy(workbook)
        finally:
            workbook.unlink(missing_ok=True)
        districts = tidy["area_code"].nunique()
        if self.expected_districts is not None and districts != self.expected_districts:
            raise DownloadError(f"File 10 has {districts} districts, expected {self.expected_districts}")
        tidy.to_csv(target, index=False)
        return [run.fetcher.url("govuk", self.path)]


@dataclass(frozen=True)
class Homelessness:
    """MHCLG statutory homelessness, detailed local authority tables, October-December 2023 (.ods), converted by
    acquire/convert/homelessness.py."""

    path: str
    evidence: str
    expected_districts: int | None = 296

    def fetch(self, run: DownloadRun, target: Path) -> list[str]:
        document = target.with_suffix(".ods")
        run.fetcher.get("govuk", self.path, label="ods", target=document)
        try:
            sheets = read_ods_sheets(document, ["A1", "TA1"])
        finally:
            document.unlink(missing_ok=True)
        table = homelessness_from_sheets(sheets)
        if self.expected_districts is not None and len(table) != self.expected_districts:
            raise DownloadError(f"{self.path}: {len(table)} districts in sheet A1, expected {self.expected_districts}")
        table.to_csv(target, index=False)
        return [run.fetcher.url("govuk", self.path)]
