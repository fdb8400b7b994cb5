"""User-facing text for error codes, in Japanese (default) and English.

Screens translate their own labels with Qt Linguist; error text lives here because the
command-line tools must speak the user's language without Qt.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from .errors import CounterAppError, ErrorCode
from .safe_text import shown

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
    ErrorCode.DB_SERVER_FULL: {
        "ja": "データベースサーバー（{target}）の接続数が上限に達しています。しばらく待ってからもう一度お試しください。続く場合はシステム担当者に連絡してください（PostgreSQL の max_connections）。",
        "en": "The database server ({target}) has no free connections. Wait a moment and try again; if this goes on, call IT (PostgreSQL's max_connections).",
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
    ErrorCode.QUEUE_TICKET_TOO_LARGE: {
        "ja": "分類「{category}」の番号札はプリンタ（{profile}）で印刷できません: {size} バイトで、"
        "上限の {limit} バイトを超えます。{shorten}",
        "en": "Tickets of the category “{category}” cannot print on the printer ({profile}): "
        "{size} bytes, over its limit of {limit}. {shorten_en}",
    },
    ErrorCode.RESOURCE_INVALID: {
        "ja": "リソースファイル {path} が正しくありません: {detail}",
        "en": "The resource file {path} is not valid: {detail}",
    },
    ErrorCode.DATE_INVALID: {
        "ja": "「{text}」は存在しない日付です。",
        "en": "“{text}” is not a valid date.",
    },
    ErrorCode.DATE_OUTSIDE_ERA: {
        "ja": "「{text}」はありません（{era}の期間は{period}）。西暦{western}は{actual}です。",
        "en": "“{text}” does not exist ({era}: {period}). The day {western} is {actual}.",
    },
    ErrorCode.RESIDENT_NOT_FOUND: {
        "ja": "住民（ID {resident_id}）は登録されていません。",
        "en": "There is no resident with ID {resident_id}.",
    },
    ErrorCode.SUPPORT_MEASURE_BLOCKED: {
        "ja": "この住民は支援措置（DV・ストーカー・児童虐待等）の対象です。記録は保護されており、"
        "監督者が理由を記録して閲覧を許可するまで表示できません。この操作は記録されました。",
        "en": "This resident is under a support measure (DV, stalking, child abuse …). The record "
        "is protected and cannot be shown until a supervisor authorises it with a reason. "
        "This attempt has been logged.",
    },
    ErrorCode.PURPOSE_REQUIRED: {
        "ja": "個人番号を表示する利用目的を入力してください。",
        "en": "Enter the purpose for showing the My Number.",
    },
    ErrorCode.REASON_REQUIRED: {
        "ja": "閲覧を許可する理由を入力してください。",
        "en": "Enter the reason for authorising access.",
    },
    ErrorCode.MY_NUMBER_NOT_RECORDED: {
        "ja": "この住民の個人番号は記録されていません。",
        "en": "No My Number is recorded for this resident.",
    },
    ErrorCode.SCENARIO_ALREADY_LOADED: {
        "ja": "シナリオの世帯・住民は既にデータベースにあります（世帯番号: {households}／"
        "宛名番号: {residents}／住民票コード: {codes}）。何も書き込んでいません。",
        "en": "The scenario households or residents are already in the database (households: "
        "{households}; atena numbers: {residents}; 住民票コード: {codes}). Nothing was written.",
    },
    ErrorCode.SCENARIO_CONFLICT: {
        "ja": "シナリオ {scenario} の {key}「{value}」は、シナリオ {other} で別の内容で使われています。"
        "何も書き込んでいません。",
        "en": "Scenario {scenario} uses {key} “{value}” differently from scenario {other}. "
        "Nothing was written.",
    },
    ErrorCode.SCENARIO_UNKNOWN_PERSON: {
        "ja": "シナリオ {scenario} の {path} が指す宛名番号 {person} の住民がいません。"
        "何も書き込んでいません。",
        "en": "In scenario {scenario}, {path} names atena number {person}, who is neither in the "
        "file's households nor in the database. Nothing was written.",
    },
    ErrorCode.SCENARIO_VALUE_TOO_LONG: {
        "ja": "シナリオ {scenario} の {path}「{value}」は長すぎます（{limit}文字まで）。"
        "何も書き込んでいません。",
        "en": "In scenario {scenario}, {path} “{value}” is too long (at most {limit} characters). "
        "Nothing was written.",
    },
    ErrorCode.GUIDE_REASON_REQUIRED: {
        "ja": "手続きを追加・除外する理由を入力してください。",
        "en": "Enter the reason for adding or dropping the procedure.",
    },
    ErrorCode.GUIDE_UNKNOWN_PROCEDURE: {
        "ja": "手続き「{procedure}」は手続きカタログにありません。",
        "en": "The procedure “{procedure}” is not in the procedure catalog.",
    },
    ErrorCode.CATALOG_INVALID: {
        "ja": "手続きカタログ {folder} に{count}件の問題があるため起動できません（最初の問題: {first}）。"
        "`counter-app catalog check {folder}` で全件を確認してください。",
        "en": "The procedure catalog {folder} has {count} problem(s), so the app cannot start "
        "(first: {first}). Run `counter-app catalog check {folder}` to see them all.",
    },
    ErrorCode.GUIDE_UNKNOWN_EVENT: {
        "ja": "届出の種類「{event}」は手続きカタログにありません。",
        "en": "The life event “{event}” is not in the procedure catalog.",
    },
    ErrorCode.IMPORT_FILE_UNREADABLE: {
        "ja": "取込ファイル {path} を読めません: {detail}",
        "en": "Cannot read the import file {path}: {detail}",
    },
    ErrorCode.IMPORT_ENCODING: {
        "ja": "取込ファイル {path} の{line}行目は文字コード {encoding} として読めません。",
        "en": "Line {line} of the import file {path} is not valid {encoding}.",
    },
    ErrorCode.IMPORT_REJECTED: {
        "ja": "取込ファイル {path} に{count}件の問題があるため、何も取り込みませんでした。",
        "en": "The import file {path} has {count} problems: nothing was imported.",
    },
    ErrorCode.IMPORT_MISSING_COLUMN: {
        "ja": "必須の列がありません",
        "en": "this required column is missing",
    },
    ErrorCode.IMPORT_DUPLICATE_COLUMN: {
        "ja": "同じ列が2回あります",
        "en": "this column appears twice",
    },
    ErrorCode.IMPORT_FIELD_COUNT: {
        "ja": "列の数が{actual}個です（見出しは{expected}個）",
        "en": "the row has {actual} fields, the header {expected}",
    },
    ErrorCode.IMPORT_REQUIRED: {
        "ja": "必須の項目が空です",
        "en": "this required field is empty",
    },
    ErrorCode.IMPORT_TOO_LONG: {
        "ja": "{maximum}文字を超えています（{value}）",
        "en": "longer than {maximum} characters ({value})",
    },
    ErrorCode.IMPORT_BAD_DIGITS: {
        "ja": "半角数字{digits}桁ではありません（{value}）",
        "en": "not {digits} half-width digits ({value})",
    },
    ErrorCode.IMPORT_NOT_DIGITS: {
        "ja": "半角数字{maximum}桁以内ではありません（{value}）",
        "en": "not up to {maximum} half-width digits ({value})",
    },
    ErrorCode.IMPORT_BAD_DATE: {
        "ja": "日付ではないか、存在しない日付です（{value}）。YYYY-MM-DD で入力してください",
        "en": "not a date, or a date that does not exist ({value}); use YYYY-MM-DD",
    },
    ErrorCode.IMPORT_BAD_SEX: {
        "ja": "男・女・1・2 のいずれかではありません（{value}）",
        "en": "not one of 男, 女, 1, 2 ({value})",
    },
    ErrorCode.IMPORT_BAD_KANA: {
        "ja": "カタカナ（ひらがな・半角カナも可）ではありません（{value}）",
        "en": "not katakana (hiragana and half-width kana are accepted) ({value})",
    },
    ErrorCode.IMPORT_BAD_MY_NUMBER: {
        "ja": "個人番号が12桁でないか、検査用数字が合いません",
        "en": "the My Number is not 12 digits or its check digit is wrong",
    },
    ErrorCode.IMPORT_BAD_FORMAT: {
        "ja": "形式が正しくありません（{value}、例: {example}）",
        "en": "not in the expected form ({value}; e.g. {example})",
    },
    ErrorCode.IMPORT_BAD_CHOICE: {
        "ja": "{choices} のいずれかではありません（{value}）",
        "en": "not one of {choices} ({value})",
    },
    ErrorCode.IMPORT_DUPLICATE_KEY: {
        "ja": "{value} は{first_line}行目と重複しています",
        "en": "{value} repeats line {first_line}",
    },
    ErrorCode.IMPORT_NO_HEAD: {
        "ja": "世帯番号 {household_no} の世帯に世帯主がいません",
        "en": "household {household_no} has no 世帯主 (head)",
    },
    ErrorCode.IMPORT_TWO_HEADS: {
        "ja": "世帯番号 {household_no} の世帯主が{first_line}行目にもいます",
        "en": "household {household_no} already has its 世帯主 (head) on line {first_line}",
    },
    ErrorCode.IMPORT_ADDRESS_DISAGREES: {
        "ja": "世帯番号 {household_no} の{first_line}行目と住所が一致しません",
        "en": "the address differs from line {first_line} of household {household_no}",
    },
    ErrorCode.IMPORT_CODE_TAKEN: {
        "ja": "この住民票コードは、ファイルにない宛名番号 {atena_no} の住民が使っています",
        "en": "this 住民票コード belongs to resident {atena_no}, who is not in the file",
    },
    ErrorCode.QUEUE_CATEGORY_UNKNOWN: {
        "ja": "発券区分「{category}」はありません（resources/queue/categories.yaml）。",
        "en": "There is no ticket category “{category}” (resources/queue/categories.yaml).",
    },
    ErrorCode.QUEUE_CATEGORY_CLOSED: {
        "ja": "「{name}」の受付時間（{opens}〜{closes}）外のため発券できません。",
        "en": "“{name}” issues tickets from {opens} to {closes} only.",
    },
    ErrorCode.QUEUE_TICKET_NOT_FOUND: {
        "ja": "番号札（{ticket}）が見つかりません。",
        "en": "Ticket {ticket} does not exist.",
    },
    ErrorCode.QUEUE_TICKET_STATE: {
        "ja": "番号 {number} は今の状態（{status}）ではこの操作ができません。",
        "en": "Ticket {number} does not allow this in its current status ({status}).",
    },
    ErrorCode.QUEUE_WINDOW_BUSY: {
        "ja": "{window}番窓口はまだ番号 {number} を呼び出し中か対応中です。"
        "対応終了・不在・転送のいずれかにしてから次を呼んでください。",
        "en": "Window {window} still has ticket {number} called or in service: finish it, "
        "mark it absent or transfer it before calling the next.",
    },
    ErrorCode.QUEUE_WINDOW_INVALID: {
        "ja": "窓口番号 {window} は正しくありません（1以上の整数）。",
        "en": "Window number {window} is not valid (a whole number from 1).",
    },
    ErrorCode.QUEUE_PRINT_JOB_NOT_FOUND: {
        "ja": "印刷ジョブ {job} が見つかりません。",
        "en": "Print job {job} does not exist.",
    },
    ErrorCode.VISIT_NOT_FOUND: {
        "ja": "受付番号 {visit} の受付が見つかりません。",
        "en": "Visit {visit} does not exist.",
    },
    ErrorCode.VISIT_CLOSED: {
        "ja": "受付番号 {visit} はすでに終了しています。",
        "en": "Visit {visit} is already closed.",
    },
    ErrorCode.VISIT_PROCEDURE_NOT_FOUND: {
        "ja": "手続き（{procedure}）が見つかりません。",
        "en": "Procedure {procedure} of a visit does not exist.",
    },
    ErrorCode.VISIT_PROCEDURE_STATE: {
        "ja": "「{name}」は今の状態（{status}）ではこの操作ができません。",
        "en": "“{name}” does not allow this in its current status ({status}).",
    },
    ErrorCode.VISIT_OTHER_DEPARTMENT: {
        "ja": "{department}の手続きは、その課の職員と監督者だけが扱えます。",
        "en": "Only the staff of {department} and supervisors may handle its procedures.",
    },
    ErrorCode.VISIT_ALREADY_CLAIMED: {
        "ja": "「{name}」はすでに {holder} さんが担当しています。",
        "en": "“{name}” is already held by {holder}.",
    },
    ErrorCode.VISIT_NOT_CLAIMED: {
        "ja": "「{name}」は担当者がいません。先に担当（受付）してください。",
        "en": "Nobody holds “{name}”: claim it first.",
    },
    ErrorCode.VISIT_NOT_HOLDER: {
        "ja": "「{name}」は {holder} さんが担当しています。担当者だけが処理できます。",
        "en": "“{name}” is held by {holder}; only the holder may act on it.",
    },
    ErrorCode.VISIT_QUESTION_REQUIRED: {
        "ja": "窓口に差し戻す理由（確認したいこと）を入力してください。",
        "en": "Enter the reason for returning it to the window (the question to ask).",
    },
    ErrorCode.VISIT_ANSWER_REQUIRED: {
        "ja": "差戻しへの回答を入力してください。",
        "en": "Enter the answer to the department's question.",
    },
    ErrorCode.VISIT_NOTE_REQUIRED: {
        "ja": "決定の内容（決定メモ）を入力してください。",
        "en": "Enter a decision note.",
    },
    ErrorCode.VISIT_ASSIGNEE_INVALID: {
        "ja": "{login} さんは{department}の有効な原課職員ではないため、担当にできません。",
        "en": "{login} is not an active back-office user of {department}.",
    },
    ErrorCode.VISIT_DRAFT_NEEDS_USER: {
        "ja": "受付の下書きはログインした職員だけが保存できます。",
        "en": "Only a logged-in staff user can keep a draft visit.",
    },
    ErrorCode.VISIT_NUMBER_NOT_RESERVED: {
        "ja": "受付番号 {visit} は発番されていないか、すでに使われています。",
        "en": "Visit number {visit} was never issued or is already in use.",
    },
    ErrorCode.VISIT_FORMS_OTHER_VISIT: {
        "ja": "この書類は受付 {forms} のものです。受付 {visit} には記録できません。",
        "en": "These forms belong to visit {forms}; they cannot be recorded on visit {visit}.",
    },
    ErrorCode.KEY_FILE_MISSING: {
        "ja": "鍵ファイル {path} がありません。このデータベースはすでに鍵を使っています。"
        "ほかの端末と同じ鍵ファイルをこの場所に置いてください（新しく作らないこと）。",
        "en": "The key file {path} is missing. This database already uses a key: copy the "
        "office's key file to this place (do not make a new one).",
    },
    ErrorCode.KEY_FILE_EXISTS: {
        "ja": "鍵ファイル {path} はすでにあります。上書きしません。",
        "en": "The key file {path} exists already; it is not overwritten.",
    },
    ErrorCode.KEY_FILE_INVALID: {
        "ja": "鍵ファイル {path} を読めません: {detail}",
        "en": "Cannot read the key file {path}: {detail}",
    },
    ErrorCode.KEY_FILE_PERMISSIONS: {
        "ja": "鍵ファイル {path} はほかのユーザーも読めます（モード {mode}）。"
        "`chmod 600 {path}` で所有者だけが読めるようにしてください。",
        "en": "The key file {path} is readable by other users (mode {mode}). "
        "Make it private with `chmod 600 {path}`.",
    },
    ErrorCode.KEY_FILE_MISMATCH: {
        "ja": "鍵ファイル {path} はこのデータベースの鍵ではありません（鍵 {key_id}）。"
        "ほかの端末と同じ鍵ファイルを使ってください。",
        "en": "The key file {path} does not belong to this database (key {key_id}). "
        "Use the same key file as the office's other PCs.",
    },
    ErrorCode.KEY_FILE_OUTDATED: {
        "ja": "鍵ファイル {path} は古い版です。データベースは新しい鍵 {key_id} を使っています。"
        "鍵の更新後の鍵ファイルをこの端末にも配布してください。",
        "en": "The key file {path} is out of date: the database uses the newer key {key_id}. "
        "Copy the key file made by the rotation to this PC.",
    },
    ErrorCode.KEY_UNKNOWN: {
        "ja": "鍵ファイル {path} に鍵 {key_id} がありません。古い鍵を消さずに残した鍵ファイルを使ってください。",
        "en": "The key file {path} does not hold the key {key_id}. Use a key file that kept "
        "its older keys.",
    },
    ErrorCode.KEY_CANNOT_OPEN: {
        "ja": "暗号化された値を復号できません（鍵 {key_id}）。値が改ざんされたか、別の鍵で暗号化されています。",
        "en": "An encrypted value cannot be opened (key {key_id}): it was altered or sealed "
        "with another key.",
    },
    # settings out of range (issue 12, hostile input)
    ErrorCode.CONFIG_OUT_OF_RANGE: {
        "ja": "設定ファイル {path} の「{key}」は {low}〜{high} の範囲で書いてください（{value} は範囲外です）。",
        "en": "The setting “{key}” in {path} must be from {low} to {high} ({value} is out of range).",
    },
    ErrorCode.CONFIG_TEXT_TOO_LONG: {
        "ja": "設定ファイル {path} の「{key}」が長すぎます（{length}文字、{limit}文字まで）。",
        "en": "The setting “{key}” in {path} is too long ({length} characters; at most {limit}).",
    },
    ErrorCode.CONFIG_CONTROL_CHARACTER: {
        "ja": "設定ファイル {path} の「{key}」に制御文字 {character} があります（{position}文字目）。",
        "en": "The setting “{key}” in {path} holds the control character {character} "
        "(character {position}).",
    },
    # issue 12, visits follow the records' rules
    ErrorCode.VISIT_NOT_ROUTED: {
        "ja": "受付 {visit} には、あなたの課の手続きがありません。この操作は記録されました。",
        "en": "Visit {visit} has no procedure of your departments. This attempt has been logged.",
    },
    ErrorCode.VISIT_PROTECTED: {
        "ja": "受付 {visit} には支援措置（DV・ストーカー・児童虐待等）の対象者が含まれています。"
        "氏名や住所を保護するため、監督者が理由を記録して閲覧を許可するまで表示できません。"
        "この操作は記録されました。",
        "en": "Visit {visit} names a person under a support measure (DV, stalking, child abuse "
        "…). To protect their name and address it cannot be shown until a supervisor "
        "authorises it with a reason. This attempt has been logged.",
    },
    ErrorCode.SUPPORT_MEASURE_GRANTEE_INVALID: {
        "ja": "{login} さんには閲覧を許可できません（住民記録を閲覧できる有効な職員ではありません）。",
        "en": "{login} cannot be authorised: not an active staff user who may view residents.",
    },
    # at rest: the SQLite file and the sealed My Numbers (issue 12, items 3 and 9)
    ErrorCode.DB_FOLDER_MISSING: {
        "ja": "データベースのフォルダ {folder} がありません。フォルダを作るか、データベースURLを"
        "確認してください（自動では作りません）。",
        "en": "The database folder {folder} does not exist. Create it or check the database URL "
        "(it is not created automatically).",
    },
    ErrorCode.DB_NOT_A_DATABASE: {
        "ja": "{path} はSQLiteのデータベースではないか、壊れています。"
        "ファイル名を確認するか、バックアップから戻してください。",
        "en": "{path} is not an SQLite database, or it is damaged. Check the file name or "
        "restore it from a backup.",
    },
    ErrorCode.MY_NUMBER_UNREADABLE: {
        "ja": "住民 {resident_id} の個人番号を復号できません（鍵 {key_id}）。値が改ざんされたか、"
        "鍵ファイルにその鍵がありません。基幹系システムから取り込み直してください。",
        "en": "The My Number of resident {resident_id} cannot be opened (key {key_id}): it was "
        "altered or the key file lacks that key. Import it again from the core system.",
    },
    ErrorCode.MY_NUMBER_NEEDS_KEYS: {
        "ja": "データベースには暗号化されていない個人番号が {count} 件あります。暗号化には鍵ファイルが"
        "必要です。鍵ファイルを置いて counter-app db upgrade を実行してください。",
        "en": "The database holds {count} My Numbers in clear; sealing them needs the key file. "
        "Put the key file in place and run counter-app db upgrade.",
    },
    # Hostile import input (issue 12 item 7)
    ErrorCode.IMPORT_NOT_A_FILE: {
        "ja": "取込ファイル {path} は通常のファイルではありません。",
        "en": "The import file {path} is not a regular file.",
    },
    ErrorCode.IMPORT_EMPTY_FILE: {
        "ja": "ファイルが空です（見出しの行がありません）",
        "en": "the file is empty (no header line)",
    },
    ErrorCode.IMPORT_NO_ROWS: {
        "ja": "見出しの行だけで、住民の行がありません",
        "en": "the file holds the header line and no resident rows",
    },
    ErrorCode.IMPORT_TOO_MANY_COLUMNS: {
        "ja": "見出しの列が{maximum}個を超えています",
        "en": "the header has more than {maximum} columns",
    },
    ErrorCode.IMPORT_CELL_TOO_LONG: {
        "ja": "{maximum}文字を超える項目はどの列にも入れられません",
        "en": "longer than {maximum} characters, the limit for any field of the file",
    },
    ErrorCode.IMPORT_ROW_TOO_LONG: {
        "ja": "1件の行が{maximum}文字を超えています（引用符の閉じ忘れか、壊れたファイルです）",
        "en": "the row is longer than {maximum} characters (an unclosed quote, or a broken file)",
    },
    ErrorCode.IMPORT_UNREADABLE_ROW: {
        "ja": "CSVの行として読めません",
        "en": "cannot be read as a CSV row",
    },
    ErrorCode.IMPORT_BAD_CHARACTER: {
        "ja": "{position}文字目に取り込めない文字 {character} があります"
        "（制御文字・見えない書式文字は使えません）",
        "en": "character {position} is {character}: control and invisible format "
        "characters cannot be imported",
    },
    ErrorCode.IMPORT_DATE_TOO_EARLY: {
        "ja": "{earliest}（明治元年）より前の日付です（{value}）",
        "en": "before {earliest}, the first day of Meiji ({value})",
    },
    ErrorCode.IMPORT_DATE_AFTER_TODAY: {
        "ja": "今日（{today}）より後の日付です（{value}）",
        "en": "after today, {today} ({value})",
    },
    ErrorCode.IMPORT_DATE_BEFORE_BIRTH: {
        "ja": "生年月日（{birth}）より前の日付です（{value}）",
        "en": "before the birth date, {birth} ({value})",
    },
    ErrorCode.IMPORT_TOO_MANY_PROBLEMS: {
        "ja": "問題が{limit}件に達したため、ここから先は検査していません",
        "en": "{limit} problems found: the rest of the file was not checked",
    },
    # tamper evidence: the keyed chains, their heads and checkpoints (issue 12 item 5)
    ErrorCode.CHAIN_HEAD_MISSING: {
        "ja": "記録 {log} の署名済みの末尾がないため、記録を追加できません。改ざんのおそれがあります。"
        "`counter-app audit verify` を実行し、システム管理者に連絡してください。",
        "en": "The signed head of the log {log} is missing, so nothing can be added to it: it "
        "may have been tampered with. Run `counter-app audit verify` and call the administrator.",
    },
    ErrorCode.CHAIN_HEAD_INVALID: {
        "ja": "記録 {log} の署名済みの末尾が正しくないため、チェックポイントを書きません。"
        "`counter-app audit verify` で確認してください。",
        "en": "The signed head of the log {log} does not hold, so no checkpoint is written. "
        "Check the logs with `counter-app audit verify`.",
    },
    ErrorCode.CHAIN_NEEDS_KEYS: {
        "ja": "スキーマの更新 {revision} は既存の記録を鍵ファイルの鍵で署名し直すため、鍵ファイルが"
        "必要です。鍵ファイルのある端末で `counter-app db upgrade` を実行してください。",
        "en": "The schema upgrade {revision} signs the existing log entries again with the key "
        "file, so it needs the key file: run `counter-app db upgrade` where the key file is.",
    },
    ErrorCode.CHECKPOINT_INVALID: {
        "ja": "チェックポイント {path} を読めません: {detail}",
        "en": "Cannot read the checkpoint {path}: {detail}",
    },
    ErrorCode.CHECKPOINT_EXISTS: {
        "ja": "チェックポイント {path} はすでにあります。上書きしません（別の名前を指定してください）。",
        "en": "The checkpoint {path} exists already; it is not overwritten (give another name).",
    },
    ErrorCode.CHECKPOINT_WRITE_FAILED: {
        "ja": "チェックポイント {path} を書けません: {detail}",
        "en": "Cannot write the checkpoint {path}: {detail}",
    },
    ErrorCode.DB_UPGRADE_NEEDS_OWNER: {
        "ja": "データベース（{target}）のスキーマは古い版（{current}）で、この版の counter-app には"
        " {head} が必要ですが、この端末の接続ユーザーには更新の権限がありません。IT担当者がスキーマ"
        "所有者のユーザーで `counter-app db upgrade` を実行してから、もう一度起動してください"
        "（docs/postgresql-roles.md）。",
        "en": "The database ({target}) has an older schema ({current}; this version of "
        "counter-app needs {head}) and this PC's database user may not change it. IT staff "
        "must run `counter-app db upgrade` as the schema owner, then start again "
        "(docs/postgresql-roles.md).",
    },
    # resident search: hostile input and failures (issue 12)
    ErrorCode.SEARCH_TOO_LONG: {
        "ja": "検索語が長すぎます（{length}文字）。検索欄は{maximum}文字までです。",
        "en": "The search is too long ({length} characters): at most {maximum} characters.",
    },
    ErrorCode.SEARCH_TOO_MANY_WORDS: {
        "ja": "検索語が多すぎます（{count}語）。空白で区切った語は{maximum}語までです。",
        "en": "Too many search words ({count}): at most {maximum} words separated by spaces.",
    },
    ErrorCode.SEARCH_WORD_TOO_LONG: {
        "ja": "長すぎる語があります（{length}文字）。一語は{maximum}文字までです。",
        "en": "A search word is too long ({length} characters): at most {maximum} characters "
        "per word.",
    },
    ErrorCode.SEARCH_CHARACTER: {
        "ja": "検索に使えない文字 {code_point} が{position}文字目にあります。"
        "制御文字や見えない文字を消して検索し直してください。",
        "en": "The search holds a character that cannot be searched for: {code_point} at "
        "position {position}. Remove control or invisible characters and search again.",
    },
    ErrorCode.SEARCH_FAILED: {
        "ja": "この条件では検索できませんでした。条件を変えて検索し直してください。"
        "繰り返す場合はシステム管理者に連絡してください。",
        "en": "This search could not be run. Change the search words and try again; if it "
        "happens again, tell the system administrator.",
    },
    ErrorCode.CERTIFICATE_KIND_UNKNOWN: {
        "ja": "証明書の種類 {kind} はありません。",
        "en": "There is no certificate kind {kind}.",
    },
    ErrorCode.CERTIFICATE_EMPTY_REQUEST: {
        "ja": "交付する証明書を選んでください。",
        "en": "Choose at least one certificate.",
    },
    ErrorCode.CERTIFICATE_COPIES_INVALID: {
        "ja": "通数は1から{limit}までで指定してください（{copies}）。",
        "en": "Copies must be 1 to {limit} ({copies}).",
    },
    ErrorCode.CERTIFICATE_SCOPE_NOT_OFFERED: {
        "ja": "{kind}は{scope}では交付できません。",
        "en": "{kind} is not issued for the scope {scope}.",
    },
    ErrorCode.CERTIFICATE_OPTION_UNKNOWN: {
        "ja": "{kind}に記載項目 {option} はありません。",
        "en": "{kind} has no optional item {option}.",
    },
    ErrorCode.CERTIFICATE_OPTION_NOT_ALLOWED: {
        "ja": "{option}は{requester}の請求では記載できません（住民基本台帳法）。この請求は記録されました。",
        "en": "{option} cannot be shown on a request by {requester} (Basic Resident Register Act). The request was logged.",
    },
    ErrorCode.CERTIFICATE_REQUESTER_NOT_ALLOWED: {
        "ja": "{kind}は{requester}の請求では交付できません。この請求は記録されました。",
        "en": "{kind} cannot be issued on a request by {requester}. The request was logged.",
    },
    ErrorCode.CERTIFICATE_MANDATE_REQUIRED: {
        "ja": "代理人の請求には委任状が必要です。この請求は記録されました。",
        "en": "A request by an agent needs a letter of attorney (委任状). The request was logged.",
    },
    ErrorCode.CERTIFICATE_PURPOSE_REQUIRED: {
        "ja": "第三者の請求には請求の事由（利用目的）が必要です。この請求は記録されました。",
        "en": "A request by a third party needs its purpose. The request was logged.",
    },
    ErrorCode.CERTIFICATE_REQUESTER_NAME_REQUIRED: {
        "ja": "窓口に来た方（{requester}）の氏名を入力してください。",
        "en": "Enter the name of the person at the window ({requester}).",
    },
    ErrorCode.CERTIFICATE_REQUESTER_NOT_IN_HOUSEHOLD: {
        "ja": "「{name}」さんは対象者と同一世帯の方として記録にありません。代理人（委任状）"
        "または第三者として請求してください。この請求は記録されました。",
        "en": "{name} is not recorded in the subject's household: ask as an agent (with a "
        "委任状) or a third party. The request was logged.",
    },
    ErrorCode.CERTIFICATE_TEXT_TOO_LONG: {
        "ja": "{field_ja}は{limit}文字までです（{length}文字）。",
        "en": "The {field_en} takes at most {limit} characters ({length}).",
    },
    ErrorCode.CERTIFICATE_TEXT_UNSAFE: {
        "ja": "{field_ja}の{position}文字目に使えない文字があります（{character}）。",
        "en": "The {field_en} holds a character that cannot be used at position {position} "
        "({character}).",
    },
    ErrorCode.CERTIFICATE_SEAL_CARD_MISMATCH: {
        "ja": "提示された印鑑登録証の番号が登録と一致しません。この請求は記録されました。",
        "en": "The seal registration card shown does not match the registration. The request was logged.",
    },
    ErrorCode.CERTIFICATE_SEAL_NOT_REGISTERED: {
        "ja": "この住民の印鑑登録はありません。この請求は記録されました。",
        "en": "This resident has no seal registration. The request was logged.",
    },
    ErrorCode.CERTIFICATE_SEAL_ABOLISHED: {
        "ja": "この印鑑登録は{abolished_on}に廃止されています。この請求は記録されました。",
        "en": "This seal registration was abolished on {abolished_on}. The request was logged.",
    },
    ErrorCode.CERTIFICATE_NOT_REMOVED: {
        "ja": "この住民は消除されていないため、除票はありません。住民票の写しを請求してください。",
        "en": "This resident has not been struck off: there is no 除票. Ask for a copy of the residence record.",
    },
    ErrorCode.CERTIFICATE_SUBJECT_REMOVED: {
        "ja": "この住民は消除されています。除票の写しを請求してください。",
        "en": "This resident has been struck off: ask for a copy of the struck-off record (除票).",
    },
    ErrorCode.CERTIFICATE_FISCAL_YEAR_REQUIRED: {
        "ja": "{kind}は年度を指定してください。",
        "en": "Choose the fiscal year for {kind}.",
    },
    ErrorCode.CERTIFICATE_NO_TAX_RECORD: {
        "ja": "{year}年度の課税記録がありません。",
        "en": "There is no tax assessment for fiscal year {year}.",
    },
    ErrorCode.CERTIFICATE_MEMBER_NOT_IN_HOUSEHOLD: {
        "ja": "宛名番号 {atena_no} の住民は同じ世帯にいません。",
        "en": "The resident {atena_no} is not in the same household.",
    },
    ErrorCode.CERTIFICATE_IDENTITY_DOCUMENT_UNKNOWN: {
        "ja": "本人確認書類を選んでください（{document}）。",
        "en": "Choose the identity document shown ({document}).",
    },
    ErrorCode.CERTIFICATE_EXEMPTION_UNKNOWN: {
        "ja": "減免の理由 {exemption} はありません。",
        "en": "There is no fee exemption reason {exemption}.",
    },
    ErrorCode.CERTIFICATE_CASH_SHORT: {
        "ja": "お預かり金額（{received}円）が手数料の合計（{total}円）に足りません。",
        "en": "The cash received ({received} yen) is less than the total ({total} yen).",
    },
    ErrorCode.CERTIFICATE_PAYMENT_INVALID: {
        "ja": "支払いの指定が正しくありません: {detail}",
        "en": "The payment is not valid: {detail}",
    },
    ErrorCode.CERTIFICATE_RECEIPT_NOT_FOUND: {
        "ja": "領収番号 {receipt} はありません。",
        "en": "There is no receipt {receipt}.",
    },
    ErrorCode.CERTIFICATE_ISSUE_NOT_FOUND: {
        "ja": "発行番号 {issue} はありません。",
        "en": "There is no certificate {issue}.",
    },
    ErrorCode.CERTIFICATE_ALREADY_VOIDED: {
        "ja": "領収番号 {receipt} はすでに取り消されています。",
        "en": "The receipt {receipt} has already been voided.",
    },
    ErrorCode.CERTIFICATE_VOID_REASON_REQUIRED: {
        "ja": "取消の理由を入力してください。",
        "en": "Enter the reason for the void.",
    },
    ErrorCode.CASH_COUNT_INVALID: {
        "ja": "金種表が正しくありません: {detail}",
        "en": "The cash count is not valid: {detail}",
    },
    ErrorCode.CASH_COUNT_MISSING: {
        "ja": "{day} 窓口{window}の金種表がまだありません。",
        "en": "There is no cash count for {day}, window {window} yet.",
    },
    ErrorCode.CASH_ALREADY_SIGNED_OFF: {
        "ja": "{day} 窓口{window}の金種表は{login}が確認済みです。",
        "en": "The cash count for {day}, window {window} was already signed off by {login}.",
    },
    ErrorCode.VOICE_TEXT_REQUIRED: {
        "ja": "{field}を入力してください。",
        "en": "Enter the {field}.",
    },
    ErrorCode.VOICE_TEXT_TOO_LONG: {
        "ja": "{field}が長すぎます（{length}文字）。{maximum}文字までです。",
        "en": "The {field} is too long ({length} characters): at most {maximum}.",
    },
    ErrorCode.VOICE_CHARACTER: {
        "ja": "{field}に使えない文字 {code_point} が{position}文字目にあります。",
        "en": "The {field} holds a character that cannot be kept: {code_point} at {position}.",
    },
    ErrorCode.VOICE_CHOICE_UNKNOWN: {
        "ja": "{what}「{value}」はありません。選べるもの: {choices}",
        "en": "There is no {what} “{value}”. Choose from: {choices}",
    },
    ErrorCode.VOICE_DEPARTMENT_REQUIRED: {
        "ja": "担当する部署を一つ以上選んでください。",
        "en": "Choose at least one department to answer it.",
    },
    ErrorCode.VOICE_REPLY_METHOD_REQUIRED: {
        "ja": "回答を希望する場合は、回答の方法を選んでください。",
        "en": "A reply is wanted: choose how to reply.",
    },
    ErrorCode.VOICE_CONSENT_REQUIRED: {
        "ja": "住民の方の同意がない限り、住民記録とは結び付けません（匿名で記録してください）。",
        "en": "Without the resident's consent a voice is not linked to their record: record it anonymously.",
    },
    ErrorCode.VOICE_NOT_FOUND: {
        "ja": "住民の声 {voice} はありません。",
        "en": "There is no voice {voice}.",
    },
    ErrorCode.VOICE_STATE: {
        "ja": "住民の声 {voice}（{department}）は今の状態（{status}）ではこの操作ができません。",
        "en": "Voice {voice} ({department}) does not allow this in its current status ({status}).",
    },
    ErrorCode.VOICE_MONTH_INVALID: {
        "ja": "月 {value} が正しくありません（YYYY-MM の形で入力してください）。",
        "en": "The month {value} is not valid: use YYYY-MM.",
    },
    ErrorCode.LETTER_NOT_FOUND: {
        "ja": "職員からの手紙 {letter} はありません。",
        "en": "There is no staff letter {letter}.",
    },
    ErrorCode.LETTER_MOVE_INVALID: {
        "ja": "「{current}」の提案は「{target}」にできません。できるのは: {allowed}",
        "en": "A proposal that is “{current}” cannot become “{target}”. Possible: {allowed}",
    },
    ErrorCode.LETTER_REASON_REQUIRED: {
        "ja": "状態を変える理由を入力してください。",
        "en": "Enter the reason for the change of status.",
    },
}


@runtime_checkable
class Localized(Protocol):
    """A parameter worded in the user's language (a catalog or YAML `Problem`)."""

    def message(self, language: str = "ja") -> str: ...


def message_for(error: CounterAppError, language: str = "ja") -> str:
    """The error in the user's language. Every parameter is shown escaped and cut
    (safe_text.shown): a value never rewrites the terminal nor floods the message."""
    templates = _MESSAGES[error.code]
    template = templates.get(language, templates["ja"])
    params = {name: _parameter(value, language) for name, value in error.params.items()}
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


def _parameter(value: object, language: str) -> object:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value  # short and safe, and a template may format it ({count:,})
    if isinstance(value, Localized):
        return shown(value.message(language), language)
    return shown(value, language)
