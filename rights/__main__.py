"""Allow ``python -m rights``."""

from rights.cli.main import main

raise SystemExit(main())
