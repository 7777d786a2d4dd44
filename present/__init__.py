"""View-models shared by the pages and the board pack: words, tables and the map view, made from results."""
