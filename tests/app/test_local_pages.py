"""AppTest: the Map and Area profile pages with the real open-data folder, and without one."""

from tests.support.apptest import open_page
from ui import keys


def test_hex_view_zooms_to_london(app_with_open_data):
    at = open_page(app_with_open_data, "pages/map.py", view="hex", level="lad")
    at.selectbox(key=keys.MAP_ZOOM.key).set_value("E12000007").run()
    assert not at.exception
    assert len(at.get("vega_lite_chart")) == 1
    assert at.query_params["zoom"] == "E12000007"  # a copied link reopens the zoomed hex map
    labels = [button.label for button in at.get("download_button")]
    assert labels[:2] == ["Download hex map (PNG)", "Download hex map (SVG)"]


def test_area_profile_asks_for_an_area(app_with_open_data):
    at = open_page(app_with_open_data, "pages/area_profile.py")
    assert any("Choose an area" in info.value for info in at.info)  # after the missing-justice-data note


def test_an_area_code_in_a_link_that_is_not_in_the_data_is_said(app_with_open_data):
    at = open_page(app_with_open_data, "pages/area_profile.py", area="E99999999", level="lad")
    (warning,) = [box.value for box in at.warning if "E99999999" in box.value]
    assert "not among the districts and unitary authorities in the data" in warning
    assert any("Choose an area" in info.value for info in at.info)  # and the page still asks for one


def test_a_known_area_code_in_a_link_gets_no_warning(app_with_open_data):
    at = open_page(app_with_open_data, "pages/area_profile.py", area="E08000016", level="lad")  # Barnsley
    assert not [box.value for box in at.warning if "link asks for" in box.value]


def test_a_county_in_a_district_link_is_carried_not_refused(app_with_open_data):
    at = open_page(app_with_open_data, "pages/area_profile.py", area="E10000016", level="lad")  # Kent, a county
    assert not [box.value for box in at.warning if "link asks for" in box.value]  # its district stands in


def test_map_without_open_data_says_how_to_get_it(app_without_open_data):
    at = open_page(app_without_open_data, "pages/map.py")
    assert "make data-import" in at.error[0].value


def test_local_need_asks_for_an_area(app_with_open_data):
    at = open_page(app_with_open_data, "pages/local_need.py")
    assert "Choose an area" in at.info[0].value


def test_your_data_offers_templates_and_states_the_threshold(app_with_open_data):
    at = open_page(app_with_open_data, "pages/your_data.py")
    assert at.title[0].value == "Your data"
    assert at.info[0].value == ("Counts from 1 to 4 are suppressed, with every figure worked out from them "
                                "(threshold 5, the default).")
    assert [button.label for button in at.get("download_button")] == [
        "Template (CSV)", "Template (Excel, with instructions)"]
