"""One exception family for the whole product.

Every error a user can cause is a :class:`KGError`.  The CLI maps each class to
an exit code and the endpoint maps each class to an HTTP status, so neither needs
a blanket ``except``.
"""

from __future__ import annotations


class KGError(Exception):
    """Base class: a problem the user can fix, reported in one line."""

    exit_code = 1
    http_status = 500


class InputError(KGError):
    """A file or argument cannot be used (missing, a directory, not UTF-8, empty)."""

    exit_code = 2
    http_status = 400


class QuerySyntaxError(KGError):
    """A SPARQL query does not parse."""

    exit_code = 3
    http_status = 400


class QueryRefused(KGError):
    """A query is well formed but not allowed here (an update, SERVICE to a non-listed endpoint)."""

    exit_code = 3
    http_status = 403


class QueryTimeout(KGError):
    """A query ran past its time limit and was stopped."""

    exit_code = 4
    http_status = 503


class ResultTooLarge(KGError):
    """A result has more rows than the configured limit."""

    exit_code = 4
    http_status = 413


class ValidationFailed(KGError):
    """The data breaks the SHACL shapes or contradicts its ontology."""

    exit_code = 5
    http_status = 500


class StoreError(KGError):
    """The store cannot be opened or written (missing build, remote store unreachable)."""

    exit_code = 6
    http_status = 503


class BuildError(KGError):
    """A build could not complete; the previous build is left as it was."""

    exit_code = 7
    http_status = 500


class NotAcceptable(KGError):
    """No representation the client's Accept header allows can be served."""

    exit_code = 2
    http_status = 406


class UnsupportedMediaType(KGError):
    """A request body has a media type (or charset) the endpoint does not take."""

    exit_code = 2
    http_status = 415
