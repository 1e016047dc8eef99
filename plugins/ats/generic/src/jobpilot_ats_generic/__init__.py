"""Generic field mapper plugin."""
