"""`counter-app keys init|show|rotate|replace-lost`: the key file that seals My Numbers
(docs/keys.md)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..config import Config
from ..db.engine import check_connection, make_engine
from ..db.migrate import upgrade
from ..permissions import console_actor
from ..security.keyring import KeyRing, create_key_file, load_key_file
from ..security.lost_key import replace_lost_keys
from ..security.rotation import rotate_keys
from .common import guarded, language_of, open_app
from .terminal import echo

SHOWN_UNREADABLE = 20  # resident ids listed when some My Numbers did not open

_TEXT = {
    "ja": {
        "created": "keys init: 鍵ファイルを作りました: {path}（鍵 {key_id}）",
        "distribute": "同じデータベースを使うすべての端末にこのファイルを配布し（モード600、"
        "counter-app を実行するユーザーの所有）、オフラインで2か所にバックアップしてください"
        "（データベースのバックアップとは別に）。手順: docs/keys.md",
        "file": "鍵ファイル: {path}",
        "no_file": "鍵ファイル {path} はありません。新しい事務所なら counter-app keys init で作り、"
        "既存の事務所ならほかの端末かバックアップからコピーしてください。",
        "key": "  {key_id}  作成 {created}",
        "current": "（現在の鍵）",
        "rotated": "keys rotate: 新しい鍵 {key_id} を {path} に追加しました（前の鍵 {previous} も"
        "残しています）。個人番号 再暗号化={resealed} 復号不可={unreadable}",
        "outdated": "ほかの端末は、この鍵ファイルを受け取るまで起動できません（鍵ファイルが古い）。"
        "{path} を同じデータベースを使うすべての端末に配布し、バックアップも取り直してください。",
        "unreadable": "復号できない個人番号（そのまま残しました。基幹系システムから取り込み直して"
        "ください）: 住民 {ids}",
        "confirm": "鍵ファイルのコピーがすべて失われた場合だけ使います。失われた鍵で暗号化した個人番号は"
        "二度と復号できず、署名した記録は検証できなくなります。どこかにコピーが残っていれば、"
        "それを戻してください。それでも進めるときは --all-copies-lost を付けてください。",
        "replaced": "keys replace-lost: 新しい鍵 {key_id} を {path} に作り、データベースに登録しました"
        "（失われた鍵: {lost}）。復号できない個人番号={unreadable}",
        "after_loss": "個人番号は基幹系システムから取り込み直してください（counter-app import-residents）。"
        "失われた鍵で署名された監査ログ・受付の記録は検証できません。"
        "この鍵ファイルをすべての端末に配布し、オフラインで2か所にバックアップしてください。",
    },
    "en": {
        "created": "keys init: created the key file {path} (key {key_id})",
        "distribute": "Copy this file to every PC that uses the same database (mode 600, owned "
        "by the user who runs counter-app) and back it up offline in two places (apart from "
        "the database backups). How: docs/keys.md",
        "file": "key file: {path}",
        "no_file": "There is no key file {path}. For a new office, create it with counter-app "
        "keys init; otherwise copy it from another PC or a backup.",
        "key": "  {key_id}  created {created}",
        "current": " (current)",
        "rotated": "keys rotate: added the new key {key_id} to {path} (the previous key "
        "{previous} is kept). My Numbers resealed={resealed} unreadable={unreadable}",
        "outdated": "The other PCs will not start (key file out of date) until they are given "
        "this key file: copy {path} to every PC that uses the same database, and back it up "
        "again.",
        "unreadable": "My Numbers that do not open (left as they were; import them again from "
        "the core system): residents {ids}",
        "confirm": "Use this only when every copy of the key file is lost: the My Numbers the "
        "lost keys sealed never open again and what they signed can no longer be verified. If "
        "a copy exists anywhere, put it back instead. To go on, add --all-copies-lost.",
        "replaced": "keys replace-lost: created the new key {key_id} in {path} and recorded it "
        "with the database (lost keys: {lost}). My Numbers that cannot be opened={unreadable}",
        "after_loss": "Import the My Numbers again from the core system (counter-app "
        "import-residents). Audit and visit-log entries signed with the lost keys cannot be "
        "verified. Copy this key file to every PC and back it up offline in two places.",
    },
}


def register(subparsers, common) -> None:
    keys = subparsers.add_parser("keys", parents=[common], help="鍵ファイル / the key file")
    actions = keys.add_subparsers(dest="keys_command", required=True)
    init = actions.add_parser(
        "init",
        parents=[common],
        help="新しい事務所の鍵ファイルを作る / create the key file for a new office",
    )
    init.add_argument("--key-file", metavar="PATH", help="作る場所 / where to create it")
    init.set_defaults(handler=guarded(run_init))
    show = actions.add_parser(
        "show", parents=[common], help="鍵の一覧（秘密は表示しない） / list the keys, no secret"
    )
    show.add_argument("--key-file", metavar="PATH", help="鍵ファイル / the key file")
    show.set_defaults(handler=guarded(run_show))
    lost = actions.add_parser(
        "replace-lost",
        parents=[common],
        help="鍵ファイルをすべて失ったとき、新しい鍵に置き換える / every copy lost: a new key",
    )
    lost.add_argument("--key-file", metavar="PATH", help="作る場所 / where to create it")
    lost.add_argument(
        "--all-copies-lost",
        action="store_true",
        help="コピーが残っていないことの確認 / confirms that no copy is left",
    )
    lost.set_defaults(handler=guarded(run_replace_lost))
    actions.add_parser(
        "rotate",
        parents=[common],
        help="新しい鍵に切り替え、個人番号を暗号化し直す / add a new key and reseal My Numbers",
    ).set_defaults(handler=guarded(run_rotate))


def _key_file(args: argparse.Namespace, config: Config) -> Path:
    chosen = getattr(args, "key_file", None)
    return Path(chosen).expanduser() if chosen else config.effective_key_file


def run_init(args: argparse.Namespace, config: Config) -> int:
    text = _TEXT[language_of(args, config)]
    ring = create_key_file(_key_file(args, config))
    echo(text["created"].format(path=ring.path, key_id=ring.current.id))
    echo(text["distribute"])
    return 0


def run_show(args: argparse.Namespace, config: Config) -> int:
    text = _TEXT[language_of(args, config)]
    path = _key_file(args, config)
    if not path.exists():
        echo(f"counter-app: {text['no_file'].format(path=path)}", error=True)
        return 1
    ring = load_key_file(path)
    echo(text["file"].format(path=ring.path))
    echo(*key_lines(ring, text))
    return 0


def key_lines(ring: KeyRing, text: dict[str, str]) -> list[str]:
    return [
        text["key"].format(key_id=key.id, created=key.created.isoformat(timespec="seconds"))
        + (text["current"] if key is ring.current else "")
        for key in ring.keys
    ]


def run_rotate(args: argparse.Namespace, config: Config) -> int:
    text = _TEXT[language_of(args, config)]
    app = open_app(args, config)
    try:
        rotation = rotate_keys(app.db, console_actor(config.terminal_name))
    finally:
        app.close()
    echo(
        text["rotated"].format(
            key_id=rotation.key_id,
            path=rotation.path,
            previous=rotation.previous_key_id,
            resealed=rotation.resealed,
            unreadable=len(rotation.unreadable),
        )
    )
    if rotation.unreadable:
        shown = ", ".join(str(r) for r in rotation.unreadable[:SHOWN_UNREADABLE])
        more = " …" if len(rotation.unreadable) > SHOWN_UNREADABLE else ""
        echo(text["unreadable"].format(ids=shown + more))
    echo(text["outdated"].format(path=rotation.path))
    return 0


def run_replace_lost(args: argparse.Namespace, config: Config) -> int:
    text = _TEXT[language_of(args, config)]
    if not args.all_copies_lost:
        echo(f"counter-app: {text['confirm']}", error=True)
        return 2
    engine = make_engine(getattr(args, "database", None) or config.effective_database_url)
    try:
        check_connection(engine)
        upgrade(engine)
        done = replace_lost_keys(
            engine, _key_file(args, config), console_actor(config.terminal_name)
        )
    finally:
        engine.dispose()
    lost = ", ".join(done.lost_key_ids) or "-"
    echo(
        text["replaced"].format(
            key_id=done.key_id, path=done.path, lost=lost, unreadable=done.unreadable_my_numbers
        )
    )
    echo(text["after_loss"])
    return 0
