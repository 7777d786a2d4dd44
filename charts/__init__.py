"""Drawing only: Altair charts, folium maps, their keys and images, made from the frames and core types given."""
