"""Exports of a profile's cases (json and its import, csv, ics, the case report)."""
