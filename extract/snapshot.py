"""A saved snapshot of the sites (pages by address plus manifest.json), served over loopback HTTP.

`plangap run` reads a snapshot through the same HTTP client as the live web: a threaded
server on 127.0.0.1 serves `/<host>/<path>` with the manifest's encoding label, an ETag and a
Last-Modified header (so conditional requests answer 304), and `rewrite()` maps each registry
address onto it.
"""
from __future__ import annotations

import email.utils
import hashlib
import json
import os
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath
from stat import S_ISLNK
from urllib.parse import unquote, urlsplit


class SnapshotError(Exception):
    """The snapshot folder or its manifest is unusable: names the folder and the reason."""


class SnapshotPathError(SnapshotError):
    """A manifest entry names a file outside the snapshot folder (an absolute path, a `..`
    part, or a symlink that leads out): such an entry is never read."""


def entry_path(folder: Path, file: str, root: Path | None = None) -> Path:
    """The file a manifest entry names, resolved inside `folder` (symlinks followed); raise
    SnapshotPathError when it is absolute, has a `..` part or resolves outside the folder.
    `root`: `folder` resolved already (a caller checking many entries resolves it once)."""
    if not isinstance(file, str) or not file or "\x00" in file:
        raise SnapshotPathError(f"file {file!r} is not a relative path")
    rel = PurePosixPath(file)
    if rel.is_absolute():
        raise SnapshotPathError(f"file {file!r} is an absolute path; entries name files inside the snapshot folder")
    if ".." in rel.parts:
        raise SnapshotPathError(f"file {file!r} has a '..' part; entries name files inside the snapshot folder")
    root = root if root is not None else Path(folder).resolve()
    if not _has_symlink(str(root), rel.parts):
        return root.joinpath(*rel.parts)  # no `..` and no link below a resolved root: it is inside
    path = (root / rel).resolve()
    if path != root and root not in path.parents:
        raise SnapshotPathError(f"file {file!r} leads outside the snapshot folder (a symlink to {path})")
    return path


def _has_symlink(root: str, parts: tuple[str, ...]) -> bool:
    """Whether a component of root/parts is a symbolic link: one lstat a component below the
    resolved root, where resolve() would lstat every component of the whole path (and the root's
    own, again for every entry and every request). A missing component ends the walk: nothing
    below it can be a link."""
    path = root
    for part in parts:
        path = os.path.join(path, part)
        try:
            if S_ISLNK(os.lstat(path).st_mode):
                return True
        except OSError:
            return False
    return False


@dataclass(frozen=True)
class ManifestEntry:
    url: str
    file: str
    kind: str
    region: str | None
    period: str | None
    encoding: str | None
    charset: str | None  # the label the server declares (may differ from the bytes' encoding)


def url_key(url: str) -> str:
    """`https://host/path?q` -> `host/path?q`: the address without its scheme."""
    parts = urlsplit(url)
    key = parts.netloc.lower() + (parts.path or "/")
    return key + (f"?{parts.query}" if parts.query else "")


def read_manifest(folder: Path) -> list[ManifestEntry]:
    path = folder / "manifest.json"
    if not path.is_file():
        raise SnapshotError(f"{folder}: no manifest.json in the snapshot folder")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise SnapshotError(f"{path}: not valid JSON ({err})") from None
    if not isinstance(raw, list):
        raise SnapshotError(f"{path}: expected a list of pages")
    entries = []
    root = folder.resolve()
    for i, item in enumerate(raw):
        if not isinstance(item, dict) or not item.get("url") or not item.get("file") or not item.get("kind"):
            raise SnapshotError(f"{path}: entry {i} lacks url, file or kind")
        try:
            resolved = entry_path(folder, item["file"], root)
        except SnapshotPathError as err:
            raise SnapshotPathError(f"{path}: entry {i} ({item['url']}): {err}") from None
        if not resolved.is_file():
            raise SnapshotError(f"{path}: entry {i} names a missing file {item['file']}")
        entries.append(ManifestEntry(
            url=item["url"], file=item["file"], kind=item["kind"], region=item.get("region"),
            period=item.get("period"), encoding=item.get("encoding"),
            charset=_declared_label(item)))
    return entries


def _declared_label(item: dict) -> str | None:
    # the snapshot's gb18030 pages are served as older sites do: labelled gb2312 (whether or
    # not the entry names a charset); other pages carry the entry's charset, if any
    enc = (item.get("encoding") or "").lower()
    return "gb2312" if enc in ("gb18030", "gbk", "gb2312") else item.get("charset")


def _not_modified(headers, etag: str, mtime: float) -> bool:
    """RFC 9110: If-None-Match decides when present; otherwise If-Modified-Since."""
    inm = headers.get("If-None-Match")
    if inm is not None:
        return inm.strip() == "*" or etag in [t.strip() for t in inm.split(",")]
    ims = headers.get("If-Modified-Since")
    if ims:
        try:
            since = email.utils.parsedate_to_datetime(ims).timestamp()
        except (TypeError, ValueError):
            return False
        return int(mtime) <= since
    return False


class _ETags:
    """The ETag of each served file (its sha256), remembered while the file's identity, size and
    modification time stay the same: a conditional request for an unchanged file is answered
    without reading it (an unchanged rerun asks for every page). A file modified in the last
    few seconds is read every time (as git treats a "racy" index entry): the file system's
    clock is coarse, and a file rewritten twice within one tick, same size, keeps its stamp."""

    RACY_S = 2.0

    def __init__(self) -> None:
        self._known: dict[Path, tuple[tuple[int, int, int, int], str]] = {}
        self._lock = threading.Lock()

    def get(self, path: Path, stat: os.stat_result) -> tuple[bytes | None, str]:
        """(the bytes when they had to be read, else None; the ETag)."""
        stamp = (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)
        with self._lock:
            known = self._known.get(path)
        if known is not None and known[0] == stamp:
            return None, known[1]
        body = path.read_bytes()
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        if time.time() - stat.st_mtime > self.RACY_S:
            with self._lock:
                self._known[path] = (stamp, etag)
        return body, etag


class SnapshotServer:
    """Serve a snapshot folder on 127.0.0.1 (an ephemeral port) in a background thread."""

    def __init__(self, folder: Path, entries: Sequence[ManifestEntry] | None = None):
        """`entries`: the folder's manifest when the caller has read it already."""
        self.folder = Path(folder)
        # keyed without percent-encoding: a client sends /多媒体/a b.html as /%E5%A4%9A.../a%20b.html
        self.entries = {unquote(url_key(e.url)): e for e in (read_manifest(self.folder) if entries is None else entries)}
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def base(self) -> str:
        assert self._httpd is not None, "server not started"
        host, port = self._httpd.server_address[:2]
        host = host.decode() if isinstance(host, bytes) else host
        return f"http://{host}:{port}"

    def rewrite(self, url: str) -> str:
        return f"{self.base}/{url_key(url)}"

    def __enter__(self) -> SnapshotServer:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> None:
        entries, folder, tags = self.entries, self.folder, _ETags()
        root = folder.resolve()

        class Handler(BaseHTTPRequestHandler):
            # keep-alive: a run asks for every page, and a new connection (and server thread) per
            # request was half of an unchanged rerun's fetch
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body are two writes: no 40 ms delayed-ACK wait

            def log_message(self, *args) -> None:  # quiet
                pass

            def do_GET(self) -> None:  # noqa: N802
                key = unquote(self.path.lstrip("/"))
                entry = entries.get(key)
                if entry is None:
                    self.send_error(404, "not in snapshot")
                    return
                try:  # again at every request: a symlink may have been swapped since the manifest was read
                    path = entry_path(folder, entry.file, root)
                    found = path.stat()
                    body, etag = tags.get(path, found)
                except (SnapshotPathError, OSError):
                    self.send_error(403, "not a file of the snapshot")
                    return
                modified = email.utils.formatdate(found.st_mtime, usegmt=True)
                if _not_modified(self.headers, etag, found.st_mtime):
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.send_header("Last-Modified", modified)
                    self.end_headers()
                    return
                if body is None:
                    body = path.read_bytes()
                ctype = "text/html"
                if entry.charset:
                    ctype += f"; charset={entry.charset}"
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", modified)
                self.end_headers()
                self.wfile.write(body)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="snapshot-server", daemon=True)  # quick stop()
        self._thread.start()

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
