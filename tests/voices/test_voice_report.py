"""The monthly report of residents' voices equals a recount written plainly here, on
SQLite and PostgreSQL; its CSV, text and PDF carry the counts and never a voice's words."""

from __future__ import annotations

import json
import math
import random
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from counter_app.db.models import Department
from counter_app.db.models.voices import Voice, VoiceRouting
from counter_app.voices import Channel, VoiceKind
from counter_app.voices.report import monthly_report, report_csv, report_text
from counter_app.voices.topics import load_voice_settings
from printing.voice_report import voice_report_pdf
from tests.helpers import open_app, pdftotext

TOKYO = ZoneInfo("Asia/Tokyo")
MONTH = date(2026, 11, 1)
LAST_DAY = date(2026, 11, 30)
PREVIOUS = date(2026, 10, 1)
RESIDENT_WORDS = "山田花子 090-1234-5678 桜町2丁目14"


@pytest.fixture
def app(database_url):
    app = open_app(database_url)
    yield app
    app.close()


def at_tokyo(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), TOKYO).astimezone(UTC)


def add_voice(session, recorded: datetime, kind, channel, topics, routings, text="待ち時間が長い"):
    """A voice and its routings: (department_id, due_on, answered_at or None)."""
    voice = Voice(
        recorded_at=recorded,
        business_day=recorded.astimezone(TOKYO).date(),
        channel=str(channel),
        kind=str(kind),
        topics=json.dumps(topics),
        text=text,
        search_text=text,  # the model's copy for search; its form does not matter here
        recorded_by_login="madoguchi",
        terminal="TEST-01",
    )
    session.add(voice)
    session.flush()
    for department_id, due_on, answered_at in routings:
        session.add(
            VoiceRouting(
                voice_id=voice.id,
                department_id=department_id,
                status="answered" if answered_at else "routed",
                due_on=due_on,
                answered_at=answered_at,
            )
        )


def fill(app, seed: int = 15) -> list[dict]:
    """Varied voices over October and November 2026 (and one of December); returns what
    was stored, as plain dicts, for the recount."""
    rng = random.Random(seed)
    topic_ids = [t.id for t in load_voice_settings().topics] + ["retired_topic"]
    with app.db.read() as session:
        departments = sorted(session.scalars(select(Department.id)))
    stored = []
    with app.db.write() as session:
        for _ in range(260):
            day = date(2026, 10, 1) + timedelta(days=rng.randrange(61))
            stored.append(
                _random_voice(
                    session, rng, at_tokyo(day, rng.randrange(8, 18)), topic_ids, departments
                )
            )
        # 23:30 in Tokyo on November 30th is 14:30 UTC: November's voice.
        stored.append(
            _random_voice(session, rng, at_tokyo(LAST_DAY, 23, 30), topic_ids, departments)
        )
        # 00:30 in Tokyo on December 1st is still November 30th in UTC: December's voice.
        stored.append(
            _random_voice(session, rng, at_tokyo(date(2026, 12, 1), 0, 30), topic_ids, departments)
        )
        add_voice(
            session,
            at_tokyo(MONTH, 10),
            VoiceKind.COMPLAINT,
            Channel.WINDOW,
            ["waiting"],
            [],
            RESIDENT_WORDS,
        )
        stored.append(
            {
                "day": MONTH,
                "recorded": at_tokyo(MONTH, 10),
                "kind": "complaint",
                "channel": "window",
                "topics": ["waiting"],
                "routings": [],
            }
        )
    return stored


def _random_voice(session, rng, recorded, topic_ids, departments) -> dict:
    kind = rng.choice(list(VoiceKind))
    channel = rng.choice([c for c in Channel if c != Channel.SNS])  # SNS stays at zero
    topics = rng.sample(topic_ids, rng.choice([0, 1, 1, 2]))
    routings = []
    for department_id in rng.sample(departments, rng.choice([0, 1, 1, 2])):
        due_on = recorded.astimezone(TOKYO).date() + timedelta(days=14)
        answered_at = None
        if rng.random() < 0.6:
            answered_at = recorded + timedelta(hours=rng.randrange(1, 30 * 24))
        routings.append((department_id, due_on, answered_at))
    add_voice(session, recorded, kind, channel, topics, routings)
    return {
        "day": recorded.astimezone(TOKYO).date(),
        "recorded": recorded,
        "kind": kind.value,
        "channel": channel.value,
        "topics": topics,
        "routings": routings,
    }


# --- the recount -----------------------------------------------------------------------


def in_month(voice: dict, first: date) -> bool:
    return voice["day"].year == first.year and voice["day"].month == first.month


def nearest_rank(values: list[float], percent: int) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[math.ceil(percent / 100 * len(ordered)) - 1], 1)


def recount(stored: list[dict], as_of: date, names: dict[str, str]) -> dict:
    month = [v for v in stored if in_month(v, MONTH)]
    previous = [v for v in stored if in_month(v, PREVIOUS)]
    settings = load_voice_settings()
    file_ids = [t.id for t in settings.topics]

    def topic_count(voices, topic_id):
        return sum(1 for v in voices if topic_id in v["topics"])

    all_ids = file_ids + sorted({t for v in month for t in v["topics"]} - set(file_ids))
    by_topic = [(t, topic_count(month, t)) for t in all_ids]
    top = [
        pair for pair in sorted(by_topic, key=lambda p: (-p[1], all_ids.index(p[0]))) if pair[1]
    ][:5]
    rises = []
    for topic_id, count in by_topic:
        before = topic_count(previous, topic_id)
        if count > before:
            rises.append((topic_id, count, before, count - before))
    rises.sort(key=lambda r: (-r[3], all_ids.index(r[0])))

    departments = {}
    for voice in month:
        for department_id, due_on, answered_at in voice["routings"]:
            figures = departments.setdefault(
                department_id, {"routed": 0, "answered": 0, "on_time": 0, "overdue": 0, "days": []}
            )
            figures["routed"] += 1
            if answered_at is None:
                figures["overdue"] += due_on < as_of
            else:
                figures["answered"] += 1
                figures["on_time"] += answered_at.astimezone(TOKYO).date() <= due_on
                figures["days"].append((answered_at - voice["recorded"]).total_seconds() / 86400)
    return {
        "total": len(month),
        "by_kind": [(k.value, sum(v["kind"] == k for v in month)) for k in VoiceKind],
        "by_channel": [(c.value, sum(v["channel"] == c for v in month)) for c in Channel],
        "by_topic": by_topic,
        "top": top,
        "rising": rises[:5],
        "departments": {
            d: (
                names[d],
                f["routed"],
                f["answered"],
                f["on_time"],
                f["overdue"],
                nearest_rank(f["days"], 50),
                nearest_rank(f["days"], 90),
            )
            for d, f in departments.items()
        },
    }


def as_recount(report) -> dict:
    return {
        "total": report.total,
        "by_kind": [(k.value, n) for k, n in report.by_kind],
        "by_channel": [(c.value, n) for c, n in report.by_channel],
        "by_topic": [(t.topic_id, t.count) for t in report.by_topic],
        "top": [(t.topic_id, t.count) for t in report.top_topics],
        "rising": [(r.topic_id, r.count, r.previous, r.difference) for r in report.rising_topics],
        "departments": {
            d.department_id: (
                d.name,
                d.routed,
                d.answered,
                d.answered_on_time,
                d.overdue_open,
                d.response_days_p50,
                d.response_days_p90,
            )
            for d in report.by_department
        },
    }


def department_names(app) -> dict[str, str]:
    with app.db.read() as session:
        return dict(session.execute(select(Department.id, Department.name)).all())


def report_of(app, today: date):
    with app.db.read() as session:
        return monthly_report(session, MONTH, load_voice_settings(), today)


@pytest.mark.parametrize("today", [date(2026, 11, 20), date(2027, 1, 10)], ids=["running", "over"])
def test_the_report_equals_an_independent_recount(app, today):
    stored = fill(app)
    report = report_of(app, today)
    as_of = min(today, LAST_DAY)
    assert report.month == MONTH and report.as_of == as_of
    assert as_recount(report) == recount(stored, as_of, department_names(app))


def test_the_recount_sees_what_the_test_relies_on(app):
    """The data reaches every case the report must count, so the equality above means something."""
    stored = fill(app)
    report = report_of(app, date(2027, 1, 10))
    november = [v for v in stored if in_month(v, MONTH)]
    assert {len(v["topics"]) for v in november} == {0, 1, 2}
    assert any(v["recorded"] == at_tokyo(LAST_DAY, 23, 30) for v in november)
    assert dict((c.value, n) for c, n in report.by_channel)["sns"] == 0
    assert any(
        t.topic_id == "retired_topic" and t.label == "retired_topic" for t in report.by_topic
    )
    assert report.rising_topics and report.top_topics
    assert sum(d.overdue_open for d in report.by_department) > 0
    assert all(d.response_days_p90 is not None for d in report.by_department if d.answered)


def test_a_voice_late_on_the_months_last_day_counts_in_that_month(app):
    with app.db.write() as session:
        add_voice(
            session, at_tokyo(LAST_DAY, 23, 30), VoiceKind.THANKS, Channel.PHONE, ["fees"], []
        )
        add_voice(
            session,
            at_tokyo(date(2026, 12, 1), 0, 30),
            VoiceKind.THANKS,
            Channel.PHONE,
            ["fees"],
            [],
        )
    report = report_of(app, date(2027, 1, 10))
    assert report.total == 1
    assert dict(report.by_kind)[VoiceKind.THANKS] == 1


def test_an_empty_month_reports_zeros_in_every_row(app):
    report = report_of(app, date(2026, 11, 3))
    assert report.total == 0 and report.as_of == date(2026, 11, 3)
    assert [n for _, n in report.by_kind] == [0] * len(VoiceKind)
    assert len(report.by_topic) == len(load_voice_settings().topics)
    assert report.by_department == () and report.top_topics == () and report.rising_topics == ()


# --- the outputs -----------------------------------------------------------------------


@pytest.fixture
def report(app):
    fill(app)
    return report_of(app, date(2027, 1, 10))


def test_the_csv_is_utf8_with_bom_and_crlf_and_names_each_section(report):
    data = report_csv(report)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    lines = text.split("\r\n")
    assert lines[-1] == "" and all("\n" not in line for line in lines)
    sections = {line.split(",")[0] for line in lines if line}
    assert {"区分別", "経路別", "分野別", "部署別", "多い分野", "増えた分野"} <= sections
    assert f"区分別,苦情,{dict(report.by_kind)[VoiceKind.COMPLAINT]}" in lines
    assert f"概要,総数,{report.total}" in lines


def test_the_csv_in_cp932_decodes_as_cp932(report):
    data = report_csv(report, encoding="cp932")
    assert not data.startswith(b"\xef\xbb\xbf")
    assert data.decode("cp932") == report_csv(report).decode("utf-8-sig")


def test_the_text_aligns_the_kinds(report):
    text = report_text(report)
    kind_lines = [line for line in text.splitlines() if line.strip().startswith(("苦情", "要望"))]
    assert len(kind_lines) == 2
    assert kind_lines[0].rstrip().endswith(str(dict(report.by_kind)[VoiceKind.COMPLAINT]))
    assert "By kind" in report_text(report, language="en")


def test_the_pdf_reads_back_the_title_and_the_counts(report, tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(voice_report_pdf(report, municipality="みどり市"))
    text = pdftotext(path)
    assert "住民の声 月次報告 令和8年11月" in text
    assert "みどり市" in text
    assert f"総数 {report.total} 件" in text
    lines = {tuple(line.split()) for line in text.splitlines()}
    kind_words = {"complaint": "苦情", "request": "要望", "question": "問合せ"}
    kind_words |= {"thanks": "お礼", "proposal": "提案"}
    for kind, count in report.by_kind:
        assert (kind_words[kind.value], str(count)) in lines
    for topic in report.by_topic:
        assert (topic.label, str(topic.count)) in lines
    joined = [" ".join(words) for words in lines]
    for d in report.by_department:
        figures = (d.routed, d.answered, d.answered_on_time, d.overdue_open)
        row = " ".join([d.name, *map(str, figures)])  # a name may hold a space (教育委員会 学務課)
        assert any(line.startswith(row + " ") for line in joined), row


def test_nothing_in_any_output_carries_a_voices_words(report, tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(voice_report_pdf(report))
    outputs = [
        report_csv(report).decode("utf-8-sig"),
        report_csv(report, "cp932").decode("cp932"),
        report_text(report),
        report_text(report, "en"),
        pdftotext(path),
        repr(report),
    ]
    for output in outputs:
        for word in [*RESIDENT_WORDS.split(), "待ち時間が長い", "madoguchi"]:
            assert word not in output
