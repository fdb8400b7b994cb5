"""Hostile input gets a clear error or a bounded search, and a database error in a search
is a search error: each fault once found, on SQLite and PostgreSQL where it matters."""

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, event, text

from counter_app.db.engine import Database, make_engine
from counter_app.errors import CounterAppError, ErrorCode
from counter_app.messages import message_for
from counter_app.search.limits import MAX_QUERY_CHARS, MAX_WORD_CHARS, MAX_WORDS
from counter_app.search.query import parse_query
from counter_app.search.service import ResidentSearch
from tests.postgres import free_port
from tests.search.conftest import CLERK, TODAY


def refusal(register, typed: str) -> CounterAppError:
    with pytest.raises(CounterAppError) as caught:
        register.search(CLERK, typed)
    return caught.value


def parse_refusal(typed: str) -> CounterAppError:
    with pytest.raises(CounterAppError) as caught:
        parse_query(typed, TODAY)
    return caught.value


def test_each_input_that_once_failed_gets_its_message(register):
    """13 mixed words took 33 s on a million residents; 10,000 characters raised "LIKE or
    GLOB pattern too complex" or "Expression tree is too large" (shown as a lost
    database); NUL and a lone surrogate raised in the database driver."""
    for typed, code in [
        (" ".join(["た", "高"] * 7)[:25], ErrorCode.SEARCH_TOO_MANY_WORDS),
        ("高" * 10_000, ErrorCode.SEARCH_TOO_LONG),
        ("桜町2-14" + "%_" * 5_000, ErrorCode.SEARCH_TOO_LONG),
        ("たかはし\x00はなこ", ErrorCode.SEARCH_CHARACTER),
        ("たかはし\ud800", ErrorCode.SEARCH_CHARACTER),
        ("桜" * (MAX_WORD_CHARS + 1), ErrorCode.SEARCH_WORD_TOO_LONG),
    ]:
        assert refusal(register, typed).code is code, typed[:20]


def test_the_limits_are_in_the_messages():
    words = parse_refusal(" ".join(["た", "高"] * 7)[:25])
    assert words.params == {"count": 13, "maximum": MAX_WORDS}
    assert f"{MAX_WORDS}語まで" in message_for(words, "ja")
    assert f"at most {MAX_WORDS} words" in message_for(words, "en")
    box = parse_refusal("あ " * 101)
    assert box.params == {"length": 202, "maximum": MAX_QUERY_CHARS}
    assert f"{MAX_QUERY_CHARS}文字まで" in message_for(box, "ja")
    assert f"at most {MAX_QUERY_CHARS} characters" in message_for(box, "en")
    word = parse_refusal("1" * (MAX_WORD_CHARS + 1))
    assert f"{MAX_WORD_CHARS}文字まで" in message_for(word, "ja")
    # 50 ㍿ are 200 characters once normalised (株式会社)
    assert parse_refusal("㍿" * 50).code is ErrorCode.SEARCH_WORD_TOO_LONG


@pytest.mark.parametrize(
    ("typed", "code_point", "position"),
    [
        ("たかはし\x00はなこ", "U+0000", 5),
        ("たかはし\ud800", "U+D800", 5),
        ("\udfff", "U+DFFF", 1),
        ("髙橋\u202e花子", "U+202E", 3),
        ("高橋\u200b", "U+200B", 3),
        ("\x1b[31mたかはし", "U+001B", 1),
        ("たかはし \x1f はなこ", "U+001F", 6),
        ("\U000e0001", "U+E0001", 1),
        ("た\U0010ffff", "U+10FFFF", 2),
    ],
)
def test_invisible_characters_are_refused_by_code_point_never_echoed(typed, code_point, position):
    error = parse_refusal(typed)
    assert error.code is ErrorCode.SEARCH_CHARACTER
    assert error.params == {"code_point": code_point, "position": position}
    for language in ("ja", "en"):
        message = message_for(error, language)
        assert code_point in message
        assert typed[position - 1] not in message


def test_tabs_and_line_breaks_separate_words(register):
    assert [hit.name for hit in register.search(CLERK, "たかはし\tはな\r\n")] == ["髙橋\u3000花子"]


def test_statements_per_search_are_bounded_whatever_is_typed(register_app):
    """A search costs at most four statements (estimate, two driven, details), where 13
    mixed words once cost 8,192 (33 s on a million residents)."""
    search = ResidentSearch(register_app.db, today=lambda: TODAY)
    search.search(CLERK, "桜町")  # the city's address prefix is read once
    statements: list[str] = []
    event.listen(register_app.engine, "before_cursor_execute", _record(statements))
    for typed in [
        " ".join(["た", "高"] * 6),
        " ".join(["高", "た"] * 6),
        " ".join(["たかはし", "高橋", "S60.8.22", "桜町2-14", "14-3", "0312345678"] * 2),
        " ".join(["1"] * MAX_WORDS),
        " ".join(f"-{n}" for n in range(MAX_WORDS)),
        " ".join(["09012345678", "0312345678"] * 6),
        " ".join(["メゾン", "号室", "ハイツ"] * 4),
        "%_" * (MAX_WORD_CHARS // 2),
    ]:
        statements.clear()
        search.search(CLERK, typed)
        selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
        assert len(selects) <= 4, typed


def _record(statements: list[str]):
    def record(conn, cursor, statement, *args) -> None:
        statements.append(statement)

    return record


def test_wildcards_are_plain_characters(register):
    assert register.search(CLERK, "%") == []
    assert register.search(CLERK, "_") == []
    assert register.search(CLERK, "%_" * (MAX_WORD_CHARS // 2)) == []
    assert len(register.search(CLERK, "14-3")) == 2


def test_a_database_error_in_a_search_is_a_search_error_not_an_outage(
    register, register_app, database_url, caplog
):
    """SQLite refusing the statement (the expression depth it allows, as once for 10,000
    characters) or PostgreSQL giving up on a lock: the search failed, the database is
    there."""
    with (
        search_breaker(register_app.engine, database_url),
        caplog.at_level(logging.ERROR, logger="counter_app.search.service"),
    ):
        error = refusal(register, "たかはし 桜町2-14")
    assert error.code is ErrorCode.SEARCH_FAILED
    assert "resident search failed" in caplog.text
    assert "Expression tree is too large" in caplog.text or "lock timeout" in caplog.text
    assert "タカハシ" not in caplog.text and "桜町" not in caplog.text
    # and once the cause is gone the same search works
    assert len(register.search(CLERK, "たかはし 桜町2-14")) == 2


@contextmanager
def search_breaker(engine, url: str) -> Iterator[None]:
    """New connections refuse the search's statements (SQLite: an expression depth of 6)
    or time out on a table another connection holds (PostgreSQL)."""
    if engine.dialect.name == "sqlite":
        hook = _shallow_expressions
        locker = None
    else:
        hook = _short_lock_timeout
        locker = create_engine(url)
    event.listen(engine, "connect", hook)
    engine.dispose()
    try:
        if locker is None:
            yield
        else:
            with locker.connect() as holder:
                holder.execute(text("LOCK TABLE residents IN ACCESS EXCLUSIVE MODE"))
                yield
                holder.rollback()
    finally:
        event.remove(engine, "connect", hook)
        engine.dispose()
        if locker is not None:
            locker.dispose()


def _shallow_expressions(dbapi_connection, _record) -> None:
    dbapi_connection.setlimit(sqlite3.SQLITE_LIMIT_EXPR_DEPTH, 6)


def _short_lock_timeout(dbapi_connection, _record) -> None:
    with dbapi_connection.cursor() as cursor:
        cursor.execute("SET lock_timeout = '200ms'")


def test_a_database_that_cannot_be_reached_is_still_an_outage(tmp_path):
    for url, code in [
        (f"sqlite:///{tmp_path / 'no folder' / 'city.sqlite3'}", ErrorCode.DB_UNREACHABLE),
        (f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/city", ErrorCode.DB_UNREACHABLE),
    ]:
        engine = create_engine(url) if url.startswith("sqlite") else make_engine(url)
        search = ResidentSearch(Database(engine), today=lambda: TODAY)
        with pytest.raises(CounterAppError) as caught:
            search.search(CLERK, "たかはし")
        assert caught.value.code is code, url
        engine.dispose()
