"""One way to list the first few of many things, then "... and N more"."""

from core.errors import DataLoadError, Problem, listed


def test_up_to_the_limit_nothing_is_left_out():
    assert listed(["a", "b"], 2) == "a, b"
    assert listed([], 3) == ""


def test_past_the_limit_the_rest_are_counted():
    assert listed(["E1", "E2", "E3", "E4", "E5"], 2) == "E1, E2 and 3 more"
    assert listed(["x", "y", "z"], 1, "; ", "; and {n} more") == "x; and 2 more"


def test_a_data_error_lists_twenty_problems_then_counts_the_rest():
    problems = [Problem("f.csv", row, "value", "not a number") for row in range(2, 27)]  # 25 problems
    lines = DataLoadError("f.csv", problems).render().splitlines()
    assert lines[0] == "f.csv could not be loaded."
    assert lines[1] == "- f.csv, row 2, column 'value': not a number"
    assert lines[20] == "- f.csv, row 21, column 'value': not a number"  # the 20th
    assert lines[21] == "- ... and 5 more problems"  # 25 - 20
    assert lines[22].startswith("Rows are numbered as in a spreadsheet")
