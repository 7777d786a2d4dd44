"""Back-tests of the bundled action checklist (data/checklist_*.csv): the six forums, the stages in order, the seed
sources and their dates, and the source labels the progress table shows."""

import pandas as pd

from present import checklist as progress_view
from tests.conftest import BUNDLED


def test_the_six_forums_the_reports_name(bundled_checklist):
    assert sorted(bundled_checklist.forums["forum"]) == [
        "Community Safety Partnership", "Drug and Alcohol Partnership", "Health and Wellbeing Board",
        "Integrated Offender Management", "Police and Crime Commissioner", "Safeguarding Partnerships"]


def test_the_three_stages_come_in_order_then_balancing_act(bundled_checklist):
    sections = bundled_checklist.items.drop_duplicates("section")[["section", "section_order"]]
    names = list(sections["section"])
    stages = [name for name in names if name.startswith("Stage ")]
    assert stages == ["Stage 1: understand local need",
                      "Stage 2: engage communities and people with lived experience",
                      "Stage 3: commission jointly, then monitor and evaluate"]
    assert list(sections["section_order"]) == sorted(sections["section_order"])
    for number, name in enumerate(stages, start=1):
        in_stage_section = bundled_checklist.items[bundled_checklist.items["section"] == name]
        assert set(in_stage_section["stage"]) == {number}
        assert in_stage_section["item_id"].str.startswith(f"S{number}-").all()
    balancing = bundled_checklist.items[bundled_checklist.items["section"].str.startswith("Balancing Act (2013)")]
    assert list(balancing["item_id"]) == ["BA-01", "BA-02", "BA-03", "BA-04"]  # the four positive actions


def test_each_seed_page_is_cited_and_no_url_is_made_up(bundled_checklist):
    sources = bundled_checklist.sources.set_index("source_id")
    assert list(sources.index[sources["kind"] == "seed"]) == ["000", "001", "002", "003", "004"]
    assert sources.loc["001", "date"] == "12 January 2017"
    assert sources.loc["002", "date"] == "11 January 2017"
    for source_id, row in sources.iterrows():
        if pd.isna(row["url"]):
            assert row["url_note"].startswith("URL not recorded"), source_id
    # The one URL: a context page, as recorded in the research cohort sizes (and data/cohort_sizes.csv).
    assert list(sources["url"].dropna()) == ["https://www.basw.co.uk/resources/rebalancing-act"]
    assert (BUNDLED / "cohort_sizes.csv").read_text(encoding="utf-8").count(
        "https://www.basw.co.uk/resources/rebalancing-act") == 1


def test_progress_table_can_show_source_labels(small_checklist_items, bundled_checklist):
    table = progress_view.progress_table(small_checklist_items, {}, sources=bundled_checklist.sources)
    assert table.loc[1, "Sources"] == "Russell Webster, 11 Jan 2017 [002]; Revolving Doors Agency (2017 report) [004]"
