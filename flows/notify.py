"""The nightly flow's on_failure hook: a failed run sends a short email with its reason
(publish/failure_notice.py) through the run's SMTP settings, read from the environment when the
hook runs (never flow parameters, which Prefect stores)."""
from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from plangap.publish.failure_notice import notify_failure

_log = logging.getLogger("plangap.flows")


def failure_reason(state: Any) -> str:
    """The one-line reason of a failed flow state: its exception's message, else the state's."""
    try:
        exc = state.result(raise_on_failure=False)
    except Exception:  # a result that cannot be read: the state's own message says enough
        exc = None
    if isinstance(exc, BaseException):
        return f"{type(exc).__name__}: {exc}" if not str(exc) else str(exc)
    return str(getattr(state, "message", "") or "the run failed")


def on_failure_notify(analyst_copy: Path | None) -> Callable[[Any, Any, Any], None]:
    """The hook for one run: send the failure notice, log what happened to it."""

    def hook(flow: Any, flow_run: Any, state: Any) -> None:
        outcome = notify_failure(failure_reason(state), getattr(flow_run, "name", None), analyst_copy)
        _log.log(logging.WARNING if outcome.failed else logging.INFO, outcome.line)

    return hook
