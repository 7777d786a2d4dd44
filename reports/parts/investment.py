"""The board pack's and JSNA chapter's investment case: the Investment case page's cases (present.investment),
one row per case worked out, side by side by who gains; the steps and caveats in the notes; every digit in the
workbook."""

from __future__ import annotations

import pandas as pd

from present import investment
from reports.model import PackTable, Section, SourceRow

SLIDE_COLUMNS = ("Who gains", "Case", "Result")


def investment_part(choices: investment.InvestmentChoices,
                    inputs: pd.DataFrame) -> tuple[PackTable, list[SourceRow]]:
    """The cases as a table (the national reoffending cost is always there; the local cases once typed), with
    the sources of the published figures they use."""
    views = investment.cases(inputs, choices)
    summary = investment.summary_table(views)
    steps = [f"{view.case.title}: " + "; ".join(
        f"{row.Step}: {row.Figure} ({row.Unit})" for row in investment.steps_table(view.case).itertuples())
        + f". {view.price_words}" for view in views if view.case]
    waiting = [f"{investment.TITLES[view.key]}: not worked out ({view.needs.lower()[:-1]} on the Investment case "
               "page)." for view in views if not view.case]
    notes = " ".join([investment.CAVEAT, investment.ROUNDING, *steps, *waiting, investment.NOT_REACHED])
    table = PackTable(Section.INVESTMENT, "Investment case", "The investment case: what unmet need costs",
                      investment.cases_csv(views), summary, SLIDE_COLUMNS, notes=notes,
                      footer="An illustration of scale, not a forecast; kinds of value are never added up.")
    rows = inputs.set_index("input_id")
    used = [view for view in views if view.case]
    sources = [SourceRow(view.case.title, rows.at[view.case.source_ids[0], "source_title"],
                         rows.at[view.case.source_ids[0], "publisher"],
                         rows.at[view.case.source_ids[0], "price_year"] if pd.notna(
                             rows.at[view.case.source_ids[0], "price_year"]) else "",
                         rows.at[view.case.source_ids[0], "source_url"], view.caveat, parts=(Section.INVESTMENT,))
               for view in used]
    return table, sources
