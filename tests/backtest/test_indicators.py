"""Back-tests of the indicator register (data/indicators.csv) and the real IMD 2025, homelessness and Fingertips
files in ../shared/data/indicators: units and polarities, row counts and values as in the files, and the register's
polarity claims checked against Fingertips' own comparison labels."""

from loaders.fingertips import read_fingertips_extract
from loaders.indicators import read_homelessness, read_imd_lad_summaries
from tests.support.open_data import shared_indicator_file


def test_register_polarity_and_units(indicator_register):
    rows = indicator_register.set_index("indicator_id")
    assert rows.loc["92443", ["unit", "polarity", "domain"]].tolist() == ["%", "low_is_good", "smoking"]
    assert rows.loc["848", ["unit", "polarity", "domain"]].tolist() == ["%", "no_judgement", "mental_health"]
    assert rows.loc["imd2025_score", "unit"] == "score"
    assert rows.loc["homeless_households_per_1000", "unit"] == "per 1,000"
    # a polarity inferred rather than read from Fingertips metadata says so
    assert "not read from the indicator's metadata" in rows.loc["92443", "notes"]


def test_real_imd_file(indicator_register):
    imd = read_imd_lad_summaries(shared_indicator_file("imd2025_lad24_summaries_england.csv"), indicator_register)
    assert len(imd) == 296 and imd["area_code"].is_unique
    assert imd.set_index("area_code").loc["E06000001", "value"] == 37.58  # Hartlepool, as in the file
    assert imd["value"].notna().all() and imd["value"].between(5.9, 43.5).all()


def test_real_homelessness_file(indicator_register):
    imd = read_imd_lad_summaries(shared_indicator_file("imd2025_lad24_summaries_england.csv"), indicator_register)
    names = dict(zip(imd["area_code"], imd["area_name"], strict=True))
    rows = read_homelessness(shared_indicator_file("homelessness_dluhc_2023q4_ltla23.csv"), indicator_register, names)
    assert len(rows) == 2 * 296
    missing = rows[rows["value"].isna()].groupby("indicator_id").size().to_dict()
    assert missing == {"homeless_households_per_1000": 8, "temporary_accommodation_per_1000": 12}
    assert set(rows["area_code"]) == set(imd["area_code"])  # LTLA 2023 codes = LAD24 codes
    assert (rows["area_name"] != rows["area_code"]).all()  # every code named from the IMD file
    assert not rows.duplicated(["area_code", "indicator_id", "period"]).any()


def _with_england(data):
    joined = data.joined()
    england = joined[joined["area_code"] == "E92000001"].set_index("period")["value"]
    return joined.assign(england=joined["period"].map(england))


def test_smoking_labels_show_low_is_good(indicator_register):
    """Fingertips labelled 92443 with RAG words, and 'Better' always means below England: low is good."""
    data = read_fingertips_extract(shared_indicator_file("fingertips_92443_smoking_prevalence_aps_ltla.csv"),
                                   indicator_register)
    rows = _with_england(data)
    better = rows[rows["compared_to_england"] == "Better"]
    worse = rows[rows["compared_to_england"] == "Worse"]
    assert len(better) == 685 and (better["value"] < better["england"]).all()
    assert len(worse) == 409 and (worse["value"] > worse["england"]).all()
    assert indicator_register.set_index("indicator_id").loc["92443", "polarity"] == "low_is_good"


def test_depression_labels_show_no_judgement_at_99_8(indicator_register):
    """Fingertips labelled 848 'Higher 99.8'/'Lower 99.8' (no better/worse): no judgement, compared at 99.8%."""
    data = read_fingertips_extract(shared_indicator_file("fingertips_848_depression_qof_prevalence_ltla.csv"),
                                   indicator_register)
    rows = _with_england(data)
    higher = rows[rows["compared_to_england"] == "Higher 99.8"]
    lower = rows[rows["compared_to_england"] == "Lower 99.8"]
    assert len(higher) == 1414 and (higher["value"] > higher["england"]).all()
    assert len(lower) == 1243 and (lower["value"] < lower["england"]).all()
    assert not rows["compared_to_england"].isin(["Better", "Worse"]).any()
    assert indicator_register.set_index("indicator_id").loc["848", "polarity"] == "no_judgement"
