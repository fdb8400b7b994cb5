"""Staff letters: anyone proposes, colleagues support and comment, 業務改革担当 decides
with a reason that every member of staff reads. On SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from counter_app.errors import CounterAppError, ErrorCode
from counter_app.permissions import RoleCode
from counter_app.voices import Channel, LetterStatus, VoiceDraft, VoiceKind
from tests import helpers
from tests.visits import login


@pytest.fixture
def staff(database_url):
    app = helpers.open_app(database_url)
    people = {
        "clerk": login(app, "madoguchi", RoleCode.WINDOW_CLERK),
        "floor": login(app, "floor", RoleCode.FLOOR_MANAGER),
        "kodomo": login(app, "kodomo1", RoleCode.BACK_OFFICE, departments=("kodomo",)),
        "reform": login(app, "kaikaku", RoleCode.REFORM_OFFICER),
        "supervisor": login(app, "kantoku", RoleCode.SUPERVISOR),
    }
    yield app, people
    app.close()


def test_a_letter_is_supported_commented_and_decided_in_the_open(staff):
    app, people = staff
    voice = app.voices.record(
        people["clerk"],
        VoiceDraft(VoiceKind.COMPLAINT, Channel.WINDOW, "昼休みに窓口が混む", ("shimin",)),
    )
    letter = app.letters.write(
        people["clerk"], "昼休みの窓口を増やす", "12時台だけ窓口を二つ増やす。", [voice.id]
    )
    assert (letter.status, letter.voice_ids, letter.supporters) == (
        LetterStatus.RECEIVED,
        (voice.id,),
        0,
    )
    assert not letter.may_support
    assert app.letters.support(people["clerk"], letter.id).supporters == 0, "not one's own"
    assert app.letters.get(people["floor"], letter.id).may_support
    app.letters.support(people["floor"], letter.id)
    app.letters.support(people["floor"], letter.id)
    assert app.letters.support(people["kodomo"], letter.id).supporters == 2
    assert app.letters.support(people["kodomo"], letter.id, supported=False).supporters == 1
    app.letters.comment(people["kodomo"], letter.id, "子育て支援課も同じ時間帯が混みます")

    with pytest.raises(CounterAppError) as denied:
        app.letters.move(people["supervisor"], letter.id, LetterStatus.CONSIDERING, "検討")
    assert denied.value.code is ErrorCode.PERMISSION_DENIED
    with pytest.raises(CounterAppError) as no_reason:
        app.letters.move(people["reform"], letter.id, LetterStatus.CONSIDERING, "  ")
    assert no_reason.value.code is ErrorCode.LETTER_REASON_REQUIRED
    with pytest.raises(CounterAppError) as skipped:
        app.letters.move(people["reform"], letter.id, LetterStatus.IMPLEMENTED, "実施")
    assert skipped.value.code is ErrorCode.LETTER_MOVE_INVALID
    app.letters.move(people["reform"], letter.id, LetterStatus.CONSIDERING, "来月の会議で検討")
    app.letters.move(people["reform"], letter.id, LetterStatus.ADOPTED, "1月から試行")

    seen = app.letters.get(people["floor"], letter.id)
    assert seen.status is LetterStatus.ADOPTED and seen.status_reason == "1月から試行"
    assert [(t.from_status, t.to_status, t.reason) for t in seen.transitions] == [
        (LetterStatus.RECEIVED, LetterStatus.CONSIDERING, "来月の会議で検討"),
        (LetterStatus.CONSIDERING, LetterStatus.ADOPTED, "1月から試行"),
    ]
    assert [(c.author_name, c.text) for c in seen.comments] == [
        ("試験 太郎", "子育て支援課も同じ時間帯が混みます")
    ]
    assert seen.moves == frozenset() and seen.supported_by_me
    assert app.letters.get(people["reform"], letter.id).moves == {LetterStatus.IMPLEMENTED}


def test_the_list_puts_the_most_supported_first_and_filters_by_status(staff):
    app, people = staff
    quiet = app.letters.write(people["clerk"], "案内板", "案内板を大きく")
    popular = app.letters.write(people["clerk"], "記載台", "記載台を低く")
    app.letters.support(people["floor"], popular.id)
    assert [x.id for x in app.letters.list(people["kodomo"])] == [popular.id, quiet.id]
    app.letters.move(people["reform"], quiet.id, LetterStatus.REJECTED, "予算がない")
    rejected = app.letters.list(people["kodomo"], LetterStatus.REJECTED)
    assert [x.id for x in rejected] == [quiet.id]


def test_bad_letters_are_refused_and_the_transitions_cannot_be_rewritten(staff):
    app, people = staff
    for title, body, code in (
        ("", "本文", ErrorCode.VOICE_TEXT_REQUIRED),
        ("件名", "", ErrorCode.VOICE_TEXT_REQUIRED),
        ("件" * 201, "本文", ErrorCode.VOICE_TEXT_TOO_LONG),
    ):
        with pytest.raises(CounterAppError) as refused:
            app.letters.write(people["clerk"], title, body)
        assert refused.value.code is code
    with pytest.raises(CounterAppError) as unknown_voice:
        app.letters.write(people["clerk"], "件名", "本文", [999])
    assert unknown_voice.value.code is ErrorCode.VOICE_NOT_FOUND
    with pytest.raises(CounterAppError) as missing:
        app.letters.get(people["clerk"], 999)
    assert missing.value.code is ErrorCode.LETTER_NOT_FOUND
    letter = app.letters.write(people["clerk"], "件名", "本文")
    app.letters.move(people["reform"], letter.id, LetterStatus.REJECTED, "重複")
    with pytest.raises(DBAPIError), app.engine.begin() as connection:
        connection.execute(text("UPDATE letter_transitions SET reason = '別の理由'"))
