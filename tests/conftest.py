"""Shared fixtures: one session-wide Prefect test harness, the bundled snapshot served on
loopback, and fresh warehouse paths. Nothing here reads ../shared."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ROOT / "snapshot"

# quiet and offline Prefect/GX for every test process
for _key, _value in (("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "300"),
                     ("PREFECT_LOGGING_LEVEL", "WARNING"),
                     ("PREFECT_SERVER_ANALYTICS_ENABLED", "false"),
                     ("DO_NOT_TRACK", "1"), ("GX_ANALYTICS_ENABLED", "false")):
    os.environ.setdefault(_key, _value)


@pytest.fixture(scope="session")
def prefect_harness(tmp_path_factory):
    """A temporary Prefect server for the whole session (about 20 s, paid once; up to 300 s allowed on a busy machine)."""
    os.environ["PREFECT_HOME"] = str(tmp_path_factory.mktemp("prefect-home"))
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=300):
        yield


@pytest.fixture
def snapshot_copy(tmp_path) -> Path:
    """A writable copy of the bundled snapshot, for tests that change pages."""
    dest = tmp_path / "snapshot"
    shutil.copytree(SNAPSHOT, dest)
    for p in dest.rglob("*"):
        p.chmod(0o644 if p.is_file() else 0o755)
    return dest


@pytest.fixture
def settings(tmp_path, monkeypatch):
    """Settings pointing at a fresh warehouse and report folder under tmp_path."""
    from plangap.config import load_settings

    monkeypatch.setenv("PLANGAP_ANALYST_COPY", str(tmp_path / "data" / "plangap-latest.duckdb"))
    return load_settings(db=str(tmp_path / "data" / "plangap.duckdb"), reports=str(tmp_path / "data" / "reports"))


class SmtpInbox:
    """What a real SMTP server on 127.0.0.1 (aiosmtpd) received: (from, recipients, bytes)."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


def free_port() -> int:
    import socket

    with socket.socket() as s:  # aiosmtpd cannot take port 0: find a free one first
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server():
    """A real SMTP server on 127.0.0.1: yields (inbox, port)."""
    from aiosmtpd.controller import Controller

    inbox = SmtpInbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield inbox, controller.port
    controller.stop()
