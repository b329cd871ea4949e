"""Importers that (re)build the project's data files from public data sets and read user files.

``authorities``: Datenanfragen.de supervisory-authority records -> ``jurisdictions/regulators/``.
``datenanfragen``: their company JSON records; ``ca_registry``: California data broker registry
CSVs (the 2020 Attorney General export and the CPPA format, headers matched by meaning);
``markup``: The Markup's 2025 opt-out URL check; ``merge``: de-duplication across sources;
``refresh``: the script that regenerates ``companies/`` (``python -m rights.importers.refresh``).
"""
