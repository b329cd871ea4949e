"""Importers of the public data sets the refresh script reads (tools, not the wheel)."""
