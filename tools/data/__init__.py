"""Scripts that rebuild the shipped data (companies/, jurisdictions/regulators) from the public
data sets. Not in the wheel: run them from a checkout, e.g. ``python -m tools.data.refresh``."""
