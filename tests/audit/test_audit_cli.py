"""`counter-app audit verify [--checkpoint FILE]` and `audit checkpoint --out FILE`, run as
IT staff would: what an attacker with the schema owner's rights does to either log makes
verify exit 1 naming the log and the entry, and the checkpoint taken before names the
shorter or diverging log; a clean database verifies with and without it."""

from __future__ import annotations

import json

import pytest

from counter_app.cli.audit_text import finding_line
from counter_app.db.engine import make_engine
from counter_app.security.chain import CHAINED_LOGS
from counter_app.security.chain_verify import Finding, FindingKind
from counter_app.security.checkpoint import read_checkpoint
from counter_app.security.keyring import KeyRing, load_key_file, new_secret_key
from tests.audit import tamper
from tests.audit.conftest import config_file, environment
from tests.helpers import run_cli

NAMES = {
    "audit_log": "監査ログ（audit_log）",
    "procedure_actions": "受付の操作記録（procedure_actions）",
}
DETECTED = "audit verify: 改ざんを検出しました"


def cli(template, url: str, *args: str):
    config = config_file(template.folder, url, template.key_file)
    return run_cli("--config", str(config), *args, env=environment(template.folder))


def test_a_clean_database_verifies_with_and_without_the_checkpoint(template):
    counts = " ".join(f"{name}={n}" for name, n in template.entries_at_checkpoint.items())
    oks = [
        f"audit verify {log.name} entries={template.entries[log.name]} ok" for log in CHAINED_LOGS
    ]
    plain = cli(template, template.url, "audit", "verify")
    assert (plain.returncode, plain.stdout.splitlines()) == (0, oks), plain.stderr
    taken_at = read_checkpoint(template.checkpoint).taken_at.isoformat()
    held = cli(template, template.url, "audit", "verify", "--checkpoint", str(template.checkpoint))
    assert (held.returncode, held.stdout.splitlines()) == (
        0,
        [*oks, f"audit verify checkpoint {taken_at} holds {counts}"],
    ), held.stderr

    printed = cli(template, template.url, "audit", "checkpoint", "--out", "-")
    assert printed.returncode == 0, printed.stderr
    document = json.loads(printed.stdout)
    assert {name: log["entries"] for name, log in document["logs"].items()} == template.entries
    assert "@" not in document["database"] and "password" not in printed.stdout


def _attack(kind: str, engine, template, log) -> None:
    ids = tamper.entry_ids(engine, log)
    if kind == "delete_newest":
        tamper.delete_newest(engine, log, len(ids) - (template.entries_at_checkpoint[log.name] - 2))
    elif kind == "empty":
        tamper.empty(engine, log)
    elif kind == "alter":
        tamper.alter(engine, log, ids[1])
    elif kind == "sha256":
        key_id = load_key_file(template.key_file).current.id
        tamper.chain_anew(engine, log, tamper.sha256, key_id, altered=ids[1])
    else:
        theirs = THEIR_KEYS
        tamper.chain_anew(
            engine,
            log,
            lambda data: theirs.digest(log.purpose, data),
            theirs.current.id,
            altered=ids[1],
        )


THEIR_KEYS = KeyRing([new_secret_key()])


def _expected(kind: str, template, log, ids: list[int]) -> list[str]:
    """The lines verify prints for `log` after `kind`, with the checkpoint."""
    total, at_checkpoint = len(ids), template.entries_at_checkpoint[log.name]
    head = f"{total}件、記録 #{ids[-1]} まで"
    checkpoint = f"チェックポイント: {at_checkpoint}件、記録 #{ids[at_checkpoint - 1]} まで"
    diverges = (
        f"記録 #{ids[at_checkpoint - 1]} でチェックポイントと分岐しています"
        f"（チェックポイントの {at_checkpoint}件目は記録 #{ids[at_checkpoint - 1]}）"
    )
    kept = at_checkpoint - 2
    texts = {
        "delete_newest": [
            f"記録 #{ids[kept - 1]} より後の記録が削除されています（署名済みの末尾: {head}）",
            f"チェックポイントより短くなっています: {kept}件（{checkpoint}）",
        ],
        "empty": [
            f"記録がすべて削除されています（署名済みの末尾: {head}）",
            f"チェックポイントより短くなっています: 0件（{checkpoint}）",
        ],
        "alter": [f"記録 #{ids[1]}（内容の不一致）"],
        "sha256": [
            f"記録 #{ids[0]}（内容の不一致）",
            "署名済みの末尾が改ざんされています",
            diverges,
        ],
        "other_key": [
            f"記録 #{ids[0]}（鍵ファイルにない鍵 {THEIR_KEYS.current.id} で署名）",
            "署名済みの末尾が改ざんされています",
            diverges,
        ],
    }[kind]
    return [f"{DETECTED}: {NAMES[log.name]}: {text}" for text in texts]


@pytest.mark.parametrize("kind", ["delete_newest", "empty", "alter", "sha256", "other_key"])
def test_tampering_with_both_logs_is_named_log_by_log(template, copy_url, kind):
    engine = make_engine(copy_url)
    tamper.lift_triggers(engine)
    ids = {log.name: tamper.entry_ids(engine, log) for log in CHAINED_LOGS}
    for log in CHAINED_LOGS:
        _attack(kind, engine, template, log)
    engine.dispose()

    result = cli(template, copy_url, "audit", "verify", "--checkpoint", str(template.checkpoint))
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        line for log in CHAINED_LOGS for line in _expected(kind, template, log, ids[log.name])
    ]


def test_english_names_the_log_and_the_entry(template, copy_url):
    engine = make_engine(copy_url)
    tamper.lift_triggers(engine)
    newest = tamper.entry_ids(engine, CHAINED_LOGS[1])
    tamper.delete_newest(engine, CHAINED_LOGS[1], 1)
    engine.dispose()
    result = cli(template, copy_url, "--lang", "en", "audit", "verify")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"audit verify audit_log entries={template.entries['audit_log']} ok",
        "audit verify: tampering detected: visit action log (procedure_actions): the entries "
        f"after #{newest[-2]} were removed (its signed head: {len(newest)} entries, "
        f"up to #{newest[-1]})",
    ]


def test_a_checkpoint_that_cannot_be_read_is_one_line_and_exit_2(tmp_path, sqlite_url):
    broken = tmp_path / "checkpoint.json"
    broken.write_text('{"format": "counter-app-checkpoint/1", "logs": [', encoding="utf-8")
    for path, detail in ((tmp_path / "missing.json", "No such file"), (broken, "not JSON")):
        result = run_cli("audit", "verify", "--checkpoint", str(path), "--database", sqlite_url)
        assert result.returncode == 2
        assert result.stdout == ""
        assert len(result.stderr.splitlines()) == 1
        assert result.stderr.startswith(
            f"counter-app: エラー: チェックポイント {path} を読めません"
        )
        assert detail in result.stderr


def test_a_checkpoint_is_never_written_over_another(template, tmp_path):
    existing = tmp_path / "kept.json"
    existing.write_text("an older checkpoint\n", encoding="utf-8")
    result = cli(
        template, template.url, "audit", "checkpoint", "--out", str(existing), "--lang", "en"
    )
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"counter-app: error: The checkpoint {existing} exists already; it is not overwritten "
        "(give another name)."
    ]
    assert existing.read_text(encoding="utf-8") == "an older checkpoint\n"


def test_a_key_id_read_from_the_database_is_shown_escaped_and_cut():
    forged = "\x1b[2J" + "k" * 100
    line = finding_line("audit_log", Finding(FindingKind.UNKNOWN_KEY, 7, key_id=forged), "en")
    assert "\x1b" not in line
    assert line.startswith(
        "audit verify: tampering detected: audit log (audit_log): entry #7 (signed with key "
        "\\x1b[2J" + "k" * 56 + "…, which the key file does not hold)"
    )
