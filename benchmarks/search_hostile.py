"""Inputs typed to hurt the resident search, by class (used by benchmarks/search.py).

- refused: what once took 33 s or raised (13 mixed kana/kanji words, 10,000 characters,
  NUL, a lone surrogate, a pattern SQLite called too complex) and more of the same;
  each must be refused at once with its message.
- many-words: MAX_WORDS words of every kind, and mixed.
- long-words: words of MAX_WORD_CHARS characters of every kind, and a full box.
- unselective: one-character prefixes of the commonest initials, kana against kanji,
  that match many residents each and almost none together.
- substrings: address fragments that start no address, alone and with common names.
"""

from __future__ import annotations

import random

from sqlalchemy import Engine, func, select

from counter_app.db.models import Household, Resident
from counter_app.search.limits import MAX_QUERY_CHARS, MAX_WORD_CHARS, MAX_WORDS


def hostile_corpus(engine: Engine, rng: random.Random) -> dict[str, list[str]]:
    kana, kanji, city = _common_initials(engine)
    return {
        "refused": _refused(),
        "many-words": _many_words(kana, kanji),
        "long-words": _long_words(city),
        "unselective": _unselective(kana, kanji, rng),
        "substrings": _substrings(kana),
    }


def _common_initials(engine: Engine) -> tuple[list[str], list[str], str]:
    with engine.connect() as connection:

        def top(column) -> list[str]:
            initial = func.substr(column, 1, 1)
            rows = connection.execute(
                select(initial).group_by(initial).order_by(func.count().desc()).limit(8)
            )
            return [row[0] for row in rows]

        city = connection.scalar(select(func.min(Household.address_key)))
        return top(Resident.kana_key), top(Resident.name_key), city[:7]


def _refused() -> list[str]:
    mixed = " ".join(["た", "高"] * 7)[: 2 * 13 - 1]
    return [
        mixed,  # 13 words: 33 s before
        "高" * 10_000,
        "たかはし " * 2_000,
        "桜町2-14" + "%_" * 5_000,  # an address fragment SQLite refused as too complex
        "あ" * 100_000,
        "たかはし\x00はなこ",
        "たかはし\ud800",
        "\ud83d",
        "髙橋\u202e花子",
        "高橋\u200b",
        "\x1b[31mたかはし",
        "\ufeffたかはし",
        "たかはし\U000e0001",
        "1" * (MAX_WORD_CHARS + 1),
        "㍿" * (MAX_WORD_CHARS // 2),  # within the limit as typed, over it once normalised
        " ".join(["1"] * (MAX_WORDS + 1)),
    ]


def _many_words(kana: list[str], kanji: list[str]) -> list[str]:
    def words(*choices: str) -> str:
        return " ".join((list(choices) * MAX_WORDS)[:MAX_WORDS])

    return [
        words(kana[0], kanji[0]),
        words(kanji[0], kana[0]),
        words(*kana),
        words(*kanji),
        words("S60.8.22", "1985-08-22"),
        words("1"),
        words("-1", "-2", "-3"),
        words("0312345678"),
        words("09012345678"),
        words("10459608"),
        words("a", "b"),
        words("090-1234-5678"),
        words("メゾン", "号室"),
        words(kana[0], kanji[0], "S60.8.22", "-1", "0312345678", "a"),
    ]


def _long_words(city: str) -> list[str]:
    def filled(unit: str, length: int = MAX_WORD_CHARS) -> str:
        return (unit * length)[:length]

    return [
        filled("ア"),
        filled("た"),
        filled("高"),
        filled("1"),
        filled("0"),
        filled("桜町2-14-"),
        filled("二丁目14番3号"),
        city + filled("桜町2-14-", MAX_WORD_CHARS - len(city)),
        filled("X"),
        filled("-"),
        filled("%"),
        filled("_/"),
        " ".join([filled("ア", MAX_QUERY_CHARS // 2 - 1)] * 2),
        " ".join([filled("1-", MAX_QUERY_CHARS // 2 - 1)] * 2),
    ]


def _unselective(kana: list[str], kanji: list[str], rng: random.Random) -> list[str]:
    inputs = [f"{k} {j}" for k in kana[:4] for j in kanji[:4]]
    inputs += [f"{j} {k}" for k in kana[4:] for j in kanji[4:]]
    for _ in range(16):
        picked = [rng.choice(kana) if i % 2 else rng.choice(kanji) for i in range(3)]
        inputs.append(" ".join(picked))
    return inputs


def _substrings(kana: list[str]) -> list[str]:
    return [
        "9-9-9",
        "99-99",
        "-0-0",
        "ゾ",
        "号室",
        "ン",
        "ヴ桜",
        "桜町9丁目",
        f"{kana[0]} 99-99",
        f"{kana[0]} -0-0",
        f"さとう {kana[1]} 9-9-9",
        "9-9-9 99-99 -0-0 ヴ桜",
        "ゾ ン ヴ 号室 9-9-9 99-99",
    ]
