"""The CSV layout of a core resident system's export: one row per person, a header row of
Japanese column names (docs/import-format.md). Each column names the field it fills, whether
it is required, how its text is parsed and, for a date, what it means (which dates can be
true). The size limits of any file follow from the layout."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import Enum

from . import fields
from .fields import Parser

# Where a column's value goes: the person's row, their household's row, or the My Number table.
RESIDENT, HOUSEHOLD, MY_NUMBER = "resident", "household", "my_number"


class Dated(Enum):
    """What a date column means, hence which dates can be true (all on or after 明治元年)."""

    BIRTH = "birth"  # not after today
    PAST = "past"  # something that happened: not after today, not before the birth date
    FUTURE = "future"  # an expiry: may lie ahead


@dataclass(frozen=True)
class Column:
    name: str
    field: str
    parse: Parser
    required: bool = False
    target: str = RESIDENT
    dated: Dated | None = None


COLUMNS: tuple[Column, ...] = (
    Column("宛名番号", "atena_no", fields.digits(10), required=True),
    Column("住民票コード", "juminhyo_code", fields.digits(11)),
    Column("世帯番号", "household_no", fields.digits_up_to(16), required=True, target=HOUSEHOLD),
    Column("続柄", "relationship_to_head", fields.text(20), required=True),
    Column("氏（漢字）", "surname_kanji", fields.text(40), required=True),
    Column("名（漢字）", "given_name_kanji", fields.text(40), required=True),
    Column("氏（カナ）", "surname_kana", fields.kana(60), required=True),
    Column("名（カナ）", "given_name_kana", fields.kana(60), required=True),
    Column("旧氏（漢字）", "old_surname", fields.text(40)),
    Column("旧氏（カナ）", "old_surname_kana", fields.kana(60)),
    Column("生年月日", "birth_date", fields.iso_date, required=True, dated=Dated.BIRTH),
    Column("性別", "sex", fields.sex, required=True),
    Column("郵便番号", "postal_code", fields.postal_code, target=HOUSEHOLD),
    Column("住所", "address", fields.text(200), required=True, target=HOUSEHOLD),
    Column("方書", "katagaki", fields.text(100), target=HOUSEHOLD),
    Column("本籍", "honseki", fields.text(200)),
    Column("筆頭者", "hittosha", fields.text(80)),
    Column("住民となった日", "became_resident_on", fields.iso_date, dated=Dated.PAST),
    Column("住定日", "address_since", fields.iso_date, dated=Dated.PAST),
    Column("届出日", "notified_on", fields.iso_date, dated=Dated.PAST),
    Column("前住所", "previous_address", fields.text(200)),
    Column("異動事由", "last_change_reason", fields.text(20)),
    Column("異動日", "last_change_on", fields.iso_date, dated=Dated.PAST),
    Column("選挙人名簿登録", "voter_registered", fields.flag),
    Column("電話番号", "contact_phone", fields.phone),
    Column("個人番号", "my_number", fields.my_number, target=MY_NUMBER),
    Column("国籍", "nationality", fields.text(40)),
    Column("在留資格", "residence_status", fields.text(40)),
    Column("在留カード番号", "residence_card_number", fields.residence_card),
    Column("在留期間満了日", "period_of_stay_until", fields.iso_date, dated=Dated.FUTURE),
)

# The longest item of the layout is 200 characters (住所, 本籍, 前住所). No cell of the file,
# of our columns or of those the import ignores, may be longer than CELL_LIMIT: five times
# that, room for spaces around a value and for a core system's own columns, while a cell
# beyond it can only be a broken file (an unclosed quote swallowing the rows after it).
CELL_LIMIT = 1_000
# The header may name the core system's own columns too, up to COLUMN_LIMIT in all.
COLUMN_LIMIT = 100
# A row (one line, or several when a quoted cell holds line breaks) holds at most
# COLUMN_LIMIT cells of CELL_LIMIT characters, each quoted with its quotes doubled.
ROW_LIMIT = COLUMN_LIMIT * (2 * CELL_LIMIT + 3)

# The household's columns, compared between the members of one household.
HOUSEHOLD_ADDRESS_COLUMNS = ("郵便番号", "住所", "方書")


def header_key(name: str) -> str:
    """Header names match whatever the width of their brackets and spaces: 氏(漢字) = 氏（漢字）."""
    return unicodedata.normalize("NFKC", name).replace(" ", "")


COLUMNS_BY_KEY = {header_key(column.name): column for column in COLUMNS}
