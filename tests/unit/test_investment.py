"""The investment case's arithmetic (analysis/investment.py), with every expected figure worked by hand. The inputs
here are made up for the test (round numbers that make the hand working easy), not published figures."""

import pytest

from analysis.investment import (
    Case,
    NoDeflator,
    Range,
    Step,
    UnitCost,
    ValueKind,
    by_kind,
    cost_of_need,
    deflator_ratio,
    local_share,
    product_case,
    return_on_spend,
    uprated,
)

DEFLATORS = {"2008/09": 80.0, "2017/18": 90.0, "2024/25": 108.0}
def ends(value: Range) -> tuple[float, float]:
    return value.low, value.high


REOFFENDER = UnitCost("cost", "Cost of one reoffender", Range(40_000.0, 40_000.0), "£ per reoffender", "2017/18",
                      ValueKind.SOCIAL, "moj2019")


def test_uprating_uses_the_ratio_of_the_deflators():
    # 108 / 90 = 1.2, so £40,000 at 2017/18 prices is £48,000 at 2024/25 prices.
    assert deflator_ratio(DEFLATORS, "2017/18", "2024/25") == pytest.approx(1.2)
    cost = uprated(REOFFENDER, DEFLATORS, "2024/25")
    assert ends(cost.value) == pytest.approx((48_000.0, 48_000.0))
    assert (cost.price_year, cost.uprated_from) == ("2024/25", "2017/18")
    assert uprated(REOFFENDER, DEFLATORS, "2017/18") is REOFFENDER  # already in those prices
    with pytest.raises(NoDeflator, match="no GDP deflator for 2030/31"):
        uprated(REOFFENDER, DEFLATORS, "2030/31")


def test_cost_of_need_multiplies_out_a_range_step_by_step():
    # 1,650 people x 20% to 30% = 330 to 495 people; x £40,000 = £13.2m to £19.8m.
    case = cost_of_need("Reoffending", Range(1650, 1650), "People on probation", Range(0.2, 0.3),
                        "Share who reoffend within a year", REOFFENDER)
    assert [step.words for step in case.steps] == [
        "People on probation", "Share who reoffend within a year", "People affected (people x proportion)",
        "Cost of one reoffender", "Cost (people affected x unit cost)"]
    assert ends(case.steps[2].value) == pytest.approx((330, 495))
    assert ends(case.result) == pytest.approx((13_200_000, 19_800_000))
    assert (case.kind, case.price_year, case.source_ids) == (ValueKind.SOCIAL, "2017/18", ("moj2019",))
    with pytest.raises(ValueError, match="proportion from 0 to 1"):
        cost_of_need("x", Range(1, 1), "p", Range(0.2, 30), "r", REOFFENDER)


def test_return_on_spend_and_a_local_share():
    ratio = UnitCost("ret", "Benefit per £1 spent", Range(2.5, 2.5), "£ per £1", "2008/09", ValueKind.SOCIAL, "d")
    # £2m to £3m spent x £2.50 = £5m to £7.5m.
    case = return_on_spend("Drug treatment", Range(2e6, 3e6), "Local spend", ratio)
    assert case.result == Range(5e6, 7.5e6)
    national = UnitCost("ld", "Saving a year, England", Range(10e6, 40e6), "£ a year", "2019/20", ValueKind.FISCAL,
                        "rand")
    # 1,000 of 50,000 = 2%: £10m to £40m x 2% = £200,000 to £800,000.
    share = local_share("L&D", national, 1_000, 50_000, "The area's share of England's population")
    assert ends(share.result) == pytest.approx((200_000, 800_000))
    with pytest.raises(ValueError, match="a share needs"):
        local_share("L&D", national, 60_000, 50_000, "share")


def test_kinds_are_kept_apart_and_a_range_runs_low_to_high():
    fiscal = Case("a", ValueKind.FISCAL, (), Range(1, 2), "2024/25", ())
    social = Case("b", ValueKind.SOCIAL, (), Range(3, 4), "2024/25", ())
    assert list(by_kind([social, fiscal])) == [ValueKind.FISCAL, ValueKind.SOCIAL]
    with pytest.raises(ValueError, match="low to high"):
        Range(2, 1)


def test_a_product_of_factors_then_a_unit_cost():
    # 10 to 20 sentences avoided x 0.25 to 0.5 years each = 2.5 to 10 prisoner-years; x £40,000 = £100,000 to
    # £400,000.
    factors = [Step("Custodial sentences avoided", Range(10, 20), "sentences"),
               Step("Years in custody each", Range(0.25, 0.5), "years")]
    case = product_case("Custody", factors, Step("Prisoner-years not needed", Range(0, 0), "prisoner-years"),
                        REOFFENDER)
    assert ends(case.steps[2].value) == pytest.approx((2.5, 10))
    assert ends(case.result) == pytest.approx((100_000, 400_000))
    assert [step.words for step in case.steps][-2:] == ["Cost of one reoffender", "Cost (the product x unit cost)"]
