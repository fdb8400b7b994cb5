"""Residents' voices: recorded by anyone, routed to the departments concerned, worked from
their inboxes with every step logged, found by any two consecutive characters, and
linked to a resident only with consent. On SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from counter_app.app import CounterApp
from counter_app.clock import LOCAL_ZONE, business_day, utcnow
from counter_app.db.models import AuditEntry, Resident
from counter_app.errors import CounterAppError, ErrorCode
from counter_app.permissions import Actor, RoleCode
from counter_app.queue.calls import CallService
from counter_app.queue.tickets import TicketService
from counter_app.voices import (
    Channel,
    ReplyMethod,
    RoutingStatus,
    VoiceDraft,
    VoiceFilter,
    VoiceKind,
    VoiceStatus,
    label,
)
from tests import helpers
from tests.changes.test_feed import Collector, listening
from tests.visits import load_sc01, login


@dataclass
class Office:
    app: CounterApp
    clerk: Actor
    floor: Actor
    shimin: Actor
    kodomo: Actor
    kodomo2: Actor
    supervisor: Actor


@pytest.fixture
def office(database_url) -> Iterator[Office]:
    app = helpers.open_app(database_url)
    yield Office(
        app=app,
        clerk=login(app, "madoguchi", RoleCode.WINDOW_CLERK),
        floor=login(app, "floor", RoleCode.FLOOR_MANAGER),
        shimin=login(app, "shimin1", RoleCode.BACK_OFFICE, departments=("shimin",)),
        kodomo=login(app, "kodomo1", RoleCode.BACK_OFFICE, departments=("kodomo",)),
        kodomo2=login(app, "kodomo2", RoleCode.BACK_OFFICE, departments=("kodomo",)),
        supervisor=login(app, "kantoku", RoleCode.SUPERVISOR),
    )
    app.close()


def draft(
    text: str = "待ち時間が長すぎる。番号が呼ばれるまで一時間かかった。", **given
) -> VoiceDraft:
    values = {
        "kind": VoiceKind.COMPLAINT,
        "channel": Channel.WINDOW,
        "text": text,
        "departments": ("shimin",),
        "topics": ("waiting",),
    }
    values.update(given)
    return VoiceDraft(**values)


def test_a_voice_goes_to_each_department_concerned_due_in_the_citys_days(office):
    voice = office.app.voices.record(office.floor, draft(departments=("shimin", "kodomo")))
    assert voice.status is VoiceStatus.OPEN
    assert [r.department_id for r in voice.routings] == ["shimin", "kodomo"]
    due = business_day(voice.recorded_at) + timedelta(days=14)
    assert all(r.due_on == due and r.status is RoutingStatus.ROUTED for r in voice.routings)
    for actor, department in ((office.shimin, "shimin"), (office.kodomo, "kodomo")):
        inbox = office.app.voices.inbox(actor, department)
        assert [(v.id, r.department_id) for v, r in inbox] == [(voice.id, department)]
        assert inbox[0][1].actions == frozenset({"claimed"})
    with pytest.raises(CounterAppError) as refused:
        office.app.voices.inbox(office.shimin, "kodomo")
    assert refused.value.code is ErrorCode.VISIT_OTHER_DEPARTMENT


def test_claim_answer_close_are_held_by_one_person_and_logged(office):
    voices = office.app.voices
    voice = voices.record(office.clerk, draft(departments=("kodomo", "shimin")))
    kodomo_routing = next(r.id for r in voice.routings if r.department_id == "kodomo")
    shimin_routing = next(r.id for r in voice.routings if r.department_id == "shimin")
    voices.claim(office.kodomo, kodomo_routing)
    with pytest.raises(CounterAppError) as twice:
        voices.claim(office.kodomo2, kodomo_routing)
    assert twice.value.code is ErrorCode.VOICE_STATE
    with pytest.raises(CounterAppError) as not_holder:
        voices.answer(office.kodomo2, kodomo_routing, "横取り")
    assert not_holder.value.code is ErrorCode.VISIT_NOT_HOLDER
    with pytest.raises(CounterAppError) as clerk:
        voices.claim(office.clerk, kodomo_routing)
    assert clerk.value.code is ErrorCode.VISIT_OTHER_DEPARTMENT
    with pytest.raises(CounterAppError) as early:
        voices.close(office.kodomo, kodomo_routing)
    assert early.value.code is ErrorCode.VOICE_STATE

    answered = voices.answer(
        office.kodomo, kodomo_routing, "お詫びし、混雑状況を説明した。", "昼の窓口を増やした"
    )
    routing = next(r for r in answered.routings if r.id == kodomo_routing)
    assert (routing.status, routing.answer, routing.change_made) == (
        RoutingStatus.ANSWERED,
        "お詫びし、混雑状況を説明した。",
        "昼の窓口を増やした",
    )
    after_kodomo = voices.close(office.kodomo, kodomo_routing)
    assert after_kodomo.status is VoiceStatus.OPEN, "市民課 has not closed it yet"
    voices.claim(office.shimin, shimin_routing)
    voices.answer(office.shimin, shimin_routing, "案内表示を改善する。")
    closed = voices.close(office.shimin, shimin_routing, "完了")
    assert closed.status is VoiceStatus.CLOSED

    history = voices.history(office.floor, voice.id)
    assert [(a.login, a.department_id, a.action) for a in history] == [
        ("madoguchi", "kodomo", "recorded"),
        ("madoguchi", "shimin", "recorded"),
        ("kodomo1", "kodomo", "claimed"),
        ("kodomo1", "kodomo", "answered"),
        ("kodomo1", "kodomo", "closed"),
        ("shimin1", "shimin", "claimed"),
        ("shimin1", "shimin", "answered"),
        ("shimin1", "shimin", "closed"),
    ]
    assert history[3].note == "お詫びし、混雑状況を説明した。"


def test_only_a_supervisor_reassigns_and_only_to_the_departments_staff(office):
    voices = office.app.voices
    routing = voices.record(office.clerk, draft(departments=("kodomo",))).routings[0].id
    with pytest.raises(CounterAppError) as denied:
        voices.reassign(office.kodomo, routing, office.kodomo2.user_id)
    assert denied.value.code is ErrorCode.PERMISSION_DENIED
    with pytest.raises(CounterAppError) as outsider:
        voices.reassign(office.supervisor, routing, office.shimin.user_id)
    assert outsider.value.code is ErrorCode.VISIT_ASSIGNEE_INVALID
    moved = voices.reassign(office.supervisor, routing, office.kodomo2.user_id)
    assert moved.routings[0].holder_login == "kodomo2"
    assert voices.history(office.clerk, moved.id)[-1].note == "kodomo2"


def test_the_action_log_refuses_change(office):
    office.app.voices.record(office.clerk, draft())
    with pytest.raises(DBAPIError), office.app.engine.begin() as connection:
        connection.execute(text("UPDATE voice_actions SET login = 'someone'"))
    with pytest.raises(DBAPIError), office.app.engine.begin() as connection:
        connection.execute(text("DELETE FROM voice_actions"))


def test_a_voice_recorded_on_one_pc_reaches_the_departments_inbox_on_another_live(
    office, database_url
):
    other_pc = helpers.open_app(database_url)
    collector = Collector()
    listener = listening(other_pc.db, collector)
    try:
        voice = office.app.voices.record(office.clerk, draft(departments=("kodomo",)))
        changes = collector.wait_for(1)
        assert [(c.topic, c.entity_id, c.department_id) for c in changes] == [
            ("voice", str(voice.id), "kodomo")
        ]
        kodomo_pc = other_pc.auth.login("kodomo1", helpers_password(), other_pc.terminal)
        assert [v.id for v, _ in other_pc.voices.inbox(kodomo_pc, "kodomo")] == [voice.id]
        office.app.voices.claim(office.kodomo, voice.routings[0].id)
        assert [c.topic for c in collector.wait_for(2)] == ["voice", "voice"]
        assert other_pc.voices.get(office.clerk, voice.id).routings[0].status is (
            RoutingStatus.CLAIMED
        )
    finally:
        listener.stop()
        other_pc.close()


def helpers_password() -> str:
    from tests.visits import PASSWORD

    return PASSWORD


SEARCHED = "窓口の案内表示が分かりにくく、駐車場の場所も迷った。"


def test_any_two_consecutive_characters_of_the_text_find_the_voice(office):
    voices = office.app.voices
    wanted = voices.record(office.clerk, draft(SEARCHED, kind=VoiceKind.REQUEST))
    voices.record(
        office.clerk, draft("職員の対応が丁寧でした。ありがとう。", kind=VoiceKind.THANKS)
    )
    voices.record(office.clerk, draft("証明書の手数料を電子マネーで払いたい。"))
    for start in range(len(SEARCHED) - 1):
        for length in (2, 3, 5):
            piece = SEARCHED[start : start + length]
            if len(piece) < length or piece.isspace():
                continue
            found = [v.id for v in voices.search(office.floor, piece)]
            assert wanted.id in found, piece
    assert [v.id for v in voices.search(office.floor, "駐車 案内表示")] == [wanted.id]
    assert voices.search(office.floor, "駐車 ありがとう") == []
    assert voices.search(office.floor, "郵便") == []


def test_search_treats_wildcards_and_width_as_typed(office):
    voices = office.app.voices
    percent = voices.record(office.clerk, draft("手数料が100%上がったのは困る"))
    voices.record(office.clerk, draft("手数料が1000円上がったのは困る"))
    latin = voices.record(office.clerk, draft("ＭｙＮａｍｅのアプリが使えない"))
    assert [v.id for v in voices.search(office.clerk, "0%")] == [percent.id]
    assert [v.id for v in voices.search(office.clerk, "_")] == []
    assert [v.id for v in voices.search(office.clerk, "myname")] == [latin.id]
    with pytest.raises(CounterAppError) as long:
        voices.search(office.clerk, "あ" * 201)
    assert long.value.code is ErrorCode.SEARCH_TOO_LONG
    with pytest.raises(CounterAppError) as hidden:
        voices.search(office.clerk, "待ち\u200b時間")
    assert hidden.value.code is ErrorCode.SEARCH_CHARACTER


def test_filters_narrow_by_kind_topic_department_status_channel_and_period(office):
    voices = office.app.voices
    day = datetime(2026, 11, 10, 10, 0, tzinfo=LOCAL_ZONE)
    a = voices.record(office.clerk, draft(), now=day)
    b = voices.record(
        office.clerk,
        draft(kind=VoiceKind.REQUEST, topics=("parking", "facilities"), departments=("kodomo",)),
        now=day + timedelta(days=3),
    )
    c = voices.record(
        office.clerk, draft(channel=Channel.PHONE, topics=()), now=day + timedelta(days=20)
    )

    def ids(**given) -> list[int]:
        return [v.id for v in voices.search(office.floor, "", VoiceFilter(**given))]

    assert ids() == [c.id, b.id, a.id]
    assert ids(kind=VoiceKind.REQUEST) == [b.id]
    assert ids(topic="facilities") == [b.id]
    assert ids(topic="waiting") == [a.id]
    assert ids(department="kodomo") == [b.id]
    assert ids(channel=Channel.PHONE) == [c.id]
    start = business_day(day)
    assert ids(recorded_from=start, recorded_to=start + timedelta(days=3)) == [b.id, a.id]
    voices.claim(office.kodomo, b.routings[0].id)
    voices.answer(office.kodomo, b.routings[0].id, "回答")
    voices.close(office.kodomo, b.routings[0].id)
    assert ids(status=VoiceStatus.CLOSED) == [b.id]
    assert ids(status=VoiceStatus.OPEN) == [c.id, a.id]


def test_similar_earlier_voices_are_suggested_while_typing(office):
    voices = office.app.voices
    earlier = voices.record(office.clerk, draft("待ち時間が長すぎて、一時間以上待たされた。"))
    voices.record(office.clerk, draft("職員の対応が丁寧でした。ありがとう。"))
    voices.record(office.clerk, draft("駐車場が狭くて停められない。"))
    suggested = voices.similar(office.clerk, "今日も待ち時間が長すぎる。一時間待った。")
    assert [v.id for v in suggested] == [earlier.id]
    assert voices.similar(office.clerk, "あ") == []
    assert voices.similar(office.clerk, "図書館の開館時間を延ばしてほしい") == []


def test_what_is_wrong_in_a_voice_is_named_and_nothing_is_kept(office):
    voices = office.app.voices
    cases = [
        (draft(""), ErrorCode.VOICE_TEXT_REQUIRED),
        (draft("あ" * 4001), ErrorCode.VOICE_TEXT_TOO_LONG),
        (draft("音声\x00入力"), ErrorCode.VOICE_CHARACTER),
        (draft(topics=("no_such_topic",)), ErrorCode.VOICE_CHOICE_UNKNOWN),
        (draft(departments=()), ErrorCode.VOICE_DEPARTMENT_REQUIRED),
        (draft(departments=("shimin", "nowhere")), ErrorCode.DEPARTMENT_UNKNOWN),
        (draft(reply_wanted=True), ErrorCode.VOICE_REPLY_METHOD_REQUIRED),
        (draft(resident_atena="0000000001"), ErrorCode.VOICE_CONSENT_REQUIRED),
        (draft(visit_number="V-20260101-9999"), ErrorCode.VISIT_NOT_FOUND),
    ]
    for bad, code in cases:
        with pytest.raises(CounterAppError) as refused:
            voices.record(office.clerk, bad)
        assert refused.value.code is code
    assert voices.search(office.supervisor, "") == []
    with office.app.db.read() as session:
        assert session.scalar(text("SELECT count(*) FROM voice_routings")) == 0


def test_personal_data_in_the_text_is_flagged(office):
    voice = office.app.voices.record(
        office.clerk,
        draft(
            "山田さんに090-1234-5678へ折り返してほしい",
            reply_wanted=True,
            reply_method=ReplyMethod.PHONE,
        ),
    )
    assert voice.personal_data == ("phone", "name")
    assert voice.reply_method is ReplyMethod.PHONE
    assert office.app.voices.record(office.clerk, draft()).personal_data == ()


def test_the_ticket_gives_the_wait_and_the_window(office):
    morning = datetime.combine(business_day(utcnow()), datetime.min.time(), LOCAL_ZONE).replace(
        hour=10
    )
    tickets = TicketService(office.app.db, now=lambda: morning)
    calls = CallService(office.app.db, now=lambda: morning + timedelta(minutes=37))
    issued = tickets.issue(office.supervisor, "todokede")
    calls.call_next(office.clerk, 2)
    voice = office.app.voices.record(office.clerk, draft(ticket_id=issued.ticket.id))
    assert (voice.wait_minutes, voice.window, voice.ticket_number) == (
        37,
        2,
        issued.display_number,
    )


def test_a_resident_is_named_only_with_consent_and_every_look_is_logged(office):
    load_sc01(office.app)
    with office.app.db.read() as session:
        atena = session.scalars(
            select(Resident.atena_no).where(Resident.surname_kanji == "佐藤")
        ).first()
    voices = office.app.voices
    anonymous = voices.record(office.clerk, draft())
    linked = voices.record(office.clerk, draft(resident_atena=atena, consent=True))
    assert (anonymous.resident_linked, linked.resident_linked) == (False, True)
    assert voices.linked_resident(office.clerk, anonymous.id) is None
    shown_atena, name = voices.linked_resident(office.clerk, linked.id)
    assert shown_atena == atena and name.startswith("佐藤")
    with pytest.raises(CounterAppError) as floor:
        voices.linked_resident(office.floor, linked.id)
    assert floor.value.code is ErrorCode.PERMISSION_DENIED
    with office.app.db.read() as session:
        actions = list(
            session.scalars(select(AuditEntry.action).where(AuditEntry.action.like("voice.%")))
        )
    assert actions == ["voice.resident_linked", "voice.resident_shown"]
    assert atena not in str(voices.search(office.floor, ""))


def test_equal_values_of_two_choices_keep_their_own_words():
    assert (label(Channel.LETTER), label(ReplyMethod.LETTER)) == ("手紙", "文書")
    assert (label(Channel.WINDOW, "en"), label(ReplyMethod.WINDOW, "en")) == (
        "Window",
        "At the window",
    )


def test_the_export_masks_every_free_text_disarms_formulas_and_is_logged(office):
    voices = office.app.voices
    voice = voices.record(
        office.clerk, draft('=HYPERLINK("http://x") 鈴木様から 03-1234-5678 に電話', topics=())
    )
    routing = voice.routings[0].id
    voices.claim(office.shimin, routing)
    voices.answer(office.shimin, routing, "鈴木様に 03-1234-5678 で回答した", "掲示を増やした")
    content = voices.export(office.floor, "電話", VoiceFilter(kind=VoiceKind.COMPLAINT))
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    assert rows[0][:8] == ["番号", "記録日時", "経路", "区分", "分野", "関係課", "状況", "内容"]
    [row] = rows[1:]
    assert row[7] == '\'=HYPERLINK("http://x") ＊＊＊から ＊＊＊ に電話'
    assert row[8] == "市民課: ＊＊＊に ＊＊＊ で回答した" and row[9] == "市民課: 掲示を増やした"
    assert "鈴木" not in content.decode("utf-8-sig")
    assert voices.export(office.floor, "電話", encoding="cp932").decode("cp932").startswith("番号")
    with office.app.db.read() as session:
        logged = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "voice.exported")
        ).all()
    assert [(e.login, json.loads(e.detail)) for e in logged] == [
        ("floor", {"count": 1, "filters": ["kind"]}),
        ("floor", {"count": 1, "filters": []}),
    ]
