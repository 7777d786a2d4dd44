"""Loaders: the only code that reads files. Pure functions returning validated tidy frames.

``loaders.cached`` is the one module that wraps them in Streamlit's caches.
"""
