"""Reading a view from the URL: codes are checked against the options; junk falls back to defaults; a widget helper
seeds, draws and writes back in one call."""

from streamlit.testing.v1 import AppTest

from ui.state import COHORT_OPTIONS, parse_choice, parse_choices, parse_whole_number


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


def test_a_whole_number_is_bounded_and_plain_digits_only():
    assert parse_whole_number("1200", 10_000) == 1200
    assert parse_whole_number("0", 10_000) == 0
    assert parse_whole_number("10000", 10_000) == 10_000
    assert parse_whole_number("10001", 10_000) is None  # over the bound
    assert parse_whole_number("9" * 400, 10_000) is None  # no 400-digit number is even parsed
    assert parse_whole_number("-5", 10_000) is None
    assert parse_whole_number("1.5", 10_000) is None
    assert parse_whole_number("²", 10_000) is None  # str.isdigit() is true for it, int() is not
    assert parse_whole_number("", 10_000) is None
    assert parse_whole_number(None, 10_000) is None


def test_a_flag_is_read_from_the_url_and_left_out_when_off():
    def script():
        from ui import keys, state

        state.flag(None, "Present", keys.PRESENT)

    at = AppTest.from_function(script)
    at.query_params["present"] = "on"
    at.run()
    assert at.toggle(key="present").value is True
    assert at.query_params["present"] in ("on", ["on"])
    at.toggle(key="present").set_value(False).run()
    assert "present" not in at.query_params


def test_a_flag_with_any_other_value_is_off():
    def script():
        from ui import keys, state

        state.flag(None, "Present", keys.PRESENT)

    at = AppTest.from_function(script)
    at.query_params["present"] = "yes"
    at.run()
    assert at.toggle(key="present").value is False


def test_a_number_from_the_url_is_shown_and_written_back_with_its_url_name():
    def script():
        from ui import keys, state

        state.whole_number(None, "Size", keys.need_size("probation"), maximum=10_000)

    at = AppTest.from_function(script)
    at.query_params["size_probation"] = "99999"  # over the bound: not taken
    at.run()
    assert at.number_input(key="need_size_probation").value is None
    assert "size_probation" not in at.query_params
    at.number_input(key="need_size_probation").set_value(1200).run()
    assert at.query_params["size_probation"] in ("1200", ["1200"])
