"""Typed errors of the warehouse package."""
from __future__ import annotations


class WarehouseError(Exception):
    """Base class of every error the warehouse raises."""


class MigrationError(WarehouseError):
    """A migration file is malformed, changed after being applied, or failed to apply."""


class LoadError(WarehouseError):
    """Rows could not be loaded (bad input or a failed transaction)."""


class UnknownPageError(LoadError):
    """A page id or url that the warehouse does not hold."""

    def __init__(self, what: object) -> None:
        super().__init__(f"unknown page: {what}")
        self.what = what


class QueryError(WarehouseError):
    """A read-only query failed or the warehouse file cannot be opened."""


class CopyError(WarehouseError):
    """The analyst copy could not be written."""
