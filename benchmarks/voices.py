"""Search and the monthly report over many residents' voices.

    .venv/bin/python benchmarks/voices.py                 # 100,000 voices, temporary SQLite
    .venv/bin/python benchmarks/voices.py --postgres      # the same on a throwaway PostgreSQL
    .venv/bin/python benchmarks/voices.py --voices 20000  # a quick run

Fills --voices voices spread over a year (about 400 a business day), written in one
transaction through the same table and index the app writes (the FTS5 trigger on SQLite,
the pg_trgm index on PostgreSQL); the texts are sentences built from a window's everyday
phrases, so words recur as in real voices. Then --queries searches through VoiceService,
drawn with a fixed seed: two-character words (which no trigram index answers), longer
words, two words, and a word with a filter (kind, department or a month); and the monthly
report of the busiest month, --reports times. Prints

    voices n=100000 search_p95_ms=… report_ms=…

(report_ms: the median) and per query class the median and p95. Exits 1 over the
issue's bounds (search p95 50 ms, report 1 s).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert, text  # noqa: E402

from counter_app.app import CounterApp  # noqa: E402
from counter_app.config import Config  # noqa: E402
from counter_app.db.models import Voice, VoiceRouting  # noqa: E402
from counter_app.permissions import Actor, RoleCode  # noqa: E402
from counter_app.voices import Channel, VoiceFilter, VoiceKind  # noqa: E402
from counter_app.voices.search import searchable  # noqa: E402

SEARCH_P95_BOUND_MS = 50.0
REPORT_BOUND_MS = 1000.0
DEPARTMENTS = ("shimin", "hoken_nenkin", "kaigo", "kodomo", "kenko", "zeimu")
PHRASES = (
    "待ち時間が長い",
    "番号が呼ばれない",
    "職員の説明が丁寧だった",
    "案内表示が分かりにくい",
    "駐車場が狭い",
    "証明書の手数料",
    "キャッシュレスで払いたい",
    "書類を何度も書かされた",
    "窓口をたらい回しにされた",
    "子育ての手続きがまとめてできて助かった",
    "土曜日も開けてほしい",
    "オンラインで申請したい",
    "外国語の案内がほしい",
    "車椅子で記載台が使いにくい",
    "電話がつながらない",
    "国民健康保険の説明",
    "介護保険の申請",
    "転入の手続き",
    "マイナンバーカードの受け取り",
    "税証明の年度が分からない",
    "ありがとうございました",
    "もう少し早く対応してほしい",
    "待合の椅子が足りない",
    "呼出表示が見えにくい",
)
CLERK = Actor(
    user_id=None,
    login="bench",
    display_name="bench",
    roles=frozenset({RoleCode.WINDOW_CLERK}),
)


def fill(app: CounterApp, count: int, seed: int, first_day: date) -> None:
    rng = random.Random(seed)
    topics = [t.id for t in app.voices.settings.topics]
    voices, routings = [], []
    for voice_id in range(1, count + 1):
        day = first_day + timedelta(days=int(365 * (voice_id - 1) / count))
        at = datetime(day.year, day.month, day.day, 1 + rng.randrange(8), tzinfo=UTC)
        body = "。".join(rng.sample(PHRASES, rng.randint(1, 3))) + "。"
        voices.append(
            {
                "id": voice_id,
                "recorded_at": at,
                "business_day": day,
                "channel": rng.choice(list(Channel)).value,
                "kind": rng.choice(list(VoiceKind)).value,
                "topics": json.dumps(rng.sample(topics, rng.randint(0, 2))),
                "text": body,
                "search_text": searchable(body),
                "reply_wanted": False,
                "personal_data": "[]",
                "recorded_by_login": "bench",
                "terminal": "BENCH",
                "status": "open",
            }
        )
        answered = at + timedelta(days=rng.randint(1, 20)) if rng.random() < 0.7 else None
        routings.append(
            {
                "voice_id": voice_id,
                "department_id": rng.choice(DEPARTMENTS),
                "status": "answered" if answered else "routed",
                "due_on": day + timedelta(days=14),
                "answered_at": answered,
                "updated_at": at,
            }
        )
    with app.db.write() as session:
        for start in range(0, count, 5000):
            session.execute(insert(Voice), voices[start : start + 5000])
            session.execute(insert(VoiceRouting), routings[start : start + 5000])
    if app.engine.dialect.name == "postgresql":
        # What autovacuum does shortly after a bulk load: the planner needs the tables'
        # statistics (without them it joins a filtered search the slow way).
        with app.engine.connect() as connection:
            connection.execute(text("ANALYZE voices, voice_routings"))
            connection.commit()


def queries(count: int, seed: int, first_day: date) -> list[tuple[str, str, VoiceFilter]]:
    rng = random.Random(seed + 1)
    words = [p[i : i + n] for p in PHRASES for n in (2, 3, 4) for i in range(len(p) - n + 1)]
    drawn = []
    for number in range(count):
        kind = ("2 chars", "3+ chars", "two words", "word + filter")[number % 4]
        if kind == "2 chars":
            drawn.append((kind, rng.choice([w for w in words if len(w) == 2]), VoiceFilter()))
        elif kind == "3+ chars":
            drawn.append((kind, rng.choice([w for w in words if len(w) > 2]), VoiceFilter()))
        elif kind == "two words":
            drawn.append((kind, f"{rng.choice(words)} {rng.choice(words)}", VoiceFilter()))
        else:
            month = first_day + timedelta(days=30 * rng.randrange(12))
            voice_filter = rng.choice(
                [
                    VoiceFilter(kind=rng.choice(list(VoiceKind))),
                    VoiceFilter(department=rng.choice(DEPARTMENTS)),
                    VoiceFilter(recorded_from=month, recorded_to=month + timedelta(days=30)),
                ]
            )
            drawn.append((kind, rng.choice(words), voice_filter))
    return drawn


def p95(values: list[float]) -> float:
    """Nearest rank: the smallest value that 95 % of the values do not exceed."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def run(url: str, args: argparse.Namespace) -> int:
    app = CounterApp.open(Config(database_url=url, terminal_name="BENCH"))
    try:
        first_day = date(2025, 12, 1)
        started = time.perf_counter()
        fill(app, args.voices, args.seed, first_day)
        print(f"voices fill n={args.voices} s={time.perf_counter() - started:.1f}")
        timings: dict[str, list[float]] = {}
        slowest = (0.0, "")
        for kind, query, voice_filter in queries(args.queries, args.seed, first_day):
            started = time.perf_counter()
            app.voices.search(CLERK, query, voice_filter)
            elapsed = (time.perf_counter() - started) * 1000
            timings.setdefault(kind, []).append(elapsed)
            slowest = max(slowest, (elapsed, f"{query!r} {voice_filter}"))
        print(f"voices search slowest ms={slowest[0]:.1f} query={slowest[1]}")
        for kind, values in timings.items():
            print(
                f"voices search {kind:<13} n={len(values)} "
                f"p50_ms={statistics.median(values):.1f} p95_ms={p95(values):.1f}"
            )
        reports = []
        busiest = first_day + timedelta(days=31 * 6)
        for _ in range(args.reports):
            started = time.perf_counter()
            app.voices.monthly_report(CLERK, busiest, busiest + timedelta(days=40))
            reports.append((time.perf_counter() - started) * 1000)
        search_p95 = p95([t for values in timings.values() for t in values])
        report_ms = statistics.median(reports)
        print(f"voices n={args.voices} search_p95_ms={search_p95:.1f} report_ms={report_ms:.1f}")
        return 0 if search_p95 <= SEARCH_P95_BOUND_MS and report_ms <= REPORT_BOUND_MS else 1
    finally:
        app.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voices", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--reports", type=int, default=5)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--postgres", action="store_true", help="a throwaway PostgreSQL")
    args = parser.parse_args(argv)
    if args.postgres:
        from tests.postgres import ThrowawayCluster

        cluster = ThrowawayCluster()
        cluster.start()
        try:
            return run(cluster.new_database("voices"), args)
        finally:
            cluster.stop()
    with tempfile.TemporaryDirectory() as folder:
        return run(f"sqlite:///{Path(folder) / 'voices.sqlite3'}", args)


if __name__ == "__main__":
    sys.exit(main())
