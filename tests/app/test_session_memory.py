"""AppTest: a choice made on one page is still there after a visit to another page that does not draw it
(Streamlit's persist_state="session"), and its URL parameter comes back with it."""

from ui import keys


def test_local_need_cohorts_survive_a_visit_to_the_map(app_with_open_data):
    at = app_with_open_data
    at.run()
    at.switch_page("pages/local_need.py").run()
    cohorts = at.multiselect(key=keys.NEED_COHORTS.key)
    assert cohorts.value == ["probation"]  # the default
    cohorts.set_value(["prison_release", "liaison_diversion"]).run()
    assert at.query_params["need_cohorts"] == ["prison_release", "liaison_diversion"]

    at.switch_page("pages/map.py").run()
    assert not at.exception, [e.message for e in at.exception]
    assert not [box for box in at.multiselect if box.key == keys.NEED_COHORTS.key]  # the Map does not draw it

    at.switch_page("pages/local_need.py").run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.multiselect(key=keys.NEED_COHORTS.key).value == ["prison_release", "liaison_diversion"]
    assert at.query_params["need_cohorts"] == ["prison_release", "liaison_diversion"]


def test_the_area_chosen_on_the_map_opens_the_area_profile(app_with_open_data):
    at = app_with_open_data
    at.run()
    at.switch_page("pages/map.py").run()
    at.selectbox(key=keys.AREA.key).set_value("E08000003").run()
    at.switch_page("pages/area_profile.py").run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.selectbox(key=keys.AREA.key).value == "E08000003"
    assert at.query_params["area"] in ("E08000003", ["E08000003"])
