"""`counter-app` subcommands as IT staff run them: separate processes, real databases."""

import pytest
from sqlalchemy import text

from counter_app.db.engine import make_engine
from counter_app.db.migrate import MIGRATIONS_DIR, head_revision
from tests.helpers import cli_add_back_office_user, run_cli

UNREACHABLE = "postgresql+psycopg://nobody@127.0.0.1:1/none"


@pytest.mark.empty_database
def test_db_upgrade_creates_the_schema_in_an_empty_database(database_url):
    first = run_cli("db", "upgrade", "--database", database_url)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("db upgraded:")
    again = run_cli("db", "upgrade", "--database", database_url)
    assert again.stdout.startswith("db up to date:")
    current = run_cli("db", "current", "--database", database_url)
    head = head_revision()
    assert head == sorted(p.name[11:15] for p in MIGRATIONS_DIR.glob("versions/*.py"))[-1]
    assert current.stdout.strip() == f"current={head} head={head}"


def test_users_add_list_passwd_disable(database_url):
    db = ("--database", database_url)
    added = cli_add_back_office_user(database_url, "first password")
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == "added hoken1 roles=back_office"
    listed = run_cli("users", "list", *db)
    assert "hoken1\t保険 花子\tback_office\thoken_nenkin\t有効\t-" in listed.stdout
    assert (
        run_cli(
            "users", "passwd", "hoken1", "--password-stdin", *db, stdin="second password\n"
        ).returncode
        == 0
    )
    assert run_cli("users", "disable", "hoken1", *db).returncode == 0
    listed_en = run_cli("users", "list", "--lang", "en", *db)
    assert "hoken1\t保険 花子\tback_office\thoken_nenkin\tdisabled" in listed_en.stdout
    engine = make_engine(database_url)
    with engine.connect() as connection:
        stored = connection.scalar(
            text("SELECT password_hash FROM staff_users WHERE login = 'hoken1'")
        )
    engine.dispose()
    # The command hashes at argon2-cffi's recommended cost (RFC 9106's low-memory choice).
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")


def test_interactive_password_entry_must_match(sqlite_url):
    """Without --password-stdin the password is asked twice; getpass falls back to stdin."""
    result = run_cli(
        "users",
        "add",
        "clerk1",
        "--name",
        "窓口 一郎",
        "--role",
        "window_clerk",
        "--database",
        sqlite_url,
        stdin="password one\npassword two\n",
    )
    assert result.returncode == 1
    assert "確認用のパスワードが一致しません。" in result.stderr


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ja", "データベースに接続できません（127.0.0.1:1/none）"),
        ("en", "Cannot connect to the database (127.0.0.1:1/none)"),
    ],
)
def test_an_unreachable_database_is_one_clear_line(lang, expected):
    result = run_cli("users", "list", "--database", UNREACHABLE, "--lang", lang)
    assert result.returncode == 1
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("ja", "を読めません（2行目 8列目）"), ("en", "(line 2, column 8)")],
)
def test_a_malformed_config_file_is_one_clear_line(tmp_path, lang, expected):
    config = tmp_path / "broken.toml"
    config.write_text("[terminal]\nname = \n", encoding="utf-8")
    result = run_cli("--config", str(config), "--lang", lang, "users", "list")
    assert result.returncode == 1
    assert expected in result.stderr and str(config) in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_database_url_and_an_unknown_role_are_explained(sqlite_url):
    bad_url = run_cli("db", "upgrade", "--database", "mysql://x/y")
    assert bad_url.returncode == 1
    assert "データベースURL「mysql://x/y」が正しくありません" in bad_url.stderr
    role = run_cli(
        "users",
        "add",
        "x1",
        "--name",
        "X",
        "--role",
        "mayor",
        "--password-stdin",
        "--database",
        sqlite_url,
        stdin="password123\n",
    )
    assert role.returncode == 1
    assert "役割「mayor」はありません" in role.stderr
    assert "Traceback" not in bad_url.stderr + role.stderr


def test_config_init_writes_a_template_that_loads(tmp_path):
    path = tmp_path / "pc.toml"
    assert run_cli("--config", str(path), "config", "init").returncode == 0
    shown = run_cli("--config", str(path), "config", "show")
    assert "terminal.name = MADO-01" in shown.stdout
    assert f"source = {path}" in shown.stdout
