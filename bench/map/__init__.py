"""The map benchmark: the app's map page against a plain folium.Choropleth + st_folium baseline, in one run."""
