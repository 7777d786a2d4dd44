"""The starter snapshot's LICENCES.md: each file's publisher, licence and attribution, generated from the catalogue
(core/catalogue.py), with the attribution statements the licences require and the MIT notices in full."""

from __future__ import annotations

import textwrap

from core.catalogue import BY_PATH, OGL, DataFile

FILE_NAME = "LICENCES.md"
OGL_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
CC_BY_URL = "https://creativecommons.org/licenses/by/4.0/"
# The OGL's own statement, for an information provider that gives none (OGL v3.0, "You must ... acknowledge").
OGL_DEFAULT = "Contains public sector information licensed under the Open Government Licence v3.0."
# MIT notices, copied from each repository's licence file (read with the code search: odileeds/hexmaps LICENSE;
# ONSdigital/explore-local-statistics-app LICENSE.md). MIT asks for the notice in every copy.
HEXMAPS_NOTICE = "Copyright (c) 2017- Open Innovations"
ONS_APP_NOTICE = "Copyright (c) 2025 Crown Copyright (Office for National Statistics)"
MIT_NOTICES = {"lad_hexjson": HEXMAPS_NOTICE, "utla_hexjson": HEXMAPS_NOTICE, "neighbours_global": ONS_APP_NOTICE,
               "neighbours_economic": ONS_APP_NOTICE, "neighbours_demographic": ONS_APP_NOTICE}
MIT_PARAGRAPHS = (
    "Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated "
    "documentation files (the \"Software\"), to deal in the Software without restriction, including without "
    "limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the "
    "Software, and to permit persons to whom the Software is furnished to do so, subject to the following "
    "conditions:",
    "The above copyright notice and this permission notice shall be included in all copies or substantial portions "
    "of the Software.",
    "THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT "
    "LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT "
    "SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION "
    "OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER "
    "DEALINGS IN THE SOFTWARE.",
)
MIT_TEXT = "\n\n".join(textwrap.fill(paragraph, 100) for paragraph in MIT_PARAGRAPHS)


def source_of(entry: dict) -> DataFile | None:
    """The catalogue file a manifest entry is, or (a map layer) was built from."""
    return BY_PATH.get(entry.get("derived_from") or entry["file"])


def attribution(source: DataFile) -> str | None:
    """The statement a file's licence asks for: the catalogue's, else the OGL's default for an OGL file."""
    if source.attribution:
        return source.attribution
    return OGL_DEFAULT if source.licence.startswith(OGL) else None


def licences_document(entries: list[dict]) -> str:
    """LICENCES.md for the files of ``entries`` (manifest entries), in file order."""
    rows, statements, notices = [], [], {}
    for entry in sorted(entries, key=lambda e: e["file"]):
        source = source_of(entry)
        if source is None:
            continue
        built = f" (map layer built from `{source.path}`)" if entry.get("derived_from") else ""
        rows.append(f"| `{entry['file']}`{built} | {source.publisher} | {source.licence} | {source.vintage} |")
        statement = attribution(source)
        if statement and statement not in statements:
            statements.append(statement)
        if source.key in MIT_NOTICES:
            notices.setdefault(MIT_NOTICES[source.key], []).append(f"`{entry['file']}`")
    lines = ["# Licences and attribution: the starter snapshot", "",
             "Generated from `core/catalogue.py` by `python -m acquire snapshot` (`make starter SRC=<folder>`); "
             "do not edit it by hand.", "",
             "## Files", "", "| File | Publisher | Licence | Vintage |", "|---|---|---|---|", *rows, "",
             "## Attribution", "", *(f"- {statement}" for statement in statements), "",
             "## Licences", "", f"- Open Government Licence v3.0: {OGL_URL}", f"- CC BY 4.0: {CC_BY_URL}"]
    for notice, files in notices.items():
        lines += ["", f"### MIT licence: {', '.join(files)}", "", "MIT License", "", notice, "", MIT_TEXT]
    return "\n".join(lines) + "\n"
