"""`counter-app import-residents`: the core resident system's CSV, in UTF-8 (with or without
BOM) and CP932, validated whole and upserted by 宛名番号 in one transaction.

The files are generated here from a fixed seed; nothing large is committed."""

from __future__ import annotations

import csv
import io
import random
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from counter_app.db.models import AuditEntry, Household, Resident, ResidentMyNumber
from counter_app.demo.mynumber import my_number_check_digit
from counter_app.importing import ImportRejected, import_residents, report_lines
from counter_app.importing.csv_layout import COLUMNS
from counter_app.permissions import console_actor
from counter_app.search.keys import address_key, kana_key, kanji_key
from counter_app.security.my_numbers import load_my_numbers
from tests.helpers import TERMINAL, open_app, run_cli

HEADER = [column.name for column in COLUMNS]
SURNAMES = [
    ("髙橋", "タカハシ"),
    ("山﨑", "ヤマザキ"),
    ("佐藤", "サトウ"),
    ("鈴木", "スズキ"),
    ("渡邊", "ワタナベ"),
    ("齋藤", "サイトウ"),
    ("田中", "タナカ"),
    ("伊藤", "イトウ"),
]
GIVEN = [("太郎", "タロウ"), ("花子", "ハナコ"), ("健一", "ケンイチ"), ("美咲", "ミサキ")]
TOWNS = ["桜町", "緑が丘", "本町", "東町"]


def my_number(index: int) -> str:
    first11 = f"{31_000_000_000 + index * 7:011d}"
    return first11 + str(my_number_check_digit(first11))


def person_row(index: int, household: int, relationship: str, rng: random.Random) -> dict:
    surname, surname_kana = SURNAMES[household % len(SURNAMES)]
    given, given_kana = GIVEN[rng.randrange(len(GIVEN))]
    birth = date(1940, 1, 1) + timedelta(days=rng.randrange(30_000))
    moved_in = max(birth, date(2001, 4, 1))  # born here after the city's records began
    town = TOWNS[household % len(TOWNS)]
    return {
        "宛名番号": f"{1_000_000_000 + index:010d}",
        "住民票コード": f"{20_000_000_000 + index * 13:011d}",
        "世帯番号": f"{50_000_000 + household:08d}",
        "続柄": relationship,
        "氏（漢字）": surname,
        "名（漢字）": given,
        "氏（カナ）": surname_kana,
        "名（カナ）": given_kana,
        "旧氏（漢字）": "",
        "旧氏（カナ）": "",
        "生年月日": birth.isoformat() if index % 3 else birth.strftime("%Y/%m/%d"),
        "性別": "1" if index % 2 else "女",
        "郵便番号": "1890011",
        "住所": f"東京都みどり市{town}二丁目{household % 30 + 1}番{household % 9 + 1}号",
        "方書": f"みどりハイツ{household % 50 + 100}号室" if household % 4 == 0 else "",
        "本籍": "東京都みどり市本町一丁目1番地",
        "筆頭者": surname,
        "住民となった日": moved_in.isoformat(),
        "住定日": moved_in.isoformat(),
        "届出日": (moved_in + timedelta(days=1)).strftime("%Y%m%d"),
        "前住所": "",
        "異動事由": "転入",
        "異動日": moved_in.isoformat(),
        "選挙人名簿登録": "1",
        "電話番号": f"042-{300 + household % 300}-{index % 10_000:04d}" if index % 2 else "",
        "個人番号": my_number(index) if index % 5 else "",
        "国籍": "",
        "在留資格": "",
        "在留カード番号": "",
        "在留期間満了日": "",
    }


def city_rows(count: int, seed: int = 7) -> list[dict]:
    """`count` people in households of one to four, each with one 世帯主."""
    rng = random.Random(seed)
    rows: list[dict] = []
    household = 0
    while len(rows) < count:
        size = min(rng.randint(1, 4), count - len(rows))
        for member in range(size):
            relationship = ("世帯主", "妻", "子", "子")[member]
            rows.append(person_row(len(rows), household, relationship, rng))
        household += 1
    return rows


def write_csv(
    path: Path, rows: list[dict], encoding: str = "utf-8", extra_columns: list[str] = ()
) -> Path:
    """`rows` under our header, then `extra_columns` (the core system's own, ignored)."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(
        buffer, fieldnames=HEADER + list(extra_columns), lineterminator="\r\n", restval=""
    )
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def import_file(url: str, path: Path, **options):
    app = open_app(url)
    try:
        return import_residents(app, path, console_actor(TERMINAL), **options)
    finally:
        app.close()


def snapshot(url: str) -> tuple:
    """Everything an import may change, to show that a refused one changed nothing."""
    app = open_app(url)
    try:
        with app.db.read() as session:
            return (
                session.execute(
                    select(
                        Resident.atena_no, Resident.household_id, Resident.surname_kanji
                    ).order_by(Resident.atena_no)
                ).all(),
                session.execute(
                    select(Household.household_no, Household.address).order_by(
                        Household.household_no
                    )
                ).all(),
                session.execute(
                    select(ResidentMyNumber.resident_id, ResidentMyNumber.sealed).order_by(
                        ResidentMyNumber.resident_id
                    )
                ).all(),
                session.scalar(select(func.count()).select_from(AuditEntry)),
            )
    finally:
        app.close()


def variant_rows() -> list[dict]:
    rng = random.Random(1)
    head = person_row(0, 0, "世帯主", rng)
    head.update(
        {"氏（漢字）": "髙橋", "名（漢字）": "一郎", "氏（カナ）": "たかはし", "名（カナ）": "ｲﾁﾛｳ"}
    )
    wife = person_row(1, 0, "妻", rng)
    wife.update(
        {
            "氏（漢字）": "山﨑",
            "名（漢字）": "花子",
            "氏（カナ）": "ヤマザキ",
            "名（カナ）": "ハナコ",
        }
    )
    single = person_row(2, 1, "世帯主", rng)
    single.update({"電話番号": "090-1234-5678", "性別": "2", "生年月日": "19850822"})
    return [head, wife, single]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932"])
def test_each_encoding_imports_names_households_and_search_keys(tmp_path, database_url, encoding):
    path = write_csv(tmp_path / f"residents-{encoding}.csv", variant_rows(), encoding)
    result = import_file(database_url, path)
    assert (result.rows, result.inserted, result.updated, result.households) == (3, 3, 0, 2)
    assert result.encoding == encoding
    app = open_app(database_url)
    with app.db.read() as session:
        people = {r.atena_no: r for r in session.scalars(select(Resident))}
        head, wife, single = people["1000000000"], people["1000000001"], people["1000000002"]
        assert (head.surname_kanji, head.surname_kana, head.given_name_kana) == (
            "髙橋",
            "タカハシ",
            "イチロウ",
        )
        assert head.name_key == kanji_key("高橋一郎") and head.kana_key == kana_key(
            "タカハシイチロウ"
        )
        assert head.given_name_key == "一郎" and head.given_kana_key == "イチロウ"
        assert wife.surname_kanji == "山﨑" and wife.name_key == kanji_key("山崎花子")
        assert head.household_id == wife.household_id != single.household_id
        assert head.is_head and wife.relationship_to_head == "妻"
        assert single.sex == "女" and single.birth_date == date(1985, 8, 22)
        assert single.contact_phone == "090-1234-5678" and single.phone_key == "09012345678"
        household = session.get(Household, head.household_id)
        assert household.household_no == "50000000" and household.postal_code == "189-0011"
        assert household.address_key == address_key(household.address, household.katagaki)
        numbers = load_my_numbers(session, [wife.id, head.id])
        assert numbers.get(wife.id) == my_number(1) and head.id not in numbers.opened
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "residents.import")
        ).all()
        assert len(entries) == 1 and '"inserted": 3' in entries[0].detail
        assert path.name in entries[0].detail
    app.close()


def test_cp932_holds_the_ibm_extension_sakis_but_not_tsuchiyoshi():
    assert "髙﨑".encode("cp932") == b"\xee\xe0\xed\x95"
    assert b"\xfa\xb1".decode("cp932") == "﨑"  # the IBM code of the same character
    with pytest.raises(UnicodeEncodeError):
        "𠮷".encode("cp932")


def test_a_second_import_updates_and_moves_people(tmp_path, database_url):
    rows = city_rows(12)
    import_file(database_url, write_csv(tmp_path / "first.csv", rows))
    moved = dict(rows[1])  # the wife of household 0 leaves to a household of her own
    moved.update(
        {
            "世帯番号": "59999999",
            "続柄": "世帯主",
            "住所": "東京都みどり市本町一丁目1番1号",
            "方書": "",
            "氏（漢字）": "齊藤",
        }
    )
    head = dict(rows[0], **{"名（カナ）": "ジロウ", "個人番号": my_number(900)})
    newcomer = person_row(500, 0, "子", random.Random(2))
    newcomer["住所"], newcomer["方書"] = head["住所"], head["方書"]
    result = import_file(database_url, write_csv(tmp_path / "second.csv", [head, moved, newcomer]))
    assert (result.rows, result.inserted, result.updated, result.households) == (3, 1, 2, 2)
    app = open_app(database_url)
    with app.db.read() as session:
        people = {r.atena_no: r for r in session.scalars(select(Resident))}
        assert len(people) == 13
        wife = people[rows[1]["宛名番号"]]
        assert wife.is_head and wife.household.household_no == "59999999"
        assert (
            wife.surname_kanji == "齊藤"
            and wife.name_key == kanji_key("齊藤") + wife.given_name_key
        )
        assert people[rows[0]["宛名番号"]].given_kana_key == "ジロウ"
        assert people[newcomer["宛名番号"]].household_id == people[rows[0]["宛名番号"]].household_id
        number = load_my_numbers(session, [people[rows[0]["宛名番号"]].id])
        assert list(number.opened.values()) == [my_number(900)]
    app.close()


def test_a_household_everyone_left_is_removed(tmp_path, sqlite_url):
    rows = city_rows(12)
    assert [row["続柄"] for row in rows if row["世帯番号"] == "50000001"] == ["世帯主"]
    import_file(sqlite_url, write_csv(tmp_path / "first.csv", rows))
    leaving = dict(rows[3], **{"世帯番号": "58888888"})
    import_file(sqlite_url, write_csv(tmp_path / "second.csv", [leaving]))
    app = open_app(sqlite_url)
    with app.db.read() as session:
        numbers = set(session.scalars(select(Household.household_no)))
    app.close()
    assert "58888888" in numbers and "50000001" not in numbers and "50000000" in numbers


def broken_rows() -> tuple[list[dict], set[tuple[int, str | None, str]]]:
    """city_rows(30) with one problem of every kind; the expected (line, column, code)."""
    rows = city_rows(30)
    wrong_check_digit = my_number(3)[:11] + str((int(my_number(3)[11]) + 1) % 10)
    changes = {
        0: {"氏（漢字）": ""},
        1: {"生年月日": "2001-02-30"},
        2: {"宛名番号": "123456789"},
        3: {"個人番号": wrong_check_digit},
        4: {"性別": "X"},
        5: {"宛名番号": rows[6]["宛名番号"]},
        7: {"氏（カナ）": "高橋"},
        8: {"郵便番号": "18900"},
        9: {"住定日": "2019/13/01"},
        10: {"在留カード番号": "1234"},
    }
    for index, change in changes.items():
        rows[index].update(change)
    by_household: dict[str, list[int]] = {}
    for index, row in enumerate(rows):
        by_household.setdefault(row["世帯番号"], []).append(index)
    families = [indexes for indexes in by_household.values() if len(indexes) >= 3][-3:]
    headless, two_heads, two_addresses = families
    rows[headless[0]]["続柄"] = "夫"
    rows[two_heads[1]]["続柄"] = "世帯主"
    rows[two_addresses[2]]["住所"] += "別棟"
    expected = {
        (2, "氏（漢字）", "import.required"),
        (3, "生年月日", "import.bad_date"),
        (4, "宛名番号", "import.bad_digits"),
        (5, "個人番号", "import.bad_my_number"),
        (6, "性別", "import.bad_sex"),
        (8, "宛名番号", "import.duplicate_key"),
        (9, "氏（カナ）", "import.bad_kana"),
        (10, "郵便番号", "import.bad_format"),
        (11, "住定日", "import.bad_date"),
        (12, "在留カード番号", "import.bad_format"),
        (headless[0] + 2, "続柄", "import.no_head"),
        (two_heads[1] + 2, "続柄", "import.two_heads"),
        (two_addresses[2] + 2, "住所", "import.address_disagrees"),
    }
    return rows, expected


def test_every_kind_of_bad_row_is_reported_and_nothing_is_written(tmp_path, database_url):
    import_file(database_url, write_csv(tmp_path / "first.csv", city_rows(10)))
    before = snapshot(database_url)
    rows, expected = broken_rows()
    with pytest.raises(ImportRejected) as rejected:
        import_file(database_url, write_csv(tmp_path / "broken.csv", rows, "cp932"))
    found = {(p.line, p.column, p.code.value) for p in rejected.value.problems}
    assert found == expected
    assert snapshot(database_url) == before


def test_header_and_field_count_problems(tmp_path, sqlite_url):
    text = "宛名番号,氏(漢字),氏（漢字）\r\n1000000000,髙橋,髙橋\r\n"
    path = tmp_path / "header.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ImportRejected) as rejected:
        import_file(sqlite_url, path)
    problems = {(p.line, p.column, p.code.value) for p in rejected.value.problems}
    assert (1, "氏（漢字）", "import.duplicate_column") in problems
    assert (1, "世帯番号", "import.missing_column") in problems
    assert all(line == 1 for line, _, _ in problems)
    rows = city_rows(2)
    write_csv(path, rows)
    path.write_bytes(path.read_bytes() + b"1000000009,extra\r\n")
    with pytest.raises(ImportRejected) as rejected:
        import_file(sqlite_url, path)
    [problem] = rejected.value.problems
    assert (problem.line, problem.column, problem.code.value) == (4, None, "import.field_count")


def test_a_juminhyo_code_of_a_resident_not_in_the_file_is_refused(tmp_path, database_url):
    rows = city_rows(4)
    import_file(database_url, write_csv(tmp_path / "first.csv", rows))
    before = snapshot(database_url)
    newcomer = dict(rows[0], **{"宛名番号": "1000000099", "住民票コード": rows[1]["住民票コード"]})
    newcomer["世帯番号"] = "57777777"
    with pytest.raises(ImportRejected) as rejected:
        import_file(database_url, write_csv(tmp_path / "second.csv", [newcomer]))
    [problem] = rejected.value.problems
    assert (problem.line, problem.column, problem.code.value) == (
        2,
        "住民票コード",
        "import.code_taken",
    )
    assert snapshot(database_url) == before


def test_two_residents_may_swap_their_juminhyo_codes(tmp_path, database_url):
    rows = city_rows(4)
    import_file(database_url, write_csv(tmp_path / "first.csv", rows))
    a, b = dict(rows[0]), dict(rows[1])
    a["住民票コード"], b["住民票コード"] = b["住民票コード"], a["住民票コード"]
    import_file(database_url, write_csv(tmp_path / "second.csv", [a, b, *rows[2:]]))
    app = open_app(database_url)
    with app.db.read() as session:
        codes = dict(session.execute(select(Resident.atena_no, Resident.juminhyo_code)).all())
    app.close()
    assert codes[a["宛名番号"]] == a["住民票コード"] and codes[b["宛名番号"]] == b["住民票コード"]


def test_a_file_in_neither_encoding_names_the_line(tmp_path, sqlite_url):
    path = write_csv(tmp_path / "bad.csv", city_rows(3))
    path.write_bytes(path.read_bytes() + b"\xff\xfe\x80\r\n")
    result = run_cli("import-residents", str(path), "--database", sqlite_url, "--lang", "en")
    assert result.returncode == 1
    assert "Line 5" in result.stderr and "utf-8" in result.stderr


def test_the_cli_reports_in_english_and_forced_encoding(tmp_path, sqlite_url):
    rows = city_rows(3)
    rows[1]["生年月日"] = "1990-02-29"
    path = write_csv(tmp_path / "bad.csv", rows, "cp932")
    result = run_cli("import-residents", str(path), "--database", sqlite_url, "--lang", "en")
    assert result.returncode == 1, result.stderr
    assert "line 3 column “生年月日”: not a date" in result.stderr
    assert "nothing was imported" in result.stderr
    forced = run_cli("import-residents", str(path), "--database", sqlite_url, "--encoding", "utf-8")
    assert forced.returncode == 1 and "utf-8" in forced.stderr


def resident_count(url: str) -> int:
    app = open_app(url)
    try:
        with app.db.read() as session:
            return session.scalar(select(func.count()).select_from(Resident)) or 0
    finally:
        app.close()


@pytest.mark.slow
def test_acceptance_100000_row_cp932_file_imports_and_one_broken_row_imports_nothing(
    tmp_path, sqlite_url
):
    """ACCEPTANCE (issue 3, item 4): a 100,000-row CP932 file imports through the real
    `counter-app import-residents`; the same file with one broken row imports nothing and
    names the line."""
    rows = city_rows(100_000, seed=2026)
    good = write_csv(tmp_path / "residents-100k.csv", rows, "cp932")
    broken_index = 99_990
    rows[broken_index] = dict(rows[broken_index], **{"生年月日": "2001-02-30"})
    broken = write_csv(tmp_path / "residents-100k-broken.csv", rows, "cp932")
    broken_line = broken_index + 2

    refused = run_cli("import-residents", str(broken), "--database", sqlite_url)
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert f"行{broken_line} 列「生年月日」" in refused.stderr
    assert "1件の問題があるため、何も取り込みませんでした" in refused.stderr
    assert resident_count(sqlite_url) == 0

    started = time.perf_counter()
    imported = run_cli("import-residents", str(good), "--database", sqlite_url, timeout=120)
    elapsed = time.perf_counter() - started
    assert imported.returncode == 0, imported.stderr
    summary = imported.stdout.strip().splitlines()[-1]
    assert summary.startswith("import-residents rows=100000 inserted=100000 updated=0 ")
    assert elapsed < 60, summary
    assert resident_count(sqlite_url) == 100_000


def test_an_import_after_the_demo_city_adds_to_it(tmp_path, database_url):
    """The demo city writes explicit ids; new rows must still get fresh ones (PostgreSQL
    sequences included)."""
    from counter_app.demo.city import fill_demo_city

    app = open_app(database_url)
    fill_demo_city(app.engine, 200, seed=1, keys=app.keys)
    app.close()
    result = import_file(database_url, write_csv(tmp_path / "more.csv", city_rows(20)))
    assert (result.inserted, result.updated) == (20, 0)
    assert resident_count(database_url) == 220


def test_the_report_lists_fifty_problems_then_a_count(tmp_path, sqlite_url):
    rows = [dict(row, **{"性別": "X"}) for row in city_rows(60)]
    with pytest.raises(ImportRejected) as rejected:
        import_file(sqlite_url, write_csv(tmp_path / "many.csv", rows))
    lines = report_lines(rejected.value.problems)
    assert len(lines) == 51 and lines[-1] == "…ほか10件"
    assert lines[0] == "行2 列「性別」: 男・女・1・2 のいずれかではありません（X）"
    assert report_lines(rejected.value.problems, "en")[-1] == "… and 10 more problems"
