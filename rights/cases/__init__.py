"""A request is a case: the PURE lifecycle (transitions, due dates), logging an event on a
stored case, the evidence, and what a case looks like as ``--json``."""
