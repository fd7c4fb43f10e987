"""Errors a parse reports to the user: bad input as one clear sentence (problems inside a release are findings)."""
from __future__ import annotations


class ReleaseError(Exception):
    """Bad input: the message is one clear sentence for the user."""


class NeedsOcr(ReleaseError):
    """A PDF without a readable text layer (a scan): OCR can read it when asked (`ocr=True`)."""
