"""Pure statistics and derivations on frames: no files, no drawing, no Streamlit; imports only core."""
