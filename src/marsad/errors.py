"""Every exception Marsad raises, in one place.

Hierarchy::

    MarsadError
    ├── InputError            an input (file, record, page) cannot be used
    │   └── RejectedInput     carries a machine-readable ``reason`` (see REJECTION_REASONS)
    ├── ConfigError           a bad option, path or environment value
    ├── ModelError            a shipped model is missing or unreadable
    ├── StageError            an analysis stage failed on one document (a bug)
    ├── StoreError            the database refused an operation
    └── QueryError            a search query cannot be understood

Callers that process batches catch :class:`RejectedInput`, record it and go on;
everything else is a bug or a configuration problem and should surface.
"""

from __future__ import annotations

#: Reasons an input can be rejected; shown to the user and stored with failures.
REJECTION_REASONS: dict[str, str] = {
    "empty": "the input holds no text",
    "binary": "the input is binary data, not text",
    "undecodable": "the bytes cannot be decoded as text in any supported encoding",
    "not_arabic": "the text is not Arabic (another language or another Arabic-script language)",
    "too_large": "the input exceeds the size limit",
    "malformed": "the input is not valid for its format",
    "no_article": "no article text could be extracted",
    "duplicate": "the article is already stored",
    "unsupported": "the input format is not supported",
    "not_found": "the path does not exist",
    "internal_error": "an analysis stage failed on this article (a bug: please report it)",
    "not_html": "the record is not an HTML page (an image, a script, a PDF…)",
    "http_status": "the server answered with a status other than 200 OK",
    "truncated": "the input ends in the middle of a record (an interrupted download or crawl)",
    "fetch_failed": "the URL could not be fetched (network error, timeout, too many redirects)",
    "robots_disallowed": "the site's robots.txt forbids fetching this URL",
}


class MarsadError(Exception):
    """Base class of all Marsad errors."""


class InputError(MarsadError):
    """An input cannot be used."""


class RejectedInput(InputError):
    """An input was rejected for a known reason; the batch it belongs to goes on.

    ``origin`` names the file, URL or record; ``reason`` is a key of REJECTION_REASONS;
    ``detail`` says what exactly was wrong (a line number, a byte offset, a size).
    """

    def __init__(self, origin: str, reason: str, detail: str = "") -> None:
        if reason not in REJECTION_REASONS:
            raise ValueError(f"unknown rejection reason {reason!r}")
        self.origin = origin
        self.reason = reason
        self.detail = detail
        message = f"{origin}: rejected ({reason}): {REJECTION_REASONS[reason]}"
        if detail:
            message += f" [{detail}]"
        super().__init__(message)


class ConfigError(MarsadError):
    """A bad option, path or environment value."""


class ModelError(MarsadError):
    """A shipped model is missing or unreadable; reinstall the package."""


class StageError(MarsadError):
    """An analysis stage raised on one document. Batch callers record it as that input's
    ``internal_error`` and go on; the message names the stage, the document and the cause."""

    def __init__(self, stage: str, doc_id: str, cause: BaseException) -> None:
        self.stage = stage
        self.doc_id = doc_id
        super().__init__(
            f"stage {stage!r} failed on document {doc_id}: {type(cause).__name__}: {cause}"
        )


class StoreError(MarsadError):
    """The store refused an operation."""


class QueryError(MarsadError):
    """A search query cannot be understood; the message says how to fix it."""
