"""Readers of the data sets that only the refresh script uses (tools, not the wheel).

Each module has ``parse(path) -> list[dict]``: one record-data dict per row, in the shape of
``rights.core.company.Company`` without a slug, with ``_where`` (file:row) for notes. Every
value is read from the data set; each dict's one source lists in ``fields`` the fields it
supplied and keeps in ``other`` what the record has no place for. (JustDeleteMe's importer
merges into the records itself: ``justdeleteme.import_into``.)
"""
