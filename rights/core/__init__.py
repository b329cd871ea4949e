"""The shared vocabulary and data types: rights, channels, letter kinds, case states, cases,
identities and companies. Imports nothing of rights but ``errors``."""
