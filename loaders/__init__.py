"""Reading and validating files already on disk (pandera): no network, no Streamlit, no writing."""
