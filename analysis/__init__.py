"""Pure statistical functions: no I/O, no Streamlit."""
