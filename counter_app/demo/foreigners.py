"""Foreign residents (住基法30条の45): nationality, 在留資格, names as on the residence card.

Names are kept as the residence card gives them: in kanji for Chinese, Korean and
Taiwanese residents, in capital letters otherwise, with a katakana reading.
"""

from __future__ import annotations

from dataclasses import dataclass

from .families import PersonFactory, add_children, married_pair, single_marital
from .model import FEMALE, HEAD, MALE, Household, Occupation, Person, Shape
from .randomness import Dice, WeightedTable

FAMILY_SHARE = 0.38
FAMILY_WITH_CHILDREN_SHARE = 0.7
FLAT_SHARE = 0.85
SINGLE_MEN_SHARE = 0.55
PUBLIC_ASSISTANCE_SHARE = 0.03

TECH = "技術・人文知識・国際業務"
STATUS_AGES: dict[str, tuple[float, float, float]] = {
    "技能実習": (19.0, 35.0, 24.0),
    "特定技能": (20.0, 42.0, 28.0),
    "留学": (18.7, 31.0, 22.0),
    TECH: (22.0, 50.0, 31.0),
    "経営・管理": (28.0, 65.0, 42.0),
    "永住者": (25.0, 80.0, 46.0),
    "定住者": (20.0, 65.0, 38.0),
    "特別永住者": (20.0, 95.0, 60.0),
}
STATUS_OCCUPATION = {
    "技能実習": Occupation.EMPLOYEE,
    "特定技能": Occupation.EMPLOYEE,
    TECH: Occupation.EMPLOYEE,
    "経営・管理": Occupation.SELF_EMPLOYED,
    "留学": Occupation.STUDENT,
}
DEPENDANT_STATUS = {
    TECH: "家族滞在",
    "経営・管理": "家族滞在",
    "永住者": "永住者の配偶者等",
    "定住者": "定住者",
    "特別永住者": "特別永住者",
}
# Only these statuses can receive 生活保護 (by administrative practice, not by right).
SETTLED_STATUSES = ("永住者", "定住者", "特別永住者", "永住者の配偶者等")
# Longest period of stay granted; permanent statuses have none.
STAY_YEARS = {
    "技能実習": 2.0,
    "特定技能": 3.0,
    "留学": 2.25,
    TECH: 5.0,
    "経営・管理": 5.0,
    "家族滞在": 5.0,
    "定住者": 5.0,
    "永住者の配偶者等": 5.0,
}


def _names(text: str) -> tuple[tuple[str, str], ...]:
    return tuple(tuple(entry.split(":")) for entry in text.split("|"))  # type: ignore[misc]


@dataclass(frozen=True, slots=True)
class Nationality:
    name: str  # 国籍・地域 as the register prints it
    country: str  # how a previous address abroad is written
    surnames: tuple[tuple[str, str], ...]
    male_names: tuple[tuple[str, str], ...]
    female_names: tuple[tuple[str, str], ...]
    wife_keeps_surname: bool
    single_statuses: WeightedTable[str]
    family_statuses: WeightedTable[str]


def _nationality(
    name: str,
    country: str,
    surnames: str,
    male: str,
    female: str,
    wife_keeps_surname: bool,
    single: dict[str, float],
    family: dict[str, float],
) -> Nationality:
    return Nationality(
        name,
        country,
        _names(surnames),
        _names(male),
        _names(female),
        wife_keeps_surname,
        WeightedTable(single.items()),
        WeightedTable(family.items()),
    )


_WEIGHTED_NATIONALITIES: list[tuple[Nationality, float]] = [
    (
        _nationality(
            "中国",
            "中華人民共和国",
            "王:ワン|李:リー|張:チャン|劉:リウ|陳:チェン|楊:ヤン|趙:チャオ|黄:ホワン|周:チョウ"
            "|呉:ウー|徐:シュー|孫:スン|馬:マー|朱:チュー|胡:フー|林:リン|郭:グオ|何:ホー",
            "偉:ウェイ|強:チャン|磊:レイ|軍:ジュン|洋:ヤン|勇:ヨン|傑:ジエ|涛:タオ|明:ミン"
            "|超:チャオ|浩然:ハオラン|子軒:ズーシュエン|宇航:ユーハン",
            "芳:ファン|娜:ナー|敏:ミン|静:ジン|麗:リー|艶:イエン|娟:ジュエン|霞:シア|雪:シュエ"
            "|婷:ティン|欣怡:シンイー|梓涵:ズーハン",
            True,
            {"留学": 30, TECH: 35, "技能実習": 8, "特定技能": 7, "永住者": 20},
            {"永住者": 45, TECH: 35, "経営・管理": 15, "定住者": 5},
        ),
        30,
    ),
    (
        _nationality(
            "ベトナム",
            "ベトナム社会主義共和国",
            "NGUYEN:グエン|TRAN:チャン|LE:レ|PHAM:ファム|HOANG:ホアン|VU:ヴ|DANG:ダン"
            "|BUI:ブイ|DO:ド|NGO:ゴ",
            "VAN NAM:ヴァン・ナム|DUC ANH:ドゥック・アイン|MINH TUAN:ミン・トゥアン"
            "|VAN HUNG:ヴァン・フン|QUANG HUY:クアン・フイ|THANH LONG:タイン・ロン"
            "|VAN DUC:ヴァン・ドゥック",
            "THI LAN:ティ・ラン|THI HUONG:ティ・フオン|THU TRANG:トゥ・チャン"
            "|NGOC ANH:ゴック・アイン|THI MAI:ティ・マイ|THI HANG:ティ・ハン"
            "|PHUONG THAO:フオン・タオ",
            True,
            {"技能実習": 35, "特定技能": 30, "留学": 15, TECH: 20},
            {"永住者": 30, TECH: 50, "定住者": 20},
        ),
        20,
    ),
    (
        _nationality(
            "韓国",
            "大韓民国",
            "金:キム|李:イ|朴:パク|崔:チェ|鄭:チョン|姜:カン|趙:チョ|尹:ユン|張:チャン|林:イム",
            "民俊:ミンジュン|成浩:ソンホ|英洙:ヨンス|在勲:ジェフン|東賢:ドンヒョン|志勲:ジフン"
            "|正浩:ジョンホ|相佑:サンウ",
            "智恩:ジウン|秀妍:スヨン|恵珍:ヘジン|美英:ミヨン|恩恵:ウネ|知賢:ジヒョン|瑞妍:ソヨン"
            "|英姫:ヨンヒ",
            True,
            {TECH: 30, "留学": 25, "永住者": 15, "特別永住者": 30},
            {"永住者": 35, "特別永住者": 45, TECH: 20},
        ),
        12,
    ),
    (
        _nationality(
            "フィリピン",
            "フィリピン共和国",
            "SANTOS:サントス|REYES:レイエス|CRUZ:クルス|GARCIA:ガルシア|BAUTISTA:バウティスタ"
            "|MENDOZA:メンドーサ|DELA CRUZ:デラ・クルス|RAMOS:ラモス",
            "JOSE:ホセ|MARK ANTHONY:マーク・アンソニー|JOHN PAUL:ジョン・ポール"
            "|MICHAEL:マイケル|JERICHO:ジェリコ|RAFAEL:ラファエル",
            "MARIA CRISTINA:マリア・クリスティーナ|JOY:ジョイ|ANGELICA:アンジェリカ"
            "|MARICEL:マリセル|ROSALIE:ロザリー|JENNIFER:ジェニファー",
            False,
            {"技能実習": 20, "特定技能": 20, "永住者": 35, "定住者": 25},
            {"永住者": 55, "定住者": 45},
        ),
        10,
    ),
    (
        _nationality(
            "ネパール",
            "ネパール",
            "GURUNG:グルン|SHRESTHA:シュレスタ|TAMANG:タマン|RAI:ライ|THAPA:タパ"
            "|MAGAR:マガル|ADHIKARI:アディカリ",
            "BIKASH:ビカス|RAJESH:ラジェシュ|SURAJ:スラジ|ANIL:アニル|RAMESH:ラメシュ"
            "|SANTOSH:サントシュ",
            "SITA:シタ|ANITA:アニタ|SUNITA:スニタ|PUJA:プジャ|SARITA:サリタ|GITA:ギタ",
            False,
            {"留学": 50, TECH: 25, "特定技能": 15, "永住者": 10},
            {TECH: 40, "経営・管理": 25, "永住者": 35},
        ),
        7,
    ),
    (
        _nationality(
            "ブラジル",
            "ブラジル連邦共和国",
            "SILVA:シルバ|SANTOS:サントス|OLIVEIRA:オリベイラ|SOUZA:ソウザ|PEREIRA:ペレイラ"
            "|COSTA:コスタ|RODRIGUES:ロドリゲス|ALMEIDA:アルメイダ",
            "LUCAS:ルーカス|GABRIEL:ガブリエル|RAFAEL:ハファエル|MATHEUS:マテウス"
            "|PEDRO:ペドロ|BRUNO:ブルーノ",
            "ANA:アナ|JULIANA:ジュリアナ|BEATRIZ:ベアトリス|FERNANDA:フェルナンダ"
            "|CAMILA:カミラ|LARISSA:ラリッサ",
            False,
            {"定住者": 55, "永住者": 45},
            {"定住者": 50, "永住者": 50},
        ),
        6,
    ),
    (
        _nationality(
            "インドネシア",
            "インドネシア共和国",
            "SAPUTRA:サプトラ|WIJAYA:ウィジャヤ|SETIAWAN:セティアワン|PRATAMA:プラタマ"
            "|HIDAYAT:ヒダヤット|NUGROHO:ヌグロホ",
            "ADI:アディ|RIZKY:リズキ|AGUS:アグス|BUDI:ブディ|DIMAS:ディマス",
            "PUTRI:プトゥリ|DEWI:デウィ|SITI:シティ|RINA:リナ|AYU:アユ",
            True,
            {"技能実習": 45, "特定技能": 40, "留学": 10, TECH: 5},
            {"永住者": 40, TECH: 60},
        ),
        5,
    ),
    (
        _nationality(
            "インド",
            "インド",
            "SHARMA:シャルマ|SINGH:シン|KUMAR:クマール|PATEL:パテル|GUPTA:グプタ|REDDY:レッディ",
            "RAHUL:ラフル|AMIT:アミット|VIKRAM:ヴィクラム|ARJUN:アルジュン|SURESH:スレシュ",
            "PRIYA:プリヤ|NEHA:ネハ|ANANYA:アナニャ|DIVYA:ディヴィヤ|POOJA:プージャ",
            False,
            {TECH: 80, "留学": 15, "永住者": 5},
            {TECH: 80, "永住者": 20},
        ),
        4,
    ),
    (
        _nationality(
            "台湾",
            "台湾",
            "陳:チェン|林:リン|黄:ホワン|張:チャン|李:リー|王:ワン|呉:ウー|劉:リウ|蔡:ツァイ|楊:ヤン",
            "志明:ジーミン|家豪:ジアハオ|建宏:ジエンホン|俊傑:ジュンジエ|冠宇:グアンユー",
            "怡君:イージュン|雅婷:ヤーティン|淑芬:シューフェン|佳穎:ジアイン|詩涵:シーハン",
            True,
            {TECH: 50, "留学": 30, "永住者": 20},
            {"永住者": 50, TECH: 40, "経営・管理": 10},
        ),
        3,
    ),
    (
        _nationality(
            "米国",
            "アメリカ合衆国",
            "SMITH:スミス|JOHNSON:ジョンソン|BROWN:ブラウン|MILLER:ミラー|DAVIS:デイビス"
            "|WILSON:ウィルソン|TAYLOR:テイラー|ANDERSON:アンダーソン",
            "JAMES:ジェームズ|DAVID:デイビッド|DANIEL:ダニエル|MICHAEL:マイケル"
            "|ROBERT:ロバート|CHRISTOPHER:クリストファー",
            "EMILY:エミリー|SARAH:サラ|JESSICA:ジェシカ|JENNIFER:ジェニファー"
            "|ELIZABETH:エリザベス|ASHLEY:アシュリー",
            False,
            {TECH: 60, "永住者": 30, "留学": 10},
            {"永住者": 50, TECH: 50},
        ),
        3,
    ),
]
NATIONALITIES = WeightedTable(_WEIGHTED_NATIONALITIES)
NATIONALITY_BY_NAME = {nationality.name: nationality for nationality, _ in _WEIGHTED_NATIONALITIES}


def plan_foreign_household(dice: Dice, make: PersonFactory) -> Household:
    nationality = NATIONALITIES.pick(dice)
    if dice.chance(FAMILY_SHARE):
        status = nationality.family_statuses.pick(dice)
        low, high, mode = STATUS_AGES[status]
        members = married_pair(dice, make, dice.triangular(max(low, 24.0), high, max(mode, 33.0)))
        earner = members[0] if members[0].sex == MALE else members[1]
        if dice.chance(FAMILY_WITH_CHILDREN_SHARE):
            add_children(dice, make, members, earner, earner.spouse)
        shape = Shape.FOREIGN_FAMILY
    else:
        status = nationality.single_statuses.pick(dice)
        sex = MALE if dice.chance(SINGLE_MEN_SHARE) else FEMALE
        earner = make(HEAD, sex, dice.triangular(*STATUS_AGES[status]))
        earner.marital = single_marital(dice, earner.age, earner.sex)
        members = [earner]
        shape = Shape.FOREIGN_SINGLE
    _give_statuses(dice, make, members, earner, status, nationality.name)
    return Household(
        shape=shape,
        members=members,
        apartment=dice.chance(FLAT_SHARE),
        public_assistance=status in SETTLED_STATUSES and dice.chance(PUBLIC_ASSISTANCE_SHARE),
        nationality=nationality.name,
    )


def _give_statuses(
    dice: Dice,
    make: PersonFactory,
    members: list[Person],
    earner: Person,
    status: str,
    nationality: str,
) -> None:
    """The earner holds `status`; the family holds the matching dependant status."""
    dependant_status = DEPENDANT_STATUS.get(status, status)
    stay_years = STAY_YEARS.get(status) or STAY_YEARS.get(dependant_status)
    stay_until = make.calendar.years_ahead(dice.uniform(0.1, stay_years)) if stay_years else None
    for person in members:
        person.nationality = nationality
        if person is earner:
            person.residence_status = status
            person.occupation = STATUS_OCCUPATION.get(status)
        else:
            person.residence_status = dependant_status
            if dependant_status == "家族滞在" and person.spouse is earner:
                person.occupation = Occupation.HOMEMAKER
        if person.residence_status in STAY_YEARS:
            person.period_of_stay_until = stay_until
