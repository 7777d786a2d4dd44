"""Back-test of the real upper-tier hex layout in ../shared/data/hexjson: 153 hexes, every London borough."""

from loaders.hexjson import read_hexjson


def test_real_utla_layout_has_every_london_borough(shared_data):
    hexes, layout = read_hexjson(shared_data / "hexjson" / "england_utla_2023_derived.hexjson")
    assert layout == "odd-r" and len(hexes) == 153
    assert hexes["code"].str.startswith("E09").sum() == 33  # 32 boroughs and the City of London
