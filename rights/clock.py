"""Today's date for the CLI, honouring ``RIGHTS_TODAY`` (workshops and scripted checks).

Only the CLI reads the clock; core functions take ``today`` / ``now`` as arguments.
"""

from __future__ import annotations

import datetime as dt
import os

from rights.errors import InputError


def today() -> dt.date:
    """``RIGHTS_TODAY`` (YYYY-MM-DD) if set, else the local date."""
    value = os.environ.get("RIGHTS_TODAY")
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"RIGHTS_TODAY: {value!r} is not a date in the form YYYY-MM-DD") from None


def now() -> dt.datetime:
    """The current time in UTC; with ``RIGHTS_TODAY`` set, noon UTC of that day."""
    if os.environ.get("RIGHTS_TODAY"):
        return dt.datetime.combine(today(), dt.time(12, 0), tzinfo=dt.UTC)
    return dt.datetime.now(dt.UTC)
