"""Importers that turn public data sets into the project's own data files."""
