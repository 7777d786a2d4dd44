"""Converting publishers' layouts (ONS tables, Nomis, MHCLG workbooks) to the files the app reads."""
