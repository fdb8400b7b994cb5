"""Hostile and careless import files: each gets a clear `行N 列「名前」: 理由` or one error
line, exit status 1, bounded memory, and leaves the database as it was (issue 12, item 7)."""

from __future__ import annotations

import resource
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from counter_app import clock
from counter_app.importing import ImportRejected
from counter_app.importing.csv_layout import CELL_LIMIT, COLUMN_LIMIT
from counter_app.importing.validation import MAX_PROBLEMS
from tests.helpers import PROJECT_ROOT, run_cli
from tests.test_import_residents import HEADER, city_rows, import_file, snapshot, write_csv

TODAY = date(2026, 12, 4)
TRACEBACK = "Traceback"


def cli_import(path: Path, url: str, *options: str) -> subprocess.CompletedProcess:
    return run_cli("import-residents", str(path), "--database", url, *options)


def problems_of(url: str, path: Path, today: date = TODAY) -> set[tuple[int, str | None, str]]:
    with pytest.raises(ImportRejected) as rejected:
        import_file(url, path, today=today)
    return {(p.line, p.column, p.code.value) for p in rejected.value.problems}


@pytest.fixture
def imported(tmp_path, sqlite_url) -> str:
    """A database holding a small city, so that a refused import has something to spoil.
    (Refusals happen before the database is touched: test_import_residents shows on both
    databases that a refused file writes nothing.)"""
    import_file(sqlite_url, write_csv(tmp_path / "city.csv", city_rows(6)), today=TODAY)
    return sqlite_url


# --- sizes --------------------------------------------------------------------------------


def test_a_cell_over_the_csv_modules_own_limit_is_a_problem_not_a_traceback(tmp_path, imported):
    before = snapshot(imported)
    rows = city_rows(4)
    rows[1]["本籍"] = "東" * 200_000  # over csv.field_size_limit()'s default of 131,072
    rows[2]["備考"] = "x" * (CELL_LIMIT + 1)  # a column of the core system's own, ignored
    path = tmp_path / "long-cells.csv"
    write_csv(path, rows, extra_columns=["備考"])
    result = cli_import(path, imported, "--lang", "en")
    assert result.returncode == 1 and TRACEBACK not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == (
        f"line 3 column “本籍”: longer than {CELL_LIMIT} characters, the limit for any field "
        "of the file"
    )
    assert lines[1].startswith("line 4 column “備考”: longer than")
    assert "2 problems: nothing was imported" in lines[2]
    assert snapshot(imported) == before


def test_a_long_line_is_refused_within_bounded_memory(tmp_path, sqlite_url):
    """A 160 MB line under a 256 MB address-space limit: reading the file whole (as the
    import did before) runs out of memory; reading it line by line names the cell."""
    path = write_csv(tmp_path / "long-line.csv", city_rows(2))
    with path.open("ab") as file:
        file.write(b"1000000009,")
        for _ in range(160):
            file.write(b"9" * (1 << 20))
        file.write(b"\r\n")
    limit = 256 << 20

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    command = ["import-residents", str(path), "--database", sqlite_url]
    result = subprocess.run(
        [sys.executable, "-m", "station.launcher", *command],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=PROJECT_ROOT,
        preexec_fn=limited,
    )
    assert result.returncode == 1, result.stderr[-2000:]
    assert result.stderr.splitlines()[0] == (
        f"行4 列「住民票コード」: {CELL_LIMIT}文字を超える項目はどの列にも入れられません"
    )


def test_a_row_of_countless_cells_and_an_unclosed_quote(tmp_path, sqlite_url):
    commas = write_csv(tmp_path / "commas.csv", city_rows(2))
    with commas.open("a", encoding="utf-8") as file:
        file.write("," * 1_000_000 + "\r\n")
    assert problems_of(sqlite_url, commas) == {(4, None, "import.row_too_long")}

    unclosed = city_rows(4)
    unclosed[1]["本籍"] = "OPEN"
    path = tmp_path / "unclosed.csv"
    text = write_csv(path, unclosed).read_text("utf-8")
    text = text.replace(",OPEN,", ',"東京都みどり市,')  # a quote that never closes
    path.write_text(text + "\r\n".join("x" * 5_000 for _ in range(100)), "utf-8")
    assert (3, "本籍", "import.cell_too_long") in problems_of(sqlite_url, path)


def test_a_header_of_too_many_columns(tmp_path, sqlite_url):
    path = tmp_path / "wide.csv"
    names = HEADER + [f"列{n}" for n in range(COLUMN_LIMIT)]
    path.write_text(",".join(names) + "\r\n" + ",".join("1" for _ in names) + "\r\n", "utf-8")
    assert problems_of(sqlite_url, path) == {(1, None, "import.too_many_columns")}


# --- characters ---------------------------------------------------------------------------

REFUSED = {
    "\x00": "U+0000",
    "\x07": "U+0007",
    "\x1b": "U+001B",
    "\x7f": "U+007F",
    "\x85": "U+0085",
    "\u202a": "U+202A LEFT-TO-RIGHT EMBEDDING",
    "\u202e": "U+202E RIGHT-TO-LEFT OVERRIDE",
    "\u2066": "U+2066 LEFT-TO-RIGHT ISOLATE",
    "\u2069": "U+2069 POP DIRECTIONAL ISOLATE",
    "\u200b": "U+200B ZERO WIDTH SPACE",
    "\u200d": "U+200D ZERO WIDTH JOINER",
    "\ufeff": "U+FEFF ZERO WIDTH NO-BREAK SPACE",
    "\u2028": "U+2028 LINE SEPARATOR",
}


def test_control_and_invisible_characters_are_refused_by_the_cli(tmp_path, imported):
    before = snapshot(imported)
    rows = city_rows(len(REFUSED) + 2)
    for row, character in zip(rows[1:], REFUSED, strict=False):
        row["名（漢字）"] = "太" + character + "郎"
    rows[-1]["住所"] = rows[-1]["住所"] + "\u202e"  # at the end of a cell, where strip() reaches
    path = write_csv(tmp_path / "characters.csv", rows)
    result = cli_import(path, imported)
    assert result.returncode == 1 and TRACEBACK not in result.stderr
    lines = result.stderr.splitlines()
    for line_no, shown in enumerate(REFUSED.values(), start=3):
        assert (
            f"行{line_no} 列「名（漢字）」: 2文字目に取り込めない文字 {shown} があります"
            "（制御文字・見えない書式文字は使えません）"
        ) in lines
    assert any(line.startswith(f"行{len(rows) + 1} 列「住所」: ") for line in lines)
    assert snapshot(imported) == before


def test_characters_a_name_may_hold_are_kept(tmp_path, sqlite_url):
    """外字 in the private use area, 異体字 by variation selector, a line break inside a
    quoted cell and spaces around a value are what core systems export."""
    rows = city_rows(3)
    rows[0]["氏（漢字）"] = "\ue000田"  # 外字
    rows[1]["氏（漢字）"] = "葛\U000e0100西"  # 葛󠄀 (IVS)
    for row in rows:  # one household
        row["方書"] = "みどりハイツ\r\n別棟"
    rows[2]["名（漢字）"] = "\t花子 "
    import_file(sqlite_url, write_csv(tmp_path / "kept.csv", rows), today=TODAY)
    names = {row[2] for row in snapshot(sqlite_url)[0]}
    assert {"\ue000田", "葛\U000e0100西"} <= names


# --- files that are not an export ----------------------------------------------------------


def test_garbage_bytes_an_empty_file_and_a_header_alone(tmp_path, imported):
    before = snapshot(imported)
    garbage = tmp_path / "garbage.csv"
    garbage.write_bytes(bytes(range(256)) * 64)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    header_only = write_csv(tmp_path / "header.csv", [])
    expected = {
        garbage: "counter-app: error: Line ",
        empty: "line 1: the file is empty (no header line)",
        header_only: "line 1: the file holds the header line and no resident rows",
    }
    for path, first_line in expected.items():
        result = cli_import(path, imported, "--lang", "en")
        assert result.returncode == 1 and TRACEBACK not in result.stderr, path
        assert result.stderr.splitlines()[0].startswith(first_line), result.stderr
    assert snapshot(imported) == before


def test_a_device_or_a_folder_is_not_read(tmp_path, sqlite_url):
    for path in (Path("/dev/zero"), tmp_path):
        result = cli_import(path, sqlite_url)
        assert result.returncode == 1
        assert result.stderr.strip() == (
            f"counter-app: エラー: 取込ファイル {path} は通常のファイルではありません。"
        )


def test_the_check_stops_after_a_thousand_problems(tmp_path, sqlite_url):
    path = tmp_path / "broken.csv"
    path.write_text(",".join(HEADER) + "\r\n" + "x\r\n" * (MAX_PROBLEMS + 500), "utf-8")
    result = cli_import(path, sqlite_url)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert (
        lines[-2] == f"行{MAX_PROBLEMS + 1}: 問題が1000件に達したため、ここから先は検査していません"
    )
    assert lines[-3] == "…ほか950件" and "に1000件の問題があるため" in lines[-1]


# --- dates ----------------------------------------------------------------------------------


def test_dates_that_cannot_be_true_are_refused(tmp_path, sqlite_url):
    rows = city_rows(8)
    rows[0]["生年月日"] = "1868-10-22"  # the day before 明治元年
    rows[1]["生年月日"] = (TODAY + timedelta(days=1)).isoformat()
    rows[2]["住定日"] = (TODAY + timedelta(days=1)).isoformat()
    rows[3]["生年月日"], rows[3]["届出日"] = "1990-05-01", "19900430"
    rows[4]["異動日"] = "0001-01-01"
    rows[5]["住民となった日"] = "9999-12-31"
    assert problems_of(sqlite_url, write_csv(tmp_path / "dates.csv", rows)) == {
        (2, "生年月日", "import.date_too_early"),
        (3, "生年月日", "import.date_after_today"),
        (4, "住定日", "import.date_after_today"),
        (5, "届出日", "import.date_before_birth"),
        (6, "異動日", "import.date_too_early"),
        (7, "住民となった日", "import.date_after_today"),
    }


def test_the_limits_themselves_and_future_expiries_are_accepted(tmp_path, sqlite_url):
    rows = city_rows(3)
    for column in ("生年月日", "住民となった日", "住定日", "届出日", "異動日"):
        rows[0][column] = "1868-10-23"
        rows[1][column] = TODAY.isoformat()
    rows[2]["在留期間満了日"] = "2031-03-31"
    result = import_file(sqlite_url, write_csv(tmp_path / "edges.csv", rows), today=TODAY)
    assert result.inserted == 3


def test_the_cli_names_the_limit_of_a_date(tmp_path, sqlite_url):
    tomorrow = clock.today() + timedelta(days=1)
    rows = city_rows(2)
    rows[0]["生年月日"] = "1868-01-01"
    rows[1]["住定日"] = tomorrow.isoformat()
    for language, expected in (
        (
            "ja",
            [
                "行2 列「生年月日」: 1868-10-23（明治元年）より前の日付です（1868-01-01）",
                f"行3 列「住定日」: 今日（{clock.today()}）より後の日付です（{tomorrow}）",
            ],
        ),
        (
            "en",
            [
                "line 2 column “生年月日”: before 1868-10-23, the first day of Meiji (1868-01-01)",
                f"line 3 column “住定日”: after today, {clock.today()} ({tomorrow})",
            ],
        ),
    ):
        result = cli_import(write_csv(tmp_path / "dates.csv", rows), sqlite_url, "--lang", language)
        assert result.returncode == 1
        assert result.stderr.splitlines()[:2] == expected
