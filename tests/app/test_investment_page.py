"""AppTest: the Investment case page works each case out from what is typed, step by step, as a range, with the
published figures of data/investment_inputs.csv; uprating uses the deflators typed; kinds are never added up.

By hand: 10 to 20 sentences x 0.25 to 0.5 years = 2.5 to 10 prisoner-years; x £39,000 (2007/08) = £97,500 to
£390,000. With deflators typed 80.000 (2007/08) and 120.000 (2024/25): x 1.5 = £146,250 to £585,000, shown to 3
significant figures as £146,000 to £585,000. £1m to £2m on drug treatment x 2.5 = £2.5 million to £5 million."""

import pytest

from tests.support.apptest import open_page


@pytest.fixture
def at(app_with_open_data):
    return open_page(app_with_open_data, "pages/investment_case.py")


def typed(at, **values):
    for name, value in values.items():
        at.number_input(key=f"investment_{name}").set_value(value)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return "\n".join(m.value for m in at.markdown)


def test_nothing_is_worked_out_until_its_figures_are_typed(at):
    text = "\n".join(m.value for m in at.markdown)
    assert "Type the sentences avoided and the years in custody." in [i.value for i in at.info]
    assert "£18.1 billion" in text  # the national context needs nothing typed
    assert "In 2017/18 prices, as published." in text
    assert any("An illustration of scale, not a forecast" in w.value for w in at.warning)


def test_custody_and_treatment_cases_as_ranges(at):
    text = typed(at, sentences_low=10.0, sentences_high=20.0, years_low=0.25, years_high=0.5, spend_low=1e6,
                 spend_high=2e6)
    assert "**Fiscal (a public budget): £97,500 to £390,000** a year. In 2007/08 prices, as published." in text
    assert "**Social (victims, services and society): £2.5 million to £5 million** a year." in text
    summary = at.dataframe[0].value
    assert list(summary["Who gains"]) == ["Fiscal (a public budget)", "Social (victims, services and society)",
                                          "Social (victims, services and society)"]
    assert "Total" not in " ".join(summary["Case"])  # never added up


def test_uprating_with_the_deflators_typed(at):
    at.selectbox(key="investment_price_year").set_value("2024/25").run()
    text = typed(at, deflator_2007_08=80.0, deflator_2024_25=120.0, sentences_low=10.0, sentences_high=20.0,
                 years_low=0.25, years_high=0.5)
    assert ("**Fiscal (a public budget): £146,000 to £585,000** a year. Uprated from 2007/08 to 2024/25 prices "
            "with the GDP deflator (x 1.500: 120 ÷ 80).") in text
    # 2017/18 has no deflator typed: the national figure stays in its own prices and says so.
    assert "not uprated (no GDP deflator for 2017/18" in text
