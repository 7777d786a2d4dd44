"""The investment case's inputs on screen: the price year, the GDP deflators it needs and the local figures, each
kept in this session (so the board pack and the JSNA chapter use the same) and never in the URL."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.investment import Range
from present.investment import DEFLATOR_URL, InvestmentChoices

AS_PUBLISHED = ""
PRICE_YEARS = ("2023/24", "2024/25", "2025/26")
KEY = "investment_{name}"
SAVED = "investment_saved"  # what was typed, kept when the page's widgets are gone (the pack reads it)


def _saved() -> dict:
    return st.session_state.setdefault(SAVED, {})


def _keep(name: str) -> None:
    """Callback: copy a widget's value where it outlives the page (Streamlit drops an unrendered widget's key)."""
    _saved()[name] = st.session_state.get(KEY.format(name=name))


def _number(where, label: str, name: str, **kwargs) -> float | None:
    return where.number_input(label, min_value=0.0, value=_saved().get(name), key=KEY.format(name=name),
                              on_change=_keep, args=(name,), **kwargs)


def _range(label: str, name: str, help_text: str, step: float, unit: str) -> Range | None:
    """A low and a high figure side by side; None until both are typed (a high below the low is swapped)."""
    low_column, high_column = st.columns(2)
    low = _number(low_column, f"{label}: low", f"{name}_low", step=step, help=help_text, placeholder=unit)
    high = _number(high_column, f"{label}: high", f"{name}_high", step=step, placeholder=unit,
                   help="The same as the low figure if you have one figure.")
    if low is None or high is None:
        return None
    return Range(min(low, high), max(low, high))


def choose_investment(inputs: pd.DataFrame) -> InvestmentChoices:
    """Draw the inputs and return what was typed."""
    st.subheader("Prices")
    options = [AS_PUBLISHED, *PRICE_YEARS]
    target = st.selectbox("Show pounds in the prices of", options, key=KEY.format(name="price_year"),
                          index=options.index(_saved().get("price_year") or AS_PUBLISHED),
                          on_change=_keep, args=("price_year",),
                          format_func=lambda year: year or "Each figure's own price year, as published",
                          help="Uprating uses HM Treasury's GDP deflator: type the index for each year below.")
    deflators: dict[str, float] = {}
    if target:
        years = sorted({*inputs["price_year"].dropna(), target})
        st.caption(f"From HM Treasury's latest 'GDP deflators at market prices, and money GDP' ({DEFLATOR_URL}): "
                   "the financial-year index, any base year, the same release for every year.")
        for column, year in zip(st.columns(len(years)), years, strict=True):
            index = _number(column, f"GDP deflator, {year}", f"deflator_{year.replace('/', '_')}", step=0.001,
                            format="%.3f")
            if index:
                deflators[year] = index
    st.subheader("Your local figures")
    st.caption("Ranges, low to high, from your partners: each case is worked out when its figures are typed.")
    sentences = _range("Custodial sentences avoided in a year", "sentences", "For example, from your liaison and "
                       "diversion service's outcomes: people diverted from a custodial sentence.", 1.0, "sentences")
    years = _range("Years each would have spent in custody", "years", "The average time in custody of the "
                   "sentences avoided, in years (6 months is 0.5).", 0.05, "years")
    spend = _range("A year's spend on structured drug treatment for the cohort (£)", "spend", "From your drug "
                   "and alcohol commissioning budget.", 1000.0, "£")
    return InvestmentChoices(target or None, deflators, sentences, years, spend)


def current_choices(inputs: pd.DataFrame) -> InvestmentChoices:
    """What was typed on the Investment case page this session, without drawing anything (for the pack)."""
    saved = _saved()

    def typed(name: str) -> Range | None:
        low, high = saved.get(f"{name}_low"), saved.get(f"{name}_high")
        return None if low is None or high is None else Range(min(low, high), max(low, high))
    target = saved.get("price_year") or None
    years = sorted({*inputs["price_year"].dropna(), *([target] if target else [])})
    deflators = {year: saved[name] for year in years if saved.get(name := f"deflator_{year.replace('/', '_')}")}
    return InvestmentChoices(target, deflators, typed("sentences"), typed("years"), typed("spend"))
