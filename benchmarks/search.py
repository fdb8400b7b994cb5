"""Time resident search on a demo city, against a naive full scan of the same queries.

    .venv/bin/python benchmarks/search.py                        # builds 1,000,000 residents
    .venv/bin/python benchmarks/search.py --residents 20000      # a quick run
    .venv/bin/python benchmarks/search.py --database sqlite:////tmp/search-1m.sqlite3
    .venv/bin/python benchmarks/search.py --database postgresql+psycopg://…/city

Without --database a demo city (what `counter-app demo-data` writes) is built in a
temporary SQLite file and removed afterwards; to reuse one between runs, fill it once with
`counter-app demo-data --residents 1000000 --database URL` and pass that URL. The database
is migrated to head first.

Queries of each kind are drawn from the database's own residents with a fixed seed:
KANA (surname reading and the start of the given name, in hiragana, katakana or half
width), KANJI (full name typed with the other variant form: 高橋 for 髙橋 and back), BIRTH
(birth date in 和暦 or 西暦 notation), ADDRESS (town, 丁目 and 番 as 桜町2-14, 桜町二丁目14,
桜町2丁目14番), COMBINED (surname kana and birth date). Each goes through ResidentSearch;
the first --scan-queries of each kind also go through a naive SQL scan without the keys
(LIKE on the registered columns, the date compared as text), ordered like the service.

Then a hostile corpus (benchmarks/search_hostile.py), each input typed --repeats times:
per input class the median and the maximum time, and how the inputs were answered
(hits, or the error code). `--hostile-only` skips the normal kinds.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import Engine, cast, func, select
from sqlalchemy import String as SqlString

ROOT = Path(__file__).resolve().parent.parent
# The project root, for the hostile corpus this benchmark shares with the tests.
sys.path.insert(0, str(ROOT))

from benchmarks.search_hostile import hostile_corpus  # noqa: E402
from counter_app.app import CounterApp  # noqa: E402
from counter_app.config import Config, load_config  # noqa: E402
from counter_app.db.models import Household, Resident  # noqa: E402
from counter_app.demo import fill_demo_city  # noqa: E402
from counter_app.errors import CounterAppError  # noqa: E402
from counter_app.permissions import Actor, RoleCode  # noqa: E402
from counter_app.search.keys import kana_key, variant_table  # noqa: E402
from counter_app.search.wareki import format_wareki  # noqa: E402

KINDS = ("KANA", "KANJI", "BIRTH", "ADDRESS", "COMBINED")
CLERK = Actor(
    user_id=None, login="bench", display_name="bench", roles=frozenset({RoleCode.WINDOW_CLERK})
)
_ADDRESS = re.compile(
    r"^.*?[都道府県].*?[市区町村](?P<town>.+?)(?P<chome>[一二三四五六七八九十]+)丁目(?P<ban>\d+)番"
)
_KANJI_DIGITS = "〇一二三四五六七八九"


@dataclass(frozen=True)
class Query:
    text: str  # typed into the search box
    scan: Callable[[], object]  # the same question as a naive statement


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", help="SQLAlchemy URL of an existing demo city")
    parser.add_argument("--residents", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=1000, help="per kind")
    parser.add_argument("--scan-queries", type=int, default=30, help="per kind")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeats", type=int, default=5, help="per hostile input")
    parser.add_argument("--hostile-only", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="search-bench-") as folder:
        url = args.database or f"sqlite:///{Path(folder) / 'city.sqlite3'}"
        # A city built here keeps its key file in the temporary folder; an existing one is
        # opened with this PC's key file, as the app would.
        config = load_config() if args.database else Config(key_file=Path(folder) / "k.key")
        app = CounterApp.open(config, url, prune_changes=False)
        try:
            if args.database is None:
                stats = fill_demo_city(app.engine, args.residents, progress=False, keys=app.keys)
                print(f"built residents={stats.residents} seconds={stats.seconds:.1f}")
            if not args.hostile_only:
                run(app, args.queries, args.scan_queries, args.seed)
            run_hostile(app, args.repeats, args.seed)
        finally:
            app.close()
    return 0


def run(app: CounterApp, queries: int, scan_queries: int, seed: int) -> None:
    engine, service = app.engine, app.search
    samples = _sample(engine, queries, random.Random(seed))
    rng = random.Random(seed + 1)
    lines = []
    for kind in KINDS:
        batch = [_make_query(kind, row, rng) for row in samples]
        service.search(CLERK, batch[0].text)  # warm the caches once
        times, hits = _time(lambda q: len(service.search(CLERK, q.text)), batch)
        with engine.connect() as connection:
            scan_times, _ = _time(
                lambda q: connection.execute(q.scan()).all(), batch[:scan_queries]
            )
        p50, p95, scan_p95 = _pct(times, 50), _pct(times, 95), _pct(scan_times, 95)
        print(
            f"{kind:9} p50={p50:.2f} ms p95={p95:.2f} ms max={max(times):.2f} ms "
            f"mean_hits={statistics.mean(hits):.1f} | scan p50={_pct(scan_times, 50):.1f} ms "
            f"p95={scan_p95:.1f} ms (n={len(scan_times)}) | e.g. {batch[0].text!r}"
        )
        lines.append(
            f"search kind={kind} p50_ms={p50:.2f} p95_ms={p95:.2f} "
            f"scan_p95_ms={scan_p95:.1f} ratio={scan_p95 / p95:.0f}"
        )
    print("\n".join(lines))


def run_hostile(app: CounterApp, repeats: int, seed: int) -> None:
    engine, service = app.engine, app.search
    service.search(CLERK, "桜町2-14")  # warm the caches and the city's address prefix
    lines = []
    for kind, inputs in hostile_corpus(engine, random.Random(seed)).items():
        times: list[float] = []
        cpu: list[float] = []  # this process only: on SQLite the search's own work
        answers: dict[str, int] = {}
        for text in inputs:
            for _ in range(repeats):
                started, started_cpu = time.perf_counter(), time.process_time()
                try:
                    answer = f"{len(service.search(CLERK, text))} hits"
                except CounterAppError as error:
                    answer = str(error.code)
                times.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
            answers[answer] = answers.get(answer, 0) + 1
        median, worst = statistics.median(times), max(times)
        shown = ", ".join(f"{answer} ×{count}" for answer, count in sorted(answers.items()))
        print(
            f"hostile {kind:12} n={len(inputs):3} median={median:7.2f} ms max={worst:7.2f} ms "
            f"(client CPU max {max(cpu):6.2f} ms) | {shown}"
        )
        lines.append(f"hostile kind={kind} median_ms={median:.2f} max_ms={worst:.2f}")
    print("\n".join(lines))


def _time(call: Callable[[Query], int], batch: list[Query]) -> tuple[list[float], list[int]]:
    times, results = [], []
    for query in batch:
        started = time.perf_counter()
        result = call(query)
        times.append((time.perf_counter() - started) * 1000)
        results.append(result if isinstance(result, int) else 0)
    return times, results


def _pct(values: list[float], percent: int) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(percent / 100 * (len(ordered) - 1)))]


def _sample(engine: Engine, count: int, rng: random.Random) -> list:
    with engine.connect() as connection:
        low, high = connection.execute(select(func.min(Resident.id), func.max(Resident.id))).one()
        ids = sorted(rng.randint(low, high) for _ in range(count * 2))
        rows = connection.execute(
            select(
                Resident.surname_kanji,
                Resident.given_name_kanji,
                Resident.surname_kana,
                Resident.given_name_kana,
                Resident.birth_date,
                Household.address,
            )
            .join(Household, Resident.household_id == Household.id)
            .where(Resident.id.in_(ids))
        ).all()
    rng.shuffle(rows)
    return rows[:count]


def _make_query(kind: str, row, rng: random.Random) -> Query:
    match kind:
        case "KANA":
            return _kana_query(row, rng)
        case "KANJI":
            return _kanji_query(row, rng)
        case "BIRTH":
            return _birth_query(row, rng)
        case "ADDRESS":
            return _address_query(row, rng)
    surname = _kana_form(row.surname_kana, rng)
    birth = _birth_text(row.birth_date, rng)
    return Query(
        f"{surname} {birth}",
        lambda: _scan_people(_kana_like(kana_key(surname)), _date_is(row.birth_date)),
    )


def _kana_query(row, rng: random.Random) -> Query:
    given = row.given_name_kana[: rng.randint(1, 2)]
    text = f"{_kana_form(row.surname_kana, rng)} {_kana_form(given, rng)}"
    prefix = kana_key(row.surname_kana + given)
    return Query(text, lambda: _scan_people(_kana_like(prefix)))


def _kanji_query(row, rng: random.Random) -> Query:
    text = _other_variants(row.surname_kanji) + " " + row.given_name_kanji
    full = row.surname_kanji + row.given_name_kanji
    return Query(
        text,
        lambda: _scan_people((Resident.surname_kanji + Resident.given_name_kanji).like(full + "%")),
    )


def _birth_query(row, rng: random.Random) -> Query:
    text = _birth_text(row.birth_date, rng)
    return Query(text, lambda: _scan_people(_date_is(row.birth_date)))


def _address_query(row, rng: random.Random) -> Query:
    parts = _ADDRESS.match(row.address)
    town, chome, ban = parts["town"], parts["chome"], parts["ban"]
    number = str(_KANJI_DIGITS.index(chome)) if len(chome) == 1 else chome
    text = rng.choice(
        [f"{town}{number}-{ban}", f"{town}{chome}丁目{ban}", f"{town}{number}丁目{ban}番"]
    )
    fragment = f"{town}{chome}丁目{ban}番"
    return Query(text, lambda: _scan_people(Household.address.like(f"%{fragment}%")))


def _kana_form(kana: str, rng: random.Random) -> str:
    form = rng.choice(("katakana", "hiragana", "half"))
    if form == "hiragana":
        return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in kana)
    if form == "half":
        return kana.translate(_HALF_WIDTH)
    return kana


def _birth_text(day: date, rng: random.Random) -> str:
    wareki = format_wareki(day)
    era_letter = {"明治": "M", "大正": "T", "昭和": "S", "平成": "H", "令和": "R"}[wareki[:2]]
    era_year = wareki[2:].split("年")[0].replace("元", "1")
    return rng.choice(
        (
            wareki,
            f"{era_letter}{era_year}.{day.month}.{day.day}",
            day.isoformat(),
            f"{day.year}/{day.month}/{day.day}",
            day.strftime("%Y%m%d"),
        )
    )


def _other_variants(text: str) -> str:
    """髙橋 → 高橋 and 高橋 → 髙橋: the name as a clerk might type it from the other form."""
    table = variant_table()
    commons = {common: variant for variant, common in table.items()}
    return "".join(table.get(c) or commons.get(c, c) for c in text)


def _kana_like(prefix: str):
    return (Resident.surname_kana + Resident.given_name_kana).like(prefix + "%")


def _date_is(day: date):
    return cast(Resident.birth_date, SqlString) == day.isoformat()


def _scan_people(*conditions):
    return (
        select(Resident.id, Household.address)
        .join(Household, Resident.household_id == Household.id)
        .where(*conditions)
        .order_by(Resident.surname_kana, Resident.given_name_kana, Resident.birth_date)
        .limit(50)
    )


_FULL = "ァアィイゥウェエォオカガキギクグケゲコゴサザシジスズセゼソゾタダチヂッツヅテデトドナニヌネノハバパヒビピフブプヘベペホボポマミムメモャヤュユョヨラリルレロワヲンヴー"
_HALF = [
    "ｧ",
    "ｱ",
    "ｨ",
    "ｲ",
    "ｩ",
    "ｳ",
    "ｪ",
    "ｴ",
    "ｫ",
    "ｵ",
    "ｶ",
    "ｶﾞ",
    "ｷ",
    "ｷﾞ",
    "ｸ",
    "ｸﾞ",
    "ｹ",
    "ｹﾞ",
    "ｺ",
    "ｺﾞ",
    "ｻ",
    "ｻﾞ",
    "ｼ",
    "ｼﾞ",
    "ｽ",
    "ｽﾞ",
    "ｾ",
    "ｾﾞ",
    "ｿ",
    "ｿﾞ",
    "ﾀ",
    "ﾀﾞ",
    "ﾁ",
    "ﾁﾞ",
    "ｯ",
    "ﾂ",
    "ﾂﾞ",
    "ﾃ",
    "ﾃﾞ",
    "ﾄ",
    "ﾄﾞ",
    "ﾅ",
    "ﾆ",
    "ﾇ",
    "ﾈ",
    "ﾉ",
    "ﾊ",
    "ﾊﾞ",
    "ﾊﾟ",
    "ﾋ",
    "ﾋﾞ",
    "ﾋﾟ",
    "ﾌ",
    "ﾌﾞ",
    "ﾌﾟ",
    "ﾍ",
    "ﾍﾞ",
    "ﾍﾟ",
    "ﾎ",
    "ﾎﾞ",
    "ﾎﾟ",
    "ﾏ",
    "ﾐ",
    "ﾑ",
    "ﾒ",
    "ﾓ",
    "ｬ",
    "ﾔ",
    "ｭ",
    "ﾕ",
    "ｮ",
    "ﾖ",
    "ﾗ",
    "ﾘ",
    "ﾙ",
    "ﾚ",
    "ﾛ",
    "ﾜ",
    "ｦ",
    "ﾝ",
    "ｳﾞ",
    "ｰ",
]
_HALF_WIDTH = str.maketrans(dict(zip(_FULL, _HALF, strict=True)))


if __name__ == "__main__":
    raise SystemExit(main())
