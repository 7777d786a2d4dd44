"""Back-tests: checks of the real data's values (data/*.csv and ../shared/data); a data refresh fails here."""
