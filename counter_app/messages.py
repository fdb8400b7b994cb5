"""User-facing text for error codes, in Japanese (default) and English.

Screens translate their own labels with Qt Linguist; error text lives here because the
command-line tools must speak the user's language without Qt.
"""

from __future__ import annotations

from .errors import CounterAppError, ErrorCode

SUPPORTED_LANGUAGES = ("ja", "en")

_MESSAGES: dict[ErrorCode, dict[str, str]] = {
    ErrorCode.CONFIG_MALFORMED: {
        "ja": "設定ファイル {path} を読めません（{line}行目 {column}列目）: {detail}",
        "en": "Cannot read the configuration file {path} (line {line}, column {column}): {detail}",
    },
    ErrorCode.CONFIG_INVALID: {
        "ja": "設定ファイル {path} の「{key}」が正しくありません: {detail}",
        "en": "The setting “{key}” in {path} is not valid: {detail}",
    },
    ErrorCode.CONFIG_NOT_FOUND: {
        "ja": "設定ファイル {path} が見つかりません。",
        "en": "The configuration file {path} does not exist.",
    },
    ErrorCode.DB_UNREACHABLE: {
        "ja": "データベースに接続できません（{target}）。ネットワークとサーバーの状態を確認してください。",
        "en": "Cannot connect to the database ({target}). Check the network and the server.",
    },
    ErrorCode.DB_BUSY: {
        "ja": "データベース（{target}）は別の処理が使用中です。しばらく待ってからもう一度実行してください。",
        "en": "The database ({target}) is busy with another task. Wait a moment and try again.",
    },
    ErrorCode.DB_BAD_URL: {
        "ja": "データベースURL「{url}」が正しくありません: {detail}",
        "en": "The database URL “{url}” is not valid: {detail}",
    },
    ErrorCode.DB_NEWER_SCHEMA: {
        "ja": "データベースはこの版より新しい counter-app で作られています（{revision}）。"
        "counter-app を更新してください。",
        "en": "The database was created by a newer counter-app ({revision}). Update counter-app.",
    },
    ErrorCode.DB_MIGRATION_FAILED: {
        "ja": "データベースの更新に失敗しました。変更は取り消されました: {detail}",
        "en": "Updating the database failed and was rolled back: {detail}",
    },
    ErrorCode.AUTH_BAD_CREDENTIALS: {
        "ja": "ユーザーIDまたはパスワードが正しくありません。",
        "en": "The user ID or password is incorrect.",
    },
    ErrorCode.AUTH_DISABLED: {
        "ja": "このユーザー（{login}）は利用停止されています。管理者に連絡してください。",
        "en": "The user {login} has been disabled. Contact an administrator.",
    },
    ErrorCode.AUTH_LOCKED_OUT: {
        "ja": "ログインの失敗が続いたため、{minutes}分間ログインできません。",
        "en": "Too many failed logins: try again in {minutes} minutes.",
    },
    ErrorCode.PERMISSION_DENIED: {
        "ja": "この操作（{action}）を行う権限がありません。",
        "en": "You are not allowed to do this ({action}).",
    },
    ErrorCode.USER_EXISTS: {
        "ja": "ユーザーID「{login}」は既に登録されています。",
        "en": "The user ID “{login}” already exists.",
    },
    ErrorCode.USER_NOT_FOUND: {
        "ja": "ユーザーID「{login}」は登録されていません。",
        "en": "There is no user “{login}”.",
    },
    ErrorCode.USER_INVALID: {
        "ja": "ユーザーの「{field}」が正しくありません: {detail}",
        "en": "The user's {field} is not valid: {detail}",
    },
    ErrorCode.PASSWORD_TOO_SHORT: {
        "ja": "パスワードは{minimum}文字以上にしてください。",
        "en": "The password must have at least {minimum} characters.",
    },
    ErrorCode.PASSWORD_MISMATCH: {
        "ja": "確認用のパスワードが一致しません。",
        "en": "The two passwords do not match.",
    },
    ErrorCode.DEPARTMENT_UNKNOWN: {
        "ja": "部署「{department}」は登録されていません。",
        "en": "There is no department “{department}”.",
    },
    ErrorCode.ROLE_UNKNOWN: {
        "ja": "役割「{role}」はありません。使える役割: {choices}",
        "en": "There is no role “{role}”. Roles: {choices}",
    },
    ErrorCode.DEMO_NOT_EMPTY: {
        "ja": "データベースには既に住民が登録されています。デモデータは空のデータベースにだけ作成できます。",
        "en": "The database already holds residents. Demo data can only fill an empty database.",
    },
    ErrorCode.RESOURCE_INVALID: {
        "ja": "リソースファイル {path} が正しくありません: {detail}",
        "en": "The resource file {path} is not valid: {detail}",
    },
}


def message_for(error: CounterAppError, language: str = "ja") -> str:
    templates = _MESSAGES[error.code]
    template = templates.get(language, templates["ja"])
    try:
        return template.format(**error.params)
    except (KeyError, IndexError):
        return template
