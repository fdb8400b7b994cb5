"""Parsing one CSV cell into the value stored: each parser returns the value or raises
FieldError with an error code (counter_app.errors) and its parameters."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date

from ..demo.mynumber import is_valid_my_number
from ..errors import ErrorCode
from ..search.keys import is_kana

Parser = Callable[[str], object]

_HIRAGANA_TO_KATAKANA = {code: code + 0x60 for code in range(ord("ぁ"), ord("ゖ") + 1)}
_DATE_SEPARATED = re.compile(r"(\d{4})([-/])(\d{1,2})\2(\d{1,2})")
_DATE_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_POSTAL_CODE = re.compile(r"(\d{3})-?(\d{4})")
_PHONE = re.compile(r"[0-9][0-9-]*[0-9]")
_RESIDENCE_CARD = re.compile(r"[A-Z]{2}\d{8}[A-Z]{2}")
SEXES = {"男": "男", "女": "女", "1": "男", "2": "女"}
HEAD = "世帯主"


class FieldError(Exception):
    def __init__(self, code: ErrorCode, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def text(maximum: int) -> Parser:
    def parse(value: str) -> str:
        if len(value) > maximum:
            raise FieldError(ErrorCode.IMPORT_TOO_LONG, value=value, maximum=maximum)
        return value

    return parse


def digits(length: int) -> Parser:
    """Exactly `length` half-width digits, kept as text (leading zeros matter)."""

    def parse(value: str) -> str:
        if len(value) != length or not (value.isascii() and value.isdigit()):
            raise FieldError(ErrorCode.IMPORT_BAD_DIGITS, value=value, digits=length)
        return value

    return parse


def digits_up_to(maximum: int) -> Parser:
    def parse(value: str) -> str:
        if len(value) > maximum or not (value.isascii() and value.isdigit()):
            raise FieldError(ErrorCode.IMPORT_NOT_DIGITS, value=value, maximum=maximum)
        return value

    return parse


def iso_date(value: str) -> date:
    """YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD; an impossible day (2月30日) is refused."""
    match = _DATE_SEPARATED.fullmatch(value)
    parts = (match.group(1), match.group(3), match.group(4)) if match else None
    if parts is None and (compact := _DATE_COMPACT.fullmatch(value)):
        parts = compact.groups()
    if parts is None or not value.isascii():
        raise FieldError(ErrorCode.IMPORT_BAD_DATE, value=value)
    try:
        return date(*map(int, parts))
    except ValueError:
        raise FieldError(ErrorCode.IMPORT_BAD_DATE, value=value) from None


def sex(value: str) -> str:
    try:
        return SEXES[value]
    except KeyError:
        raise FieldError(ErrorCode.IMPORT_BAD_SEX, value=value) from None


def kana(maximum: int) -> Parser:
    """Katakana as stored: hiragana and half-width ｶﾀｶﾅ are normalised to full-width katakana;
    spaces and 「・」 are allowed (foreign names), anything else is refused."""

    def parse(value: str) -> str:
        normalised = unicodedata.normalize("NFKC", value).translate(_HIRAGANA_TO_KATAKANA)
        if not is_kana(normalised):
            raise FieldError(ErrorCode.IMPORT_BAD_KANA, value=value)
        return text(maximum)(normalised)

    return parse


def my_number(value: str) -> str:
    if not is_valid_my_number(value):
        raise FieldError(ErrorCode.IMPORT_BAD_MY_NUMBER)
    return value


def _pattern(pattern: re.Pattern[str], example: str) -> Parser:
    def parse(value: str) -> str:
        if not (value.isascii() and pattern.fullmatch(value)):
            raise FieldError(ErrorCode.IMPORT_BAD_FORMAT, value=value, example=example)
        return value

    return parse


def postal_code(value: str) -> str:
    """1234567 or 123-4567, stored as 123-4567."""
    match = _POSTAL_CODE.fullmatch(value) if value.isascii() else None
    if match is None:
        raise FieldError(ErrorCode.IMPORT_BAD_FORMAT, value=value, example="123-4567")
    return f"{match.group(1)}-{match.group(2)}"


def phone(value: str) -> str:
    """Half-width digits and hyphens, 10 or 11 digits in all (fixed line or mobile)."""
    checked = _pattern(_PHONE, "042-123-4567")(value)
    if len(value.replace("-", "")) not in (10, 11) or len(value) > 20:
        raise FieldError(ErrorCode.IMPORT_BAD_FORMAT, value=value, example="042-123-4567")
    return checked


residence_card = _pattern(_RESIDENCE_CARD, "AB12345678CD")


def flag(value: str) -> bool:
    if value not in ("0", "1"):
        raise FieldError(ErrorCode.IMPORT_BAD_CHOICE, value=value, choices="0, 1")
    return value == "1"
