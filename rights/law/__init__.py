"""Laws as data: the models and loading of jurisdictions/, the PURE deadline arithmetic,
which law applies, and the competent regulators."""
