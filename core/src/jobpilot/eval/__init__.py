"""Accuracy measurement: detection and field mapping scored on a labelled corpus."""
