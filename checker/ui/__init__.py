"""Plain-Python helpers behind the Streamlit app (no Streamlit imports here).

The app pages only lay out widgets; everything that computes something — the headcount
sweep, thresholds, example firms, URL state, tables and charts — lives here so that it can
be unit-tested without a browser and reused by the export and notebooks.
"""
