"""Domain exceptions. The CLI turns each into a one-line message and an exit code."""

from __future__ import annotations


class RefqError(Exception):
    """Base for every error refq reports to a user; ``exit_code`` is what the CLI exits with."""

    exit_code = 1


class InputError(RefqError):
    """An article file that cannot be read as text: missing, empty, binary, too large."""


class DatabaseError(RefqError):
    """A database file that is not a refq database, is corrupt, or cannot be opened."""


class KnowledgeError(RefqError):
    """A reference-data file under data/ that is missing or malformed."""


class UsageError(RefqError):
    """Arguments that parse but make no sense together."""

    exit_code = 2
