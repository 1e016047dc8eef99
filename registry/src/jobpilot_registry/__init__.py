"""JobPilot plugin registry."""
