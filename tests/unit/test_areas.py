"""One indicator, level and period made ready for the map: text, colours, the key and the fallback to fifths."""

import pandas as pd

from present import map_view as areas


def row(code, name, value, comparison="Not compared", colour=None, period="2024", indicator="92443", ci=(None, None)):
    return {"level": "utla", "area_code": code, "area_name": name, "region_code": "E12000001",
            "region_name": "North East", "indicator_id": indicator, "period": period, "value": value,
            "ci_low": ci[0], "ci_high": ci[1], "unit": "%", "england_value": 11.6, "comparison": comparison,
            "comparison_label": comparison if comparison == "Not compared" else f"{comparison} than England (95%)",
            "comparison_colour": colour, "comparison_level": None if colour is None else 0.95,
            "comparison_basis": "computed",
            "value_note": None, "note": None}


VALUES = pd.DataFrame([
    row("E06000002", "Middlesbrough", 15.25, "Worse", "#D4351C", ci=(12.0, 18.5)),
    row("E06000001", "Hartlepool", 9.0, "Better", "#00703C", ci=(7.5, 10.5)),
    row("E06000003", "Redcar and Cleveland", float("nan")),
    row("E06000001", "Hartlepool", 12.0, period="2023"),  # no comparison in 2023
    row("E06000002", "Middlesbrough", 14.0, period="2023"),
])


def test_comparison_colours_and_text_for_one_period():
    shown, legend, colour_by = areas.map_view(VALUES, "92443", "utla", "2024", areas.COLOUR_BY_COMPARISON)
    assert colour_by == areas.COLOUR_BY_COMPARISON
    assert list(shown["area_name"]) == ["Hartlepool", "Middlesbrough", "Redcar and Cleveland"]  # by name
    # Every value keeps the places the most precise one has (15.25: two), so nothing published is rounded away.
    assert list(shown["value_text"]) == ["9.00%", "15.25%", "no value"]
    assert list(shown["ci_text"]) == ["7.50 to 10.50", "12.00 to 18.50", "not published"]
    assert list(shown["fill"])[:2] == ["#00703C", "#D4351C"]
    assert shown["area_label"].iloc[0] == "Hartlepool (E06000001)"
    assert len(legend) >= 2


def test_a_period_with_no_comparison_falls_back_to_fifths():
    shown, _, colour_by = areas.map_view(VALUES, "92443", "utla", "2023", areas.COLOUR_BY_COMPARISON)
    assert colour_by == areas.COLOUR_BY_VALUE
    assert shown["fill"].notna().all()  # both areas coloured by their value class


def test_the_table_says_why_a_value_is_missing():
    values = VALUES.copy()
    values.loc[2, "value_note"] = "Value suppressed for disclosure control"
    shown, _, _ = areas.map_view(values, "92443", "utla", "2024", areas.COLOUR_BY_COMPARISON)
    table = areas.area_table(shown, "Value (%)")
    assert list(table.columns) == ["Area", "Code", "Region", "Value (%)", "Lower 95% limit", "Upper 95% limit",
                                   "Compared with England", "England", "Note"]
    assert list(table["Note"]) == ["", "", "Value suppressed for disclosure control"]


def test_short_words_and_what_they_leave_out_come_from_the_codes():
    values = VALUES.copy()
    values.loc[0, "comparison_basis"] = "published by Fingertips"
    values.loc[0, "comparison_label"] = "Worse than England (95%) as published by Fingertips"
    shown, _, _ = areas.map_view(values, "92443", "utla", "2024", areas.COLOUR_BY_COMPARISON)
    assert list(shown["class_short"]) == ["Better than England (95%)", "Worse than England (95%)", "Not compared"]
    assert list(shown["class_note"]) == ["", "as published by Fingertips", ""]
    fifths, _, _ = areas.map_view(values, "92443", "utla", "2024", areas.COLOUR_BY_VALUE)
    assert list(fifths["class_short"]) == list(fifths["class_label"]) and set(fifths["class_note"]) == {""}
    assert list(fifths["comparison_note"]) == ["", "as published by Fingertips", ""]  # whatever the colouring


def test_the_clicked_area_is_the_features_code():
    codes = {"E06000001", "E06000002"}
    clicked = {"last_active_drawing": {"type": "Feature", "id": "E06000002",
                                       "properties": {"tip": "<b>Anywhere (E06000001)</b>"}},
               "last_object_clicked": {"lat": 54.6, "lng": -1.2}}
    assert areas.clicked_code(clicked, codes) == "E06000002"  # the id, never the tooltip's words
    assert areas.clicked_code({"last_active_drawing": {"id": "E99999999"}}, codes) is None  # not on this map
    assert areas.clicked_code({"last_active_drawing": None}, codes) is None
    assert areas.clicked_code(None, codes) is None


def test_words_round_the_map_and_the_chosen_area():
    meta = {"short_name": "Adult smoking (APS)", "unit": "%"}
    words = areas.map_words(meta, "2024", areas.COLOUR_BY_VALUE)
    assert words.title == "Adult smoking (APS) (%), 2024"
    assert words.subtitle == ("Value (fifths of areas). Classes hold about a fifth of the areas with a value each; "
                              "darker is lower.")
    few = areas.map_words(meta, "2024", areas.COLOUR_BY_VALUE, classed=False)
    assert few.subtitle.startswith("Fewer than five areas have a value, so they share one colour (no fifths)")
    assert "fifths of areas" not in few.colour_words
    shown, _, _ = areas.map_view(VALUES, "92443", "utla", "2024", areas.COLOUR_BY_COMPARISON)
    assert areas.area_sentence(shown.iloc[0], "%") == (
        "**Hartlepool**: 9.00% (95% CI 7.50 to 10.50). Better than England (95%). England: 11.6%.")
    assert areas.area_sentence(shown.iloc[2], "%") == (
        "**Redcar and Cleveland**: no value. Not compared. England: 11.6%.")
    assert areas.file_slug("2022/23 Q1") == "2022-23-Q1"


def test_hexes_of_one_region_carry_their_areas_values():
    hexes = pd.DataFrame({"code": ["E06000001", "E06000002", "W06000001"], "name": ["H", "M", "Wales"],
                          "region": ["E12000001", "E12000002", ""]})
    shown, _, _ = areas.map_view(VALUES, "92443", "utla", "2024", areas.COLOUR_BY_COMPARISON)
    assert list(areas.hex_rows(hexes, shown, "")["code"]) == ["E06000001", "E06000002"]  # England only
    one = areas.hex_rows(hexes, shown, "E12000002")
    assert list(one["code"]) == ["E06000002"] and list(one["value_text"]) == ["15.25%"]
