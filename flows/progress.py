"""Stage results as they happen, for whoever listens: the command line shows a run's progress
from them (plangap/output.py RunProgress). The stages call `done(stage, record)` with the record
they return; nothing listens unless a caller asked to, and a listener's error never fails a run.
"""
from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator

log = logging.getLogger(__name__)

Listener = Callable[[str, object], None]
_LISTENERS: list[Listener] = []


@contextlib.contextmanager
def listening(listener: Listener) -> Iterator[None]:
    """Call `listener(stage, record)` for every stage that completes while the block runs."""
    _LISTENERS.append(listener)
    try:
        yield
    finally:
        _LISTENERS.remove(listener)


def done(stage: str, record: object) -> None:
    """A stage completed with `record` (its return value): tell the listeners."""
    for listener in tuple(_LISTENERS):
        try:
            listener(stage, record)
        except Exception as err:  # showing progress must never stop a run
            log.debug("progress listener failed on %s: %s", stage, err)
