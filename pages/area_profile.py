"""Area profile: every local indicator for one area, against England, its region and the other areas."""

from functools import partial

import streamlit as st

from analysis.profile import spine_positions
from charts.spine import spine_chart
from charts.trend import trend_chart
from core.safe_csv import to_csv_bytes
from present import area_profile as area_view
from ui import blocks, chrome, keys, pickers, place_view, router, state
from ui import cache as cached
from ui import neighbours as neighbour_block

router.require_router()


st.title("Area profile")
data = blocks.load_or_stop(cached.local_indicators)
blocks.show_missing_justice_data(data.register)
values, register = data.values, data.register

with chrome.controls("area"):
    controls = st.columns([2, 3])
    level, area, names = pickers.choose_area(
        controls[0], controls[1], lambda level: values[values["level"] == level].drop_duplicates("area_code"))

if not area:
    st.info("Choose an area above (or on the Map page) to see its profile.")
    st.stop()

profile = cached.profile_with_trends(area, level)  # with each indicator's recent trend
region = profile["region_name"].iloc[0] if len(profile) else ""
st.markdown(f"**{names[area]}** ({area}), {region}. Each indicator's latest period with a figure for this area, "
            "beside England, the region and the spread of all areas at this level. Colours follow Fingertips: "
            "the comparison tests the area's confidence interval against England's value.")
place_view.caption(None, level, area)
districts = place_view.district_table(values, profile, level, area)

positions = spine_positions(profile)
if positions.empty:
    st.info("No indicator has both a value for this area and an England value, so no spine chart can be drawn. "
            "The table lists what there is" + (f", and {names[area]}'s districts' own figures are under it."
                                               if districts is not None else "."))
else:
    spine_text = (f"Spine chart of {len(positions)} indicators: for each, where {names[area]} lies between the "
                  "lowest and highest areas in England, with England at the centre. For smoking, the worse "
                  "(higher) end is on the left; for indicators without a judgement, the lower end is. The table "
                  "below has every figure.")
    blocks.show_chart(spine_chart(positions, profile, names[area]), f"profile_{area}_{level}", spine_text,
                      name="spine chart")
    st.caption(spine_text)


orders = {i: data.period_order[(i, level)] for i in profile["indicator_id"]}
table = area_view.profile_table(profile, names[area], region)
st.dataframe(table, hide_index=True, width="stretch")
with chrome.controls("table_download"):
    st.download_button("Download this profile (CSV)", partial(to_csv_bytes, table),
                       file_name=f"profile_{area}_{level}.csv", mime="text/csv", on_click="ignore")
if districts is not None:
    st.subheader(f"{names[area]}'s districts")
    st.markdown(f"Where {names[area]} has no value, each of its {districts['Code'].nunique()} districts' own figure "
                "for the same period (a rate is never averaged into a county or force value).")
    st.dataframe(districts, hide_index=True, width="stretch")
    with chrome.controls("districts_download"):
        st.download_button("Download the districts' figures (CSV)", partial(to_csv_bytes, districts),
                           file_name=f"profile_{area}_{level}_districts.csv", mime="text/csv", on_click="ignore")

st.caption("Recent trend: Fingertips' method (a weighted regression through the latest 5 periods, tested at "
           "99.8%); it needs a value, a confidence interval, a count and a denominator in each of those periods, "
           "so it cannot be calculated from files without them.")

st.subheader("Over time")
with_periods = profile[profile["indicator_id"].map(lambda i: len(orders[i]) > 1)]
if with_periods.empty:
    st.info("No indicator has more than one period for this area.")
else:
    names_by_id = dict(zip(with_periods["indicator_id"], with_periods["short_name"], strict=True))
    with chrome.controls("trend"):
        chosen = state.select_one(None, "Indicator", list(names_by_id), keys.PROFILE_TREND, next(iter(names_by_id)),
                                  format_func=names_by_id.get)
    own = values[(values["level"] == level) & (values["area_code"] == area)]
    series = area_view.over_time(own, data.england, data.regions, chosen, names[area], own["region_code"].iloc[0],
                                 region)
    unit = register.set_index("indicator_id").at[chosen, "unit"]
    over_time = series.rows
    blocks.show_chart(trend_chart(over_time, orders[chosen], f"{names_by_id[chosen]}: {names[area]} and England", unit),
                      f"trend_{chosen}_{area}", f"Line chart of {names_by_id[chosen]} ({unit}) over "
                      f"{len(orders[chosen])} periods for {', '.join(over_time['series'].unique())}. The table under "
                      "it lists every value.", name="trend chart")
    with st.expander("The same figures as a table"):
        st.dataframe(area_view.over_time_table(over_time, orders[chosen], unit), hide_index=True, width="stretch")
    row = profile.set_index("indicator_id").loc[chosen]
    st.markdown(f"**Recent trend:** {row['trend']}" + (f" ({row['trend_reason']})" if row["trend_reason"] else "")
                + ("" if series.has_region else f". The file has no figure for {region}, so it is not drawn."))

neighbour_block.profile_section(data, area, level)

st.subheader("Sources")
meta = register.set_index("indicator_id")
lines = [f"- **{meta.at[i, 'short_name']}**: {meta.at[i, 'publisher']}. "
         f"[{meta.at[i, 'source_url']}]({meta.at[i, 'source_url']}). {meta.at[i, 'reader_caveat']}"
         for i in profile["indicator_id"]]
st.markdown("\n".join(lines))
st.caption("Region values are shown only where the file publishes them: rates are never rebuilt from areas' "
           "rates. The rank in region counts the areas of the same region with a value in the same period.")
