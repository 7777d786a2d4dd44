"""The investment case as the page, the board pack and the JSNA chapter show it: the published figures
(data/investment_inputs.csv), the user's local figures, each case's steps and result in words, kept apart by who
gains. Pure functions: no Streamlit, no file."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from analysis.investment import (
    Case,
    NoDeflator,
    Range,
    Step,
    UnitCost,
    ValueKind,
    by_kind,
    product_case,
    return_on_spend,
    uprated,
)

CAVEAT = ("An illustration of scale, not a forecast: national averages applied to your local figures. Fiscal "
          "savings, economic value and social value are kept apart and never added up: a saving to the prison "
          "service or the NHS is not cash to the council.")
KIND_WORDS = {ValueKind.FISCAL: "Fiscal (a public budget)", ValueKind.ECONOMIC: "Economic",
              ValueKind.SOCIAL: "Social (victims, services and society)"}
ROUNDING = "Pounds are rounded to 3 significant figures; the CSV has every digit."
DEFLATOR_URL = "https://www.gov.uk/government/collections/gdp-deflators-at-market-prices-and-money-gdp"
NOT_REACHED = ("RAND Europe's 2021 evaluation of liaison and diversion (for NHS England) is said to estimate "
               "criminal-justice savings of £13.1m to £41.5m a year; that figure could not be read in the report "
               "here, so it is not used. RAND's own summary: \"There was no evidence of an impact on offending\", "
               "while \"the strongest effect appeared to be an increase in diversion from custodial sentences\".")
CUSTODY, TREATMENT, REOFFENDING = "custody", "treatment", "reoffending"
TITLES = {CUSTODY: "Prison places not needed when sentences are diverted",
          TREATMENT: "What drug treatment for people in contact with the justice system returns",
          REOFFENDING: "The national cost of reoffending (context: not broken down by area)"}


@dataclass(frozen=True)
class InvestmentChoices:
    """What the user typed: the price year to show (None: each figure in its own), the GDP deflator index of each
    financial year needed (from HM Treasury), and the local figures each case needs (None: not typed)."""

    price_year: str | None = None
    deflators: Mapping[str, float] = field(default_factory=dict)
    sentences_avoided: Range | None = None
    years_in_custody: Range | None = None
    treatment_spend: Range | None = None


@dataclass(frozen=True)
class CaseView:
    """One case, ready to show: its title, kind, steps table, result and price-year words, and its source."""

    key: str
    case: Case | None
    needs: str  # what must be typed first ("" when the case is worked out)
    price_words: str
    source: str
    caveat: str


def unit_costs(inputs: pd.DataFrame) -> dict[str, UnitCost]:
    """Each published figure (a row of data/investment_inputs.csv) as a UnitCost, by its input_id."""
    return {row.input_id: UnitCost(row.input_id, row.label, Range(row.value, row.value), row.unit,
                                   "" if pd.isna(row.price_year) else row.price_year, ValueKind(row.kind),
                                   row.input_id) for row in inputs.itertuples(index=False)}


def in_price_year(cost: UnitCost, choices: InvestmentChoices) -> tuple[UnitCost, str]:
    """``cost`` in the chosen price year when the deflators allow it, with words saying which prices it is in."""
    if not cost.price_year:
        return cost, "A ratio: it needs no price year."
    if choices.price_year is None or choices.price_year == cost.price_year:
        return cost, f"In {cost.price_year} prices, as published."
    try:
        moved = uprated(cost, choices.deflators, choices.price_year)
    except NoDeflator as missing:
        return cost, (f"In {cost.price_year} prices, as published: not uprated ({missing}; type it from HM "
                      "Treasury's latest GDP deflators).")
    ratio = choices.deflators[choices.price_year] / choices.deflators[cost.price_year]
    return moved, (f"Uprated from {cost.price_year} to {choices.price_year} prices with the GDP deflator "
                   f"(x {ratio:.3f}: {choices.deflators[choices.price_year]:g} ÷ "
                   f"{choices.deflators[cost.price_year]:g}).")


def cases(inputs: pd.DataFrame, choices: InvestmentChoices) -> list[CaseView]:
    """The three cases in order: custody avoided (fiscal), drug treatment (social), reoffending (national)."""
    costs = unit_costs(inputs)
    rows = inputs.set_index("input_id")
    prison, prison_words = in_price_year(costs["prison_cost_per_prisoner"], choices)
    ratio, ratio_words = in_price_year(costs["drug_treatment_benefit_cost"], choices)
    national, national_words = in_price_year(costs["reoffending_cost_all"], choices)
    custody = None
    if choices.sentences_avoided and choices.years_in_custody:
        custody = product_case(TITLES[CUSTODY], [
            Step("Custodial sentences avoided in a year (your figure)", choices.sentences_avoided, "sentences"),
            Step("Years each would have spent in custody (your figure)", choices.years_in_custody, "years")],
            Step("Prisoner-years not needed (sentences x years)", Range(0, 0), "prisoner-years"), prison)
    treatment = None
    if choices.treatment_spend:
        treatment = return_on_spend(TITLES[TREATMENT], choices.treatment_spend,
                                    "A year's spend on structured drug treatment for the cohort (your figure)", ratio)
    reoffending = Case(TITLES[REOFFENDING], national.kind, (Step(national.label, national.value, national.unit),),
                       national.value, national.price_year, (national.source_id,))
    return [
        CaseView(CUSTODY, custody, "" if custody else "Type the sentences avoided and the years in custody.",
                 prison_words, citation(rows.loc["prison_cost_per_prisoner"]),
                 rows.at["prison_cost_per_prisoner", "caveat"]),
        CaseView(TREATMENT, treatment, "" if treatment else "Type a year's spend on drug treatment.",
                 ratio_words, citation(rows.loc["drug_treatment_benefit_cost"]),
                 rows.at["drug_treatment_benefit_cost", "caveat"]),
        CaseView(REOFFENDING, reoffending, "", national_words, citation(rows.loc["reoffending_cost_all"]),
                 rows.at["reoffending_cost_all", "caveat"]),
    ]


def citation(row: pd.Series) -> str:
    """A source in one line: the title, its publisher and link, and how it was read."""
    read = {"primary": "read in the publisher's text", "primary_mirror": "read in a verbatim copy",
            "secondary": "read only in secondary copies"}[row["source_status"]]
    return f"{row['source_title']}. {row['publisher']}. {row['source_url']} ({read})."


def pounds(value: float) -> str:
    """£ to 3 significant figures, in words for millions and billions: "£13.2 million", "£48,000"."""
    if value == 0 or math.isnan(value):
        return "£0"
    rounded = round(value, -int(math.floor(math.log10(abs(value)))) + 2)
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if abs(rounded) >= size:
            return f"£{rounded / size:,.3g} {word}"
    return f"£{rounded:,.0f}"


def range_words(value: Range, unit: str) -> str:
    """A range as the page says it: pounds in words, other figures as typed or published."""
    def one(number: float) -> str:
        return pounds(number) if unit.startswith("£") and "per £1" not in unit else f"{number:,.4g}"
    return one(value.low) if value.low == value.high else f"{one(value.low)} to {one(value.high)}"


def steps_table(case: Case) -> pd.DataFrame:
    """The arithmetic, one row per step: what it is, the range and its unit (rounded as the page shows it)."""
    return pd.DataFrame({"Step": [step.words for step in case.steps],
                         "Figure": [range_words(step.value, step.unit) for step in case.steps],
                         "Unit": [step.unit for step in case.steps]})


def summary_table(views: list[CaseView]) -> pd.DataFrame:
    """One row per case worked out, grouped by who gains (fiscal, economic, social), never added up."""
    worked = {id(view.case): view for view in views if view.case}
    rows = [{"Who gains": KIND_WORDS[kind], "Case": case.title, "Result": range_words(case.result, "£"),
             "Price year": worked[id(case)].price_words, "Source": worked[id(case)].source}
            for kind, group in by_kind([view.case for view in views if view.case]).items() for case in group]
    return pd.DataFrame(rows, columns=["Who gains", "Case", "Result", "Price year", "Source"])


def cases_csv(views: list[CaseView]) -> pd.DataFrame:
    """Every step of every case worked out, with every digit: the page's download."""
    rows = [{"Case": view.case.title, "Who gains": KIND_WORDS[view.case.kind], "Step": step.words,
             "Low": step.value.low, "High": step.value.high, "Unit": step.unit, "Price year": view.price_words,
             "Source": view.source} for view in views if view.case for step in view.case.steps]
    return pd.DataFrame(rows, columns=["Case", "Who gains", "Step", "Low", "High", "Unit", "Price year", "Source"])
