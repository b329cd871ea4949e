"""The company and data-broker directory.

``model``: the pydantic record and pack models. ``datenanfragen``: conversion to and from
the Datenanfragen.de format. ``names``: name and domain normalisation. ``index``: the
generated ``_index.json`` and the loaded ``Directory``. ``search``: ranked fuzzy search.
``packs``: named lists of slugs. ``user``: merging the user's own companies (from the store).

This package's ``__init__`` imports nothing heavy: ``rights --help`` must stay fast.
"""
