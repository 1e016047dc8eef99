"""The bundled demo: sample application pages, a sample profile, and a local server."""
