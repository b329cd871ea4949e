"""The command-line shell: the only package that imports typer. See ``main.py``."""
