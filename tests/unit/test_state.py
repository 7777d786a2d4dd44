"""Reading a view from the URL: codes are checked against the options; junk falls back to defaults."""

from streamlit.testing.v1 import AppTest

from ui.state import COHORT_OPTIONS, parse_choice, parse_choices


def test_known_code_is_taken():
    assert parse_choice("probation", COHORT_OPTIONS, "prison") == "probation"


def test_unknown_label_or_missing_value_gives_the_default():
    assert parse_choice("Probation", COHORT_OPTIONS, "prison") == "prison"  # labels are not codes
    assert parse_choice(None, COHORT_OPTIONS, "prison") == "prison"


def test_several_choices_keep_the_options_order_and_drop_junk():
    assert parse_choices(["prison", "<script>", "police_custody"], COHORT_OPTIONS, COHORT_OPTIONS) == [
        "police_custody", "prison"]


def test_no_valid_choice_gives_the_default():
    assert parse_choices([], COHORT_OPTIONS, ["prison"]) == ["prison"]
    assert parse_choices(["nonsense"], COHORT_OPTIONS, ["prison"]) == ["prison"]


def test_a_flag_is_read_from_the_url_and_left_out_when_off():
    def script():
        import streamlit as st

        from ui import state

        state.seed_flag("present")
        state.write_flag_to_url("present", st.toggle("Present", key="present"))

    at = AppTest.from_function(script)
    at.query_params["present"] = "on"
    at.run()
    assert at.toggle(key="present").value is True
    assert at.query_params["present"] in ("on", ["on"])
    at.toggle(key="present").set_value(False).run()
    assert "present" not in at.query_params


def test_a_flag_with_any_other_value_is_off():
    def script():
        import streamlit as st

        from ui import state

        state.seed_flag("present")
        st.toggle("Present", key="present")

    at = AppTest.from_function(script)
    at.query_params["present"] = "yes"
    at.run()
    assert at.toggle(key="present").value is False
