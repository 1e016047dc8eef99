"""The apply engine: detect -> snapshot -> map -> plan -> fill -> submit -> verify."""
