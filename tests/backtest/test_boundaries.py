"""Back-test of the real ONS upper-tier boundary file in ../shared/data/boundaries: 153 areas, December 2023."""

from loaders.boundaries import load_boundaries


def test_real_ons_utla_file_has_153_areas(shared_data):
    result = load_boundaries(shared_data / "boundaries" / "utla_ctyua_dec2023_england_bsc.geojson")
    assert len(result) == 153 and result["code"].is_unique
    assert set(result["level"]) == {"utla"} and set(result["vintage"]) == {2023}
    assert result.geometry.is_valid.all() and result.crs.to_epsg() == 4326
