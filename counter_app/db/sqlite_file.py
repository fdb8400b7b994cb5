"""The embedded database on disk: private to the user who runs counter-app, and really SQLite.

The database file is created 0600 before SQLite opens it, because SQLite gives its WAL and
shared-memory files the mode of the database file. A file, WAL or shared-memory file left
readable by others (an older version, a copy) is tightened when this user owns it. The
folder must exist, except the app's own data folder, which is created 0700: a mistyped
path is refused, not silently made. A file that is not SQLite is refused before SQLite
opens it, in one line rather than an error deep inside the first query.
"""

from __future__ import annotations

import os
import stat
import urllib.parse
from pathlib import Path

from sqlalchemy.engine import URL

from ..config import default_data_dir
from ..errors import CounterAppError, ErrorCode
from ..security.keyring import make_private_folder

SQLITE_HEADER = b"SQLite format 3\x00"
HEADER_BYTES = 100
COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")


def sqlite_file_of(url: URL) -> Path | None:
    """The file behind an SQLite URL; None for an in-memory database."""
    database = url.database or ""
    if url.query.get("uri") in ("true", "1"):
        parts = urllib.parse.urlsplit(database)
        if parts.scheme == "file":
            mode = urllib.parse.parse_qs(parts.query).get("mode", [""])[0]
            if mode == "memory" or not parts.path:
                return None
            return Path(urllib.parse.unquote(parts.path))
    if database in ("", ":memory:"):
        return None
    return Path(database)


def prepare_sqlite_file(path: Path) -> None:
    """Make `path` ready for SQLite, private to its owner; DB_FOLDER_MISSING or
    DB_NOT_A_DATABASE when it cannot be."""
    folder = path.absolute().parent
    if folder == default_data_dir().absolute():
        make_private_folder(folder)
        tighten(folder)
    elif not folder.is_dir():
        raise CounterAppError(ErrorCode.DB_FOLDER_MISSING, folder=folder)
    if path.is_dir():
        raise CounterAppError(ErrorCode.DB_NOT_A_DATABASE, path=path)
    _create_private(path)
    _check_header(path)
    for file in (path, *(path.with_name(path.name + suffix) for suffix in COMPANION_SUFFIXES)):
        tighten(file)


def tighten(path: Path) -> None:
    """Take group and other permissions off `path` if it exists and this user owns it."""
    if os.name != "posix":
        return
    try:
        info = path.stat()
    except OSError:
        return
    mode = stat.S_IMODE(info.st_mode)
    if info.st_uid == os.geteuid() and mode & 0o077:
        os.chmod(path, mode & 0o700)


def _create_private(path: Path) -> None:
    """An empty file (SQLite takes it for a new database) with mode 0600 whatever the umask."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    except OSError:
        return  # not ours to create (a read-only folder): SQLite reports it when it opens
    os.close(descriptor)


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as file:
            head = file.read(HEADER_BYTES)
    except OSError:
        return  # unreadable: SQLite reports it when it opens
    if head and (len(head) < HEADER_BYTES or not head.startswith(SQLITE_HEADER)):
        raise CounterAppError(ErrorCode.DB_NOT_A_DATABASE, path=path)
