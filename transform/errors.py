"""Typed errors of the transform layer. Each names its source and the reason in one line."""
from __future__ import annotations


class TransformError(Exception):
    """Base class: `str(err)` is the one-line message the CLI prints."""

    def __init__(self, source: str, reason: str):
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class DecodeError(TransformError):
    """The bytes are not text in any encoding the page or its server declares."""


class ParseError(TransformError):
    """The text is not a page plangap can read (no article body, empty, ...)."""


class TooLargeError(TransformError):
    """The input is larger than the limit on what is parsed (PLANGAP_MAX_PAGE_BYTES)."""
