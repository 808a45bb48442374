"""Errors the auditor reports to the user as one line and exit code 2, never as a traceback."""


class AuditorError(Exception):
    """Base class: a problem with the input or the invocation, not a bug."""


class InputError(AuditorError):
    """The input file cannot be read as a transcript (empty, binary, wrong encoding, unknown layout)."""


class ConfigError(AuditorError):
    """The configuration (file or options) is invalid."""
