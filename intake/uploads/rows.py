"""The rules of one data row: the area resolves, the cohort, sex and unit are words the app takes, the required
cells are there, and the numbers are counts or a percentage with its CI. Every problem in a row is reported."""

from __future__ import annotations

from dataclasses import dataclass

from intake.files import is_blank
from intake.uploads.areas import AreaMatcher, Place
from intake.uploads.cells import cell_text, format_number, read_number
from intake.uploads.header import Header
from intake.uploads.limits import MAX_TEXT, NUMBER_COLUMNS
from intake.uploads.result import CandidateRow, UploadProblem
from intake.uploads.vocabulary import (
    COHORT_CHOICES,
    COHORTS_BY_WORD,
    EXAMPLE_INDICATOR,
    FIELD_BY_NAME,
    PERCENT,
    PERCENT_UNIT_KEYS,
    REQUIRED_TEXT,
    SEX_BY_WORD,
    label_key,
)

_LIMITED = ("area_code", "area_name", "indicator", "period", "partner")  # text cells of at most MAX_TEXT characters
_PERCENTAGES = ("value", "ci_low", "ci_high")


@dataclass
class RowContext:
    """The table being read: where its rows come from, its header, and the problems found so far."""

    file: str
    sheet: str | None
    header: Header
    partner_default: str
    problems: list[UploadProblem]

    def problem(self, row: int | None, name: str | None, value: object, message: str) -> None:
        """A problem in the column of field ``name`` (None: the row as a whole)."""
        column = self.header.titles.get(name) if name else None
        shown = None if value is None or is_blank(value) else cell_text(value)
        self.problems.append(UploadProblem(self.file, self.sheet, row, column, shown, message))


def check_row(number: int, cells: list, ctx: RowContext, matcher: AreaMatcher,
              places: dict[tuple[str, str], Place]) -> CandidateRow | None:
    """A clean row, or None, reporting every problem in the row. ``places`` remembers areas already resolved."""
    before = len(ctx.problems)
    get = {name: _cell(cells, ctx.header, name) for name in FIELD_BY_NAME}
    text = {name: cell_text(value) for name, value in get.items()}
    for name in _LIMITED:
        if len(text[name]) > MAX_TEXT:
            ctx.problem(number, name, text[name][:40] + "...", f"is {len(text[name]):,} characters long: at most "
                                                                f"{MAX_TEXT}")
            text[name], get[name] = "", None
    if text["indicator"].casefold() == EXAMPLE_INDICATOR.casefold():
        ctx.problem(number, "indicator", get["indicator"], "this is the template's example row: delete it")
        return None
    area_column = "area_code" if text["area_code"] else "area_name"
    place = _check_area(number, get, text, area_column, ctx, matcher, places)
    cohort, sex = _check_words(number, get, text, ctx)
    numbers = _check_numbers(number, get, ctx)
    if len(ctx.problems) > before:
        return None
    return CandidateRow(
        partner=text["partner"] or ctx.partner_default, file=ctx.file, sheet=ctx.sheet, row=number,
        area_code=place.code, cohort=cohort, indicator=text["indicator"], sex=sex, period=text["period"],
        **numbers, unit=PERCENT, area_given=text[area_column], area_column=ctx.header.titles.get(area_column),
        place_note=place.note, via_name=place.via_name, partner_defaulted=not text["partner"])


def _cell(cells: list, header: Header, name: str) -> object:
    index = header.columns.get(name)
    return cells[index] if index is not None and index < len(cells) else None


def _check_area(number: int, get: dict, text: dict, area_column: str, ctx: RowContext, matcher: AreaMatcher,
                places: dict[tuple[str, str], Place]) -> Place | None:
    if not text["area_code"] and not text["area_name"]:
        header = ctx.header
        wanted = " or ".join(f"'{header.titles[n]}'" for n in ("area_code", "area_name") if n in header.columns)
        ctx.problem(number, None, None, f"the area is blank: give it in {wanted}")
        return None
    key = (text["area_code"], text["area_name"])
    if key not in places:
        places[key] = matcher.resolve(*key)
    place = places[key]
    if place.problem:
        ctx.problem(number, area_column, get[area_column], place.problem)
    return place


def _check_words(number: int, get: dict, text: dict, ctx: RowContext) -> tuple[str | None, str | None]:
    """The cohort and sex codes (a blank sex is persons); problems for unknown words and blank required cells."""
    cohort = None
    if text["cohort"]:
        cohort = COHORTS_BY_WORD.get(label_key(text["cohort"]))
        if cohort is None:
            ctx.problem(number, "cohort", get["cohort"], f"'{text['cohort']}' is not a cohort: use one of "
                                                          f"{COHORT_CHOICES}")
    for name in REQUIRED_TEXT:
        if not text[name]:
            ctx.problem(number, name, None, f"the {FIELD_BY_NAME[name].label} is blank: it is required")
    sex = "persons"
    if text["sex"]:
        sex = SEX_BY_WORD.get(label_key(text["sex"]))
        if sex is None:
            ctx.problem(number, "sex", get["sex"], f"'{text['sex']}' is not a sex: use persons, male or female "
                                                   "(All, M, F, Men and Women are understood too)")
    if text["unit"] and text["unit"] != PERCENT and label_key(text["unit"]) not in PERCENT_UNIT_KEYS:
        ctx.problem(number, "unit", get["unit"], f"'{text['unit']}' is not a unit the app takes: values must be "
                                                 "percentages (%)")
    return cohort, sex


def _check_numbers(number: int, cells: dict[str, object], ctx: RowContext) -> dict[str, float | None]:
    """The numbers of the row, and problems for cells that are not numbers or break a rule between them; a rule
    that involves a cell that could not be read is not checked."""
    values: dict[str, float | None] = {}
    unreadable: set[str] = set()
    for name in NUMBER_COLUMNS:
        value, why = read_number(cells[name], percent_sign=name in _PERCENTAGES)
        if why:
            ctx.problem(number, name, cells[name], why)
            unreadable.add(name)
        values[name] = value
    _check_counts(number, values, cells, ctx)
    _check_percentages(number, values, cells, ctx, unreadable)
    if not unreadable & {"numerator", "denominator", "value"}:
        _check_figure_given(number, values, ctx)
    return values


def _check_counts(number: int, values: dict[str, float | None], cells: dict[str, object], ctx: RowContext) -> None:
    numerator, denominator = values["numerator"], values["denominator"]
    for name in ("numerator", "denominator"):
        count = values[name]
        if count is None:
            continue
        if count < 0:
            ctx.problem(number, name, cells[name], f"{format_number(count)} is negative: a count cannot be below 0")
        elif not count.is_integer():
            ctx.problem(number, name, cells[name], f"{format_number(count)} is not a whole number: counts must be "
                                                   "whole numbers")
    if denominator is not None and denominator == 0:
        ctx.problem(number, "denominator", cells["denominator"], "the denominator is 0: it must be 1 or more")
    if numerator is not None and denominator is not None and 0 < denominator < numerator:
        ctx.problem(number, "numerator", cells["numerator"],
                    f"{format_number(numerator)} is larger than the denominator {format_number(denominator)}")


def _check_percentages(number: int, values: dict[str, float | None], cells: dict[str, object], ctx: RowContext,
                       unreadable: set[str]) -> None:
    value, low, high = values["value"], values["ci_low"], values["ci_high"]
    for name in _PERCENTAGES:
        figure = values[name]
        if figure is not None and not 0 <= figure <= 100:
            ctx.problem(number, name, cells[name], f"{format_number(figure)} is outside 0 to 100: give a percentage")
    if (low is None) != (high is None) and not unreadable & {"ci_low", "ci_high"}:
        given = "ci_low" if low is not None else "ci_high"
        ctx.problem(number, given, cells[given], "give both the lower and the upper confidence limit, or neither")
    if low is None or high is None:
        return
    if value is None and "value" not in unreadable:
        ctx.problem(number, "ci_low", cells["ci_low"], "a confidence interval needs its value")
        return
    if value is not None and low > value:
        ctx.problem(number, "ci_low", cells["ci_low"], f"the lower limit {format_number(low)} is above the value "
                                                       f"{format_number(value)}")
    if value is not None and high < value:
        ctx.problem(number, "ci_high", cells["ci_high"], f"the upper limit {format_number(high)} is below the value "
                                                         f"{format_number(value)}")


def _check_figure_given(number: int, values: dict[str, float | None], ctx: RowContext) -> None:
    numerator, denominator, value = values["numerator"], values["denominator"], values["value"]
    if numerator is None and denominator is None and value is None:
        if values["ci_low"] is not None and values["ci_high"] is not None:
            return  # reported already: "a confidence interval needs its value"
        ctx.problem(number, None, None, "no figure: give a numerator and denominator, or a value (%)")
    elif numerator is not None and denominator is None:
        ctx.problem(number, "denominator", None, "a numerator needs its denominator")
    elif denominator is not None and numerator is None and value is None:
        ctx.problem(number, "numerator", None, "a denominator needs its numerator (or give a value)")
