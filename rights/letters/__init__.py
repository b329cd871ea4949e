"""Letters: the context a template sees, the one Jinja entry (sandbox for user templates),
the language chooser, least disclosure, and authorized agents."""
