"""Profiles (one encrypted store each) and validated edits of a profile's identity."""
