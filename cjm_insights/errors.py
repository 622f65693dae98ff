"""Errors a user can act on. The CLI prints them as one clean message, never a traceback."""


class CjmError(Exception):
    """A problem with the user's input or configuration, worded for the user."""


class ExtractionError(CjmError):
    """An extraction unit (a window, a document) failed after its retries."""
