"""The publishers' hosts, and pointing them elsewhere for tests (``JHE_DOWNLOAD_BASE_URL``).

``JHE_DOWNLOAD_BASE_URL`` holds one origin for every host (``http://127.0.0.1:8123``) or ``name=origin`` pairs
(``arcgis=http://127.0.0.1:8123,nomis=...``); the paths stay the publishers' own, so recorded responses live under
the same paths.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

ENV_BASE_URL = "JHE_DOWNLOAD_BASE_URL"
DEFAULT_BASE_URLS = {
    "arcgis": "https://services1.arcgis.com",  # ONS Open Geography Portal feature services
    "fingertips": "https://fingertips.phe.org.uk",  # OHID Fingertips API
    "github": "https://raw.githubusercontent.com",  # Open Innovations' hexmaps repository
    "nomis": "https://www.nomisweb.co.uk",  # ONS Census 2021 bulk tables
    "govuk": "https://assets.publishing.service.gov.uk",  # MHCLG files on GOV.UK
}
# ONS Open Geography Portal: services1.arcgis.com/ESMARspQHYMw9BZ9/arcgis/rest/services/<service>/FeatureServer/0
ONS_SERVICES = "/ESMARspQHYMw9BZ9/arcgis/rest/services"


def ons_query_path(service: str) -> str:
    """The query path of an ONS Open Geography Portal feature service (its first layer)."""
    return f"{ONS_SERVICES}/{service}/FeatureServer/0/query"


def base_urls(override: str | Mapping[str, str] | None = None) -> dict[str, str]:
    """The origin for each host name in ``DEFAULT_BASE_URLS``, with ``override`` (or ``JHE_DOWNLOAD_BASE_URL``)
    applied: one origin for every host, or ``name=origin`` pairs separated by commas."""
    result = dict(DEFAULT_BASE_URLS)
    if override is None:
        override = os.environ.get(ENV_BASE_URL) or None
    if isinstance(override, Mapping):
        pairs = dict(override)
    elif override is None:
        pairs = {}
    elif "=" in override:
        pairs = dict(part.strip().split("=", 1) for part in override.split(",") if part.strip())
    else:
        pairs = {name: override.strip() for name in result}
    unknown = sorted(set(pairs) - set(result))
    if unknown:
        raise ValueError(f"{ENV_BASE_URL}: unknown host name(s) {', '.join(unknown)} "
                         f"(known: {', '.join(result)})")
    result.update({name: origin.rstrip("/") for name, origin in pairs.items()})
    return result
