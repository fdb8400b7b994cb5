"""みどり市, a fictional city in Tokyo: its towns, school districts, houses and blocks of flats.

Addresses are written 町名 + 漢数字の丁目 + 番 + 号, e.g. 東京都みどり市桜町二丁目14番3号.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Address
from .randomness import Dice, WeightedTable

PREFECTURE = "東京都"
CITY = "みどり市"
# 全国地方公共団体コード with its check digit; 13999 is unused, so it never matches a real place.
LOCAL_GOVERNMENT_CODE = "139998"
KANJI_NUMBERS = ("", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")
ELEMENTARY_SCHOOLS = 12
JUNIOR_HIGH_SCHOOLS = 6
OPEN_BUILDINGS = 12

# 町名, the stem used in building names, number of 丁目
TOWN_TABLE = """
桜町 桜 4|緑町 緑 3|本町 本町 5|栄町 栄 3|旭町 旭 3|若葉台 若葉 4|青葉台 青葉 3|東町 東 4|西町 西 3
|南町 南 3|北町 北 2|中央 中央 5|富士見町 富士見 3|日の出町 日の出 2|松が丘 松が丘 3|梅が丘 梅が丘 3
|柏木 柏木 4|宮前 宮前 2|大原 大原 3|清水町 清水 2|泉町 泉 3|朝日町 朝日 3|野川 野川 5|弥生町 弥生 3
|幸町 幸 2|若宮 若宮 3|春日町 春日 4|平和台 平和台 3|緑が丘 緑が丘 4|花園 花園 3|上原 上原 4
|下原 下原 3|新町 新町 5|仲町 仲町 3|美住町 美住 2|萩山 萩山 4
"""

LOW_RISE_PATTERNS = ("コーポ{}", "ハイツ{}", "{}ハイツ", "{}荘", "メゾン{}", "ヴィラ{}")
HIGH_RISE_PATTERNS = (
    "パークサイド{}",
    "グランシャリオ{}",
    "{}レジデンス",
    "サンハイム{}",
    "シャトー{}",
    "エクセル{}",
    "メゾン{}",
)
LOW_RISE_FLOORS = 3

# Places people moved from, nearer ones more often; the town names are ones most cities have.
ELSEWHERE = WeightedTable(
    [
        ("東京都八王子市", 6),
        ("東京都立川市", 5),
        ("東京都世田谷区", 5),
        ("東京都杉並区", 4),
        ("東京都練馬区", 4),
        ("東京都町田市", 4),
        ("神奈川県横浜市港北区", 4),
        ("神奈川県川崎市中原区", 3),
        ("神奈川県相模原市中央区", 3),
        ("埼玉県さいたま市浦和区", 3),
        ("埼玉県所沢市", 3),
        ("千葉県船橋市", 2),
        ("千葉県千葉市中央区", 2),
        ("大阪府大阪市北区", 2),
        ("愛知県名古屋市中区", 2),
        ("北海道札幌市中央区", 2),
        ("宮城県仙台市青葉区", 2),
        ("福岡県福岡市博多区", 2),
        ("新潟県新潟市中央区", 1),
        ("静岡県静岡市葵区", 1),
        ("長野県長野市", 1),
        ("広島県広島市中区", 1),
        ("茨城県水戸市", 1),
        ("栃木県宇都宮市", 1),
        ("群馬県前橋市", 1),
        ("山梨県甲府市", 1),
        ("福島県郡山市", 1),
        ("岩手県盛岡市", 1),
        ("秋田県秋田市", 1),
        ("熊本県熊本市中央区", 1),
        ("鹿児島県鹿児島市", 1),
        ("沖縄県那覇市", 1),
        ("京都府京都市左京区", 1),
        ("兵庫県神戸市中央区", 1),
    ]
)
GENERIC_TOWNS = ("本町", "中央", "栄町", "旭町", "緑町", "錦町", "東町", "幸町", "寿町", "元町")


@dataclass(frozen=True, slots=True)
class Town:
    number: int
    name: str
    stem: str
    chome: int
    postal_code: str
    elementary_school: str
    junior_high_school: str


def _school(number: int, kind: str) -> str:
    return f"みどり第{KANJI_NUMBERS[number]}{kind}"


def _towns() -> list[Town]:
    rows = [entry.split() for entry in TOWN_TABLE.replace("\n", "").split("|")]
    return [
        Town(
            number=index + 1,
            name=name,
            stem=stem,
            chome=int(chome),
            postal_code=f"189-{index + 11:04d}",
            elementary_school=_school(1 + index * ELEMENTARY_SCHOOLS // len(rows), "小学校"),
            junior_high_school=_school(1 + index * JUNIOR_HIGH_SCHOOLS // len(rows), "中学校"),
        )
        for index, (name, stem, chome) in enumerate(rows)
    ]


TOWNS = _towns()


class _Building:
    __slots__ = ("lot", "name", "rooms", "town")

    def __init__(self, town: Town, lot: tuple[int, int, int], name: str, rooms: list[str]) -> None:
        self.town = town
        self.lot = lot
        self.name = name
        self.rooms = rooms


class AddressBook:
    """Hands out homes: a lot of its own for a house, a free room in a block of flats."""

    def __init__(self, dice: Dice) -> None:
        self._dice = dice
        self._towns = WeightedTable((town, town.chome) for town in TOWNS)
        self._building_names: dict[str, int] = {}
        self._buildings = [self._new_building() for _ in range(OPEN_BUILDINGS)]

    def home(self, apartment: bool) -> Address:
        if not apartment:
            town = self._towns.pick(self._dice)
            return self._address(town, self._lot(town), None)
        slot = self._dice.below(OPEN_BUILDINGS)
        building = self._buildings[slot]
        rooms = building.rooms
        index = self._dice.below(len(rooms))
        rooms[index], rooms[-1] = rooms[-1], rooms[index]
        room = rooms.pop()
        if not rooms:
            self._buildings[slot] = self._new_building()
        return self._address(building.town, building.lot, f"{building.name} {room}号室")

    def somewhere_in_city(self) -> str:
        town = self._towns.pick(self._dice)
        return self._address(town, self._lot(town), None).address

    def somewhere_else(self) -> str:
        dice = self._dice
        chome = dice.between(1, 5)
        return (
            f"{ELSEWHERE.pick(dice)}{dice.pick(GENERIC_TOWNS)}{KANJI_NUMBERS[chome]}丁目"
            f"{dice.between(1, 30)}番{dice.between(1, 25)}号"
        )

    def honseki_elsewhere(self) -> str:
        dice = self._dice
        return f"{ELSEWHERE.pick(dice)}{dice.pick(GENERIC_TOWNS)}{dice.between(1, 3000)}番地"

    def _lot(self, town: Town) -> tuple[int, int, int]:
        dice = self._dice
        return dice.between(1, town.chome), dice.between(1, 45), dice.between(1, 28)

    def _address(self, town: Town, lot: tuple[int, int, int], katagaki: str | None) -> Address:
        chome, ban, go = lot
        place = f"{PREFECTURE}{CITY}{town.name}{KANJI_NUMBERS[chome]}丁目"
        return Address(
            postal_code=town.postal_code,
            address=f"{place}{ban}番{go}号",
            katagaki=katagaki,
            address_code=f"{LOCAL_GOVERNMENT_CODE}{town.number:04d}{chome:03d}",
            school_district=f"{town.elementary_school}・{town.junior_high_school}",
            elementary_school=town.elementary_school,
            junior_high_school=town.junior_high_school,
            town_number=town.number,
            lot=f"{place}{ban}番地",
        )

    def _new_building(self) -> _Building:
        dice = self._dice
        town = self._towns.pick(dice)
        floors = 2 + int(dice.random() ** 2 * 9)
        per_floor = dice.between(3, 8)
        patterns = LOW_RISE_PATTERNS if floors <= LOW_RISE_FLOORS else HIGH_RISE_PATTERNS
        name = dice.pick(patterns).format(town.stem)
        seen = self._building_names.get(name, 0) + 1
        self._building_names[name] = seen
        if seen > 1:
            name = f"第{seen}{name}"
        rooms = [
            f"{floor}{room:02d}"
            for floor in range(1, floors + 1)
            for room in range(1, per_floor + 1)
        ]
        return _Building(town, self._lot(town), name, rooms)
