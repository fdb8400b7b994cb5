"""`counter-app voice add | search | report` as IT staff run it: one line per result,
bad input exits 2 with one line, the report written whole in the chosen format."""

from __future__ import annotations

import subprocess

import pytest

from counter_app.clock import today
from counter_app.permissions import RoleCode
from tests import helpers


@pytest.fixture
def database(database_url):
    app = helpers.open_app(database_url)
    helpers.add_user(app, "madoguchi", RoleCode.WINDOW_CLERK)
    app.close()
    return database_url


def cli(database: str, *args: str) -> subprocess.CompletedProcess:
    return helpers.run_cli("voice", *args, "--database", database)


def test_a_voice_added_at_the_command_line_is_found_by_a_search(database):
    added = cli(
        database,
        "add",
        "--kind",
        "苦情",
        "--channel",
        "窓口",
        "--department",
        "shimin",
        "--topic",
        "waiting",
        "--text",
        "番号が呼ばれるまで一時間待った",
        "--as",
        "madoguchi",
    )
    assert (added.returncode, added.stdout) == (0, "voice id=1\n"), added.stderr
    cli(
        database,
        "add",
        "--kind",
        "thanks",
        "--channel",
        "phone",
        "--department",
        "kodomo",
        "--text",
        "丁寧な説明をありがとう",
        "--as",
        "madoguchi",
    )
    found = cli(database, "search", "一時間", "--as", "madoguchi")
    assert found.returncode == 0
    assert found.stdout.splitlines() == ["1\t苦情\tshimin\t番号が呼ばれるまで一時間待った"]
    both = cli(database, "search", "", "--as", "madoguchi")
    assert [line.split("\t")[1] for line in both.stdout.splitlines()] == ["お礼", "苦情"]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--kind", "悪口", "--channel", "窓口", "--department", "shimin"), "区分「悪口」"),
        (("--kind", "苦情", "--channel", "FAX", "--department", "shimin"), "経路「FAX」"),
        (("--kind", "苦情", "--channel", "窓口", "--department", "nowhere"), "nowhere"),
        (
            ("--kind", "苦情", "--channel", "窓口", "--department", "shimin", "--topic", "x"),
            "分野「x」",
        ),
    ],
)
def test_bad_input_exits_2_with_one_line_and_keeps_nothing(database, args, says):
    result = cli(database, "add", *args, "--text", "本文", "--as", "madoguchi")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and says in result.stderr
    assert cli(database, "search", "", "--as", "madoguchi").stdout == ""


def test_the_report_is_written_as_csv_with_a_bom_text_or_a_japanese_pdf(database, tmp_path):
    cli(
        database,
        "add",
        "--kind",
        "要望",
        "--channel",
        "メール",
        "--department",
        "shimin",
        "--topic",
        "parking",
        "--text",
        "駐車場を広げてほしい",
        "--as",
        "madoguchi",
    )
    month = today().strftime("%Y-%m")
    out = tmp_path / "voices.csv"
    made = cli(database, "report", "--month", month, "--format", "csv", "--out", str(out))
    assert made.returncode == 0, made.stderr
    content = out.read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")
    assert "駐車場・交通" in content.decode("utf-8-sig")
    assert "駐車場を広げて" not in content.decode("utf-8-sig"), "no voice's text in a report"
    cp932 = tmp_path / "voices-cp932.csv"
    cli(
        database,
        "report",
        "--month",
        month,
        "--format",
        "csv",
        "--encoding",
        "cp932",
        "--out",
        str(cp932),
    )
    assert "要望" in cp932.read_bytes().decode("cp932")
    pdf = tmp_path / "voices.pdf"
    cli(database, "report", "--month", month, "--format", "pdf", "--out", str(pdf))
    read_back = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "住民の声" in read_back and "要望" in read_back
    text = cli(database, "report", "--month", month)
    assert text.returncode == 0 and "駐車場・交通" in text.stdout


@pytest.mark.parametrize("month", ["2026-13", "202612", "12-2026", "2026-00"])
def test_a_month_that_is_no_month_exits_2(database, month):
    result = cli(database, "report", "--month", month)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"counter-app: エラー: 月 {month} が正しくありません（YYYY-MM の形で入力してください）。"
    ]


def test_the_search_masks_personal_data_on_the_terminal_and_in_the_csv(database, tmp_path):
    cli(
        database,
        "add",
        "--kind",
        "要望",
        "--channel",
        "電話",
        "--department",
        "shimin",
        "--text",
        "田中様へ090-1111-2222で折り返し",
        "--as",
        "madoguchi",
    )
    shown = cli(database, "search", "折り返し", "--as", "madoguchi")
    assert shown.stdout.splitlines() == ["1\t要望\tshimin\t＊＊＊へ＊＊＊で折り返し"]
    out = tmp_path / "hits.csv"
    exported = cli(database, "search", "折り返し", "--as", "madoguchi", "--csv", str(out))
    assert exported.returncode == 0 and exported.stdout == f"voice export out={out}\n"
    text = out.read_bytes().decode("utf-8-sig")
    assert "＊＊＊へ＊＊＊で折り返し" in text and "田中" not in text and "090" not in text
