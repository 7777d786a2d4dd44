"""Downloading the catalogue's open-data files from their publishers (``python -m acquire download``)."""
