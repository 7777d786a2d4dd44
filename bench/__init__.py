"""Benchmarks: page load and rerun times (load_times) and the map against a plain folium baseline (map/)."""
