"""Reading the export file as text: UTF-8 with or without BOM, or CP932 (Shift_JIS with the
NEC and IBM extensions, as Windows-based core systems write it).

The file is never held whole: `check_encoding` reads it once in blocks to choose the
encoding and count its lines, then `ExportFile.open` gives the text stream the validation
reads line by line."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn, TextIO

from ..errors import CounterAppError, ErrorCode

ENCODINGS = ("auto", "utf-8", "cp932")
_BOM = b"\xef\xbb\xbf"
_BLOCK = 1 << 20


@dataclass(frozen=True)
class ExportFile:
    path: Path
    encoding: str  # the codec: utf-8, utf-8-sig or cp932
    line_breaks: int

    def open(self) -> TextIO:
        return self.path.open(encoding=self.encoding, newline="")


@dataclass(frozen=True)
class _DecodeError:
    offset: int  # of the first byte that does not decode
    line: int


def check_encoding(path: Path, encoding: str = "auto") -> ExportFile:
    """The file and the encoding it is in. `auto`: a BOM means UTF-8; bytes that are valid
    UTF-8 are UTF-8; anything else is CP932. Undecodable bytes raise IMPORT_ENCODING with
    their line; anything but a regular file raises IMPORT_NOT_A_FILE."""
    try:
        if not path.is_file():
            raise CounterAppError(ErrorCode.IMPORT_NOT_A_FILE, path=path)
        with path.open("rb") as file:
            starts_with_bom = file.read(len(_BOM)) == _BOM
    except OSError as exc:
        raise CounterAppError(
            ErrorCode.IMPORT_FILE_UNREADABLE, path=path, detail=exc.strerror or str(exc)
        ) from exc
    if encoding in ("auto", "utf-8"):
        utf8 = "utf-8-sig" if starts_with_bom else "utf-8"
        error, line_breaks = _scan(path, utf8)
        if error is None:
            return ExportFile(path, utf8, line_breaks)
        if encoding == "utf-8" or starts_with_bom:
            _raise(path, "utf-8", error)
        cp932_error, line_breaks = _scan(path, "cp932")
        if cp932_error is None:
            return ExportFile(path, "cp932", line_breaks)
        # Neither: name the one that read further, most likely the file's own.
        if error.offset > cp932_error.offset:
            _raise(path, "utf-8", error)
        _raise(path, "cp932", cp932_error)
    error, line_breaks = _scan(path, encoding)
    if error is not None:
        _raise(path, encoding, error)
    return ExportFile(path, encoding, line_breaks)


def _scan(path: Path, encoding: str) -> tuple[_DecodeError | None, int]:
    """Decode the file block by block: the first error, and the line breaks counted."""
    decoder = codecs.getincrementaldecoder(encoding)()
    offset = line_breaks = 0
    try:
        with path.open("rb") as file:
            while block := file.read(_BLOCK):
                try:
                    decoder.decode(block)
                except UnicodeDecodeError as exc:
                    return _located(exc, offset, len(block), line_breaks), line_breaks
                offset += len(block)
                line_breaks += block.count(b"\n")
            try:
                decoder.decode(b"", final=True)
            except UnicodeDecodeError as exc:
                return _located(exc, offset, 0, line_breaks), line_breaks
    except OSError as exc:
        raise CounterAppError(
            ErrorCode.IMPORT_FILE_UNREADABLE, path=path, detail=exc.strerror or str(exc)
        ) from exc
    return None, line_breaks


def _located(
    exc: UnicodeDecodeError, offset: int, block_size: int, line_breaks: int
) -> _DecodeError:
    """`exc.object` is the bytes the decoder held back from earlier blocks (an unfinished
    character, never a line break) followed by the block."""
    held_back = len(exc.object) - block_size
    return _DecodeError(
        offset=offset - held_back + exc.start,
        line=line_breaks + exc.object.count(b"\n", 0, exc.start) + 1,
    )


def _raise(path: Path, encoding: str, error: _DecodeError) -> NoReturn:
    raise CounterAppError(ErrorCode.IMPORT_ENCODING, path=path, encoding=encoding, line=error.line)
