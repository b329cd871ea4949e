"""rights: a personal data-rights assistant (access, correction, deletion requests as cases)."""

__version__ = "0.1.0"
