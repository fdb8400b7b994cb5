"""Full-text search of the voices' text, in Japanese, on each database's own index.

SQLite: the FTS5 table `voices_fts` with the trigram tokenizer answers every word of
three characters or more (each word a quoted phrase: any substring of the text matches).
A word of one or two characters cannot use a trigram index; it is a LIKE over the
voices' text, which SQLite reads in about 25 ms at 100,000 voices.
PostgreSQL: LIKE on `voices.search_text`, which the pg_trgm GIN index answers (short words
scan, as on SQLite).

Words are separated by spaces and must all occur (AND). The index holds the text in NFKC
and lower case (`searchable`), and so are the words: ＡＢＣ, abc and ABC find each other,
as do half- and full-width kana.
The box obeys the resident search's limits (length, words, characters).

Similar voices (while a voice is typed) are candidates sharing trigrams with the text
(FTS5's OR of the text's trigrams ranked by bm25; pg_trgm's `%` ranked by similarity),
kept when their trigram sets overlap enough (Jaccard) — the same measure on both.
"""

from __future__ import annotations

import unicodedata

from sqlalchemy import ColumnElement, and_, func, literal_column, select, text
from sqlalchemy.orm import Session

from ..db.models import Voice
from ..search.limits import check_query, check_word_count, checked_word

MIN_INDEXED_CHARS = 3  # a trigram index needs a word of three characters
SIMILAR_CANDIDATES = 50
SIMILAR_TRIGRAMS = 32  # the text's trigrams offered to FTS5 (the first ones, deduplicated)
SIMILARITY_FLOOR = 0.12


def words_of(query: str) -> list[str]:
    """The query's words as typed; SEARCH_* errors for a box over the limits."""
    check_query(query)
    words = query.split()
    check_word_count(len(words))
    for word in words:
        checked_word(word)
    return words


def text_condition(session: Session, words: list[str]) -> ColumnElement[bool] | None:
    """A condition on Voice for every word, or None when there are none."""
    if not words:
        return None
    sqlite = session.get_bind().dialect.name == "sqlite"
    conditions = [_word_condition(word, sqlite) for word in words]
    return and_(*conditions)


def searchable(text_: str) -> str:
    """The form the index holds and the words are searched in."""
    return unicodedata.normalize("NFKC", text_).lower()


def _word_condition(word: str, sqlite: bool) -> ColumnElement[bool]:
    form = searchable(word)
    if len(form) < MIN_INDEXED_CHARS:
        # No trigram in the word: strpos, not LIKE, so PostgreSQL reads the table rather
        # than the whole pg_trgm index (a GIN "full index scan", seconds at 100,000).
        return (
            func.instr(Voice.search_text, form) > 0
            if sqlite
            else (func.strpos(Voice.search_text, form) > 0)
        )
    if not sqlite:
        return Voice.search_text.like(_contains(form), escape="\\")
    matching = (
        select(literal_column("rowid"))
        .select_from(text("voices_fts"))
        .where(text("voices_fts MATCH :phrase").bindparams(phrase=_phrase(form)))
    )
    return Voice.id.in_(matching.scalar_subquery())


def _phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _contains(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def trigrams(text_: str) -> set[str]:
    return set(_trigram_list(text_))


def similarity(left: set[str], right: set[str]) -> float:
    if not left or not right:
        return 0.0
    return len(left & right) / len(left | right)


def similar_candidates(session: Session, typed: str) -> list[int]:
    """Ids of voices sharing trigrams with `typed`, the likeliest first."""
    grams = list(dict.fromkeys(_trigram_list(typed)))[:SIMILAR_TRIGRAMS]
    if not grams:
        return []
    if session.get_bind().dialect.name == "sqlite":
        statement = text(
            "SELECT rowid FROM voices_fts WHERE voices_fts MATCH :grams "
            "ORDER BY bm25(voices_fts) LIMIT :limit"
        ).bindparams(grams=" OR ".join(_phrase(g) for g in grams), limit=SIMILAR_CANDIDATES)
        return list(session.scalars(statement))
    session.execute(
        select(func.set_config("pg_trgm.similarity_threshold", str(SIMILARITY_FLOOR), True))
    )
    statement = (
        select(Voice.id)
        .where(Voice.search_text.op("%")(searchable(typed)))
        .order_by(func.similarity(Voice.search_text, searchable(typed)).desc())
        .limit(SIMILAR_CANDIDATES)
    )
    return list(session.scalars(statement))


def _trigram_list(text_: str) -> list[str]:
    plain = "".join(searchable(text_).split())
    return [plain[i : i + 3] for i in range(len(plain) - 2)]
