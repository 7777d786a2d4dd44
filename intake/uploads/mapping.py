"""A provider's own layout read as the template: the user says which of the file's columns is each template
field ("Quarter" is the period, "Caseload" the denominator), or gives one value for every row (the area, the cohort,
the need). The table is then rewritten in the template's columns and checked by the same row rules, so every
message still names the file's own row and column."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from intake.uploads.cells import cell_text
from intake.uploads.header import Header, missing_columns
from intake.uploads.limits import HEADER_SEARCH_ROWS
from intake.uploads.tables import Table
from intake.uploads.vocabulary import FIELD_BY_NAME

# The fields a user may map, in the order the page asks for them.
MAPPED_FIELDS = ("period", "area_code", "area_name", "cohort", "indicator", "numerator", "denominator", "value",
                 "ci_low", "ci_high", "sex", "partner")
# The fields that may be one value for every row (a provider's file is often for one area, cohort and need).
FIXED_FIELDS = ("area_name", "cohort", "indicator", "period", "sex", "partner")
FIXED_TITLE = "{label} (the same for every row)"


@dataclass(frozen=True)
class ColumnMapping:
    """Each template field from one of the file's columns (its header as written) or one value for every row."""

    columns: Mapping[str, str] = field(default_factory=dict)
    fixed: Mapping[str, str] = field(default_factory=dict)

    def problems(self) -> list[str]:
        """What the mapping still lacks or says twice, in words (empty when it can be used)."""
        given = {name: 0 for name in self.columns}
        given.update({name: 0 for name, text in self.fixed.items() if text.strip()})
        found = [f"{FIELD_BY_NAME[name].label}: a column and a value for every row are both given: choose one"
                 for name in self.columns if self.fixed.get(name, "").strip()]
        used = list(self.columns.values())
        found += [f"column '{title}' is chosen for more than one field" for title in dict.fromkeys(used)
                  if used.count(title) > 1]
        missing = missing_columns(given)
        if missing:
            found.append(f"nothing is given for: {'; '.join(missing)}")
        return found


def header_row(table: Table) -> tuple[int, list[str]] | None:
    """The first row with at least two cells of text (a provider's header), as (row number, headers)."""
    for number, cells in table.rows[:HEADER_SEARCH_ROWS]:
        titles = [cell_text(cell) for cell in cells]
        if sum(1 for title in titles if title) >= 2:
            return number, titles
    return None


def layout(tables: list[Table]) -> tuple[str, ...]:
    """The headers of the first table that has one: what a mapping is remembered by in the session."""
    for table in tables:
        found = header_row(table)
        if found:
            return tuple(title for title in found[1] if title)
    return ()


def remap(table: Table, mapping: ColumnMapping) -> tuple[Table, Header] | None:
    """The table in the template's columns (mapped cells first, then the fixed values) and its header; None when
    the table has no row holding every mapped column's header."""
    wanted = set(mapping.columns.values())
    found = next(((number, titles) for number, cells in table.rows[:HEADER_SEARCH_ROWS]
                  if wanted <= set(titles := [cell_text(cell) for cell in cells])), None)
    if found is None:
        return None
    number, titles = found
    fields = list(mapping.columns) + [name for name, text in mapping.fixed.items() if text.strip()]
    positions = [titles.index(mapping.columns[name]) for name in mapping.columns]
    fixed = [mapping.fixed[name].strip() for name in fields[len(positions):]]
    header = Header(number, {name: index for index, name in enumerate(fields)},
                    {**dict(mapping.columns), **{name: FIXED_TITLE.format(label=FIELD_BY_NAME[name].label)
                                                 for name in fields[len(positions):]}},
                    [f"'{title}'" for title in titles if title and title not in wanted])
    rows = [(row, [_at(cells, index) for index in positions] + fixed) for row, cells in table.rows if row > number]
    return Table(table.sheet, [(number, list(fields)), *rows]), header


def _at(cells: list, index: int) -> object:
    return cells[index] if index < len(cells) else None
