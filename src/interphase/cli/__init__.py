"""Command-line face: parses input, calls engines, renders tables, JSON and plots."""
