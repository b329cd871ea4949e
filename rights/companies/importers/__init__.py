"""Readers of public data sets and user files, used at run time by ``rights companies import``.

``datenanfragen``: their company JSON records; ``ca_registry``: California data broker registry
CSVs (the 2020 Attorney General export and the CPPA format, headers matched by meaning);
``markup``: The Markup's 2025 opt-out URL check; ``merge``: de-duplication across sources.
The scripts that regenerate the shipped data live in ``tools/data/`` (not in the wheel).
"""
