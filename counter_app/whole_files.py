"""Files written whole or not at all: a PDF, a CSV or a spreadsheet is made in a temporary
file beside its target and moved over it in one step, so a full disk, a killed process or
a failed render never leaves half a file where the user looks for it. The file is
readable by its owner only (it may hold figures or forms of the office)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_whole(path: Path, write: Callable[[Path], None], *, make_folder: bool = False) -> None:
    """`write(temporary)`, then the temporary file replaces `path`. A missing folder is an
    error (the user chose a place that is not there) unless `make_folder`."""
    if make_folder:
        path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        with temporary.open("rb") as written:  # on the disk before it takes the name
            os.fsync(written.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_bytes_whole(path: Path, data: bytes, *, make_folder: bool = False) -> None:
    write_whole(path, lambda temporary: temporary.write_bytes(data), make_folder=make_folder)
