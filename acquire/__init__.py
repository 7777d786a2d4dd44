"""Getting open data onto disk: download, import, convert, build the map layers, write the manifest (CLI)."""
