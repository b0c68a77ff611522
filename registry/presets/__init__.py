"""Shipped configuration presets (YAML)."""
