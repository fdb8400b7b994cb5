"""Reading the export file into text: UTF-8 with or without BOM, or CP932 (Shift_JIS with
the NEC and IBM extensions, as Windows-based core systems write it)."""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

from ..errors import CounterAppError, ErrorCode

ENCODINGS = ("auto", "utf-8", "cp932")
_BOM = b"\xef\xbb\xbf"


def read_text(path: Path, encoding: str = "auto") -> tuple[str, str]:
    """(text, encoding used). `auto`: a BOM means UTF-8; bytes that are valid UTF-8 are UTF-8;
    anything else is CP932. Undecodable bytes raise IMPORT_ENCODING with their line."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CounterAppError(
            ErrorCode.IMPORT_FILE_UNREADABLE, path=path, detail=exc.strerror or str(exc)
        ) from exc
    if encoding == "auto":
        if data.startswith(_BOM):
            return _decode(path, data, "utf-8-sig"), "utf-8-sig"
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as not_utf8:
            try:
                return data.decode("cp932"), "cp932"
            except UnicodeDecodeError as not_cp932:
                # Neither: name the one that read further, most likely the file's own.
                if not_utf8.start > not_cp932.start:
                    _raise(path, data, "utf-8", not_utf8)
                _raise(path, data, "cp932", not_cp932)
    if encoding == "utf-8":
        used = "utf-8-sig" if data.startswith(_BOM) else "utf-8"
        return _decode(path, data, used), used
    return _decode(path, data, encoding), encoding


def _decode(path: Path, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        _raise(path, data, "utf-8" if encoding == "utf-8-sig" else encoding, exc)


def _raise(path: Path, data: bytes, encoding: str, exc: UnicodeDecodeError) -> NoReturn:
    line = data.count(b"\n", 0, exc.start) + 1
    raise CounterAppError(
        ErrorCode.IMPORT_ENCODING, path=path, encoding=encoding, line=line
    ) from exc
