"""One area's local indicators with their recent trends: the rows the Area profile's table shows and the board
pack's workbook and the JSNA chapter carry (one copy of how a profile is made)."""

from __future__ import annotations

import pandas as pd

from analysis.local_indicators import LocalIndicators
from analysis.profile import area_profile
from analysis.trend import trend_frame


def profile_with_trends(local: LocalIndicators, area_code: str, level: str) -> pd.DataFrame:
    """``analysis.profile.area_profile``'s rows for the area, with each indicator's recent trend and the reason
    when there is none (``trend``, ``trend_reason``)."""
    profile = area_profile(local.values, local.regions, local.register, area_code, level)
    if profile.empty:
        return profile.assign(trend=pd.Series(dtype=object), trend_reason=pd.Series(dtype=object))
    values = local.values
    own = values[(values["level"] == level) & (values["area_code"] == area_code)]
    polarities = dict(zip(local.register["indicator_id"], local.register["polarity"], strict=True))
    orders = {i: local.period_order[(i, level)] for i in profile["indicator_id"]}
    trends = trend_frame(own, polarities, periods=orders).set_index("indicator_id")
    return profile.assign(trend=profile["indicator_id"].map(trends["trend"]),
                          trend_reason=profile["indicator_id"].map(trends["trend_reason"]))
