"""Pages of the Streamlit app (run ``streamlit run app.py``); layout only, no rule logic."""
