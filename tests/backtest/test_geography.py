"""Back-test of the real lookup and code-change history in ../shared/data/lookups: the counts of districts,
upper-tier areas and regions, roll-ups of every district, and Cumbria's 2023 changes."""

import pandas as pd

from analysis.geography_codes import map_to_current_codes
from analysis.geography_rollup import roll_up
from loaders.lookups import CODE_CHANGES_FILE, LAD_LOOKUP_FILE, codes_in_force, read_code_changes, read_lad_lookup
from tests.unit.test_geography import by_code, figures


def test_real_lookup_and_code_changes(shared_data):
    lookup = read_lad_lookup(shared_data / "lookups" / LAD_LOOKUP_FILE)
    assert len(lookup) == 296 and lookup["utla_code"].nunique() == 153 and lookup["region_code"].nunique() == 9
    changes = read_code_changes(shared_data / "lookups" / CODE_CHANGES_FILE)
    assert set(changes["change_type"]) == {"merge", "county to unitary", "county split", "recode"}
    every_lad = pd.DataFrame({"area_code": lookup["lad_code"], "period": "2023", "numerator": 1.0,
                              "denominator": 1.0})
    utlas, report = roll_up(every_lad, lookup, to="utla")
    assert len(utlas) == 153 and set(utlas["rollup_status"]) == {"complete"} and report.empty
    assert by_code(utlas).loc["E10000016", "numerator"] == 12  # Kent has 12 district councils
    regions, _ = roll_up(every_lad, lookup, to="region")
    assert len(regions) == 9 and regions["numerator"].sum() == 296
    assert by_code(regions).loc["E12000001", "numerator"] == 12  # North East: 7 unitaries + 5 metropolitan
    cumbria = figures([("E07000026", "2022", 1, 10), ("E07000028", "2022", 2, 10), ("E07000029", "2022", 3, 10),
                       ("E10000006", "2022", 9, 10)])
    mapped, _ = map_to_current_codes(cumbria, changes, known_codes=codes_in_force(lookup))
    # Allerdale + Carlisle + Copeland = Cumberland: 6 of 30; Cumbria county (split) is kept and flagged.
    assert mapped[["area_code", "numerator", "denominator", "code_status"]].values.tolist() == [
        ["E06000063", 6, 30, "merged"], ["E10000006", 9, 10, "flagged"]]
