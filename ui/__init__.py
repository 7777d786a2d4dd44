"""The Streamlit layer: page frame, router, shared pickers and blocks, session and URL state, the only caches."""
