<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="ja">
<context>
    <name>AdministratorScreen</name>
    <message>
        <source>システム管理</source>
        <translation>System administration</translation>
    </message>
    <message>
        <source>職員ユーザーと、市役所全体の設定を管理します。</source>
        <translation>Manage the staff users and the settings shared by the whole city hall.</translation>
    </message>
    <message>
        <source>職員ユーザー</source>
        <translation>Staff users</translation>
    </message>
    <message>
        <source>ユーザーの追加、役割と所属課の設定、パスワードの再設定、利用停止を行います。</source>
        <translation>Add users, set their roles and departments, reset passwords and disable accounts.</translation>
    </message>
    <message>
        <source>設定</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>自治体名など、すべての端末に共通する設定を変更します。</source>
        <translation>Change the settings every terminal shares, such as the municipality&apos;s name.</translation>
    </message>
    <message>
        <source>監査ログ</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>操作の記録を確かめ、改ざんされていないことを検証します。</source>
        <translation>Review the record of operations and verify that it has not been tampered with.</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <source>総合窓口端末</source>
        <translation>One-Stop Window Terminal</translation>
    </message>
</context>
<context>
    <name>BackOfficeScreen</name>
    <message>
        <source>{departments} 受付箱</source>
        <translation>{departments} inbox</translation>
    </message>
    <message>
        <source>受付箱</source>
        <translation>Inbox</translation>
    </message>
    <message>
        <source>窓口から回ってきた所属課の手続きを審査し、決定します。</source>
        <translation>Review and decide the procedures the window passes on to your department.</translation>
    </message>
    <message>
        <source>所属課に届いた手続きを、受付の順に一覧します。</source>
        <translation>List the procedures sent to your department, in the order they were received.</translation>
    </message>
    <message>
        <source>審査・決定</source>
        <translation>Review and decide</translation>
    </message>
    <message>
        <source>記録と添付書類を確かめ、手続きを決定します。</source>
        <translation>Check the records and attached documents, then decide the procedure.</translation>
    </message>
    <message>
        <source>差戻し</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>不足や確認したいことがあれば、質問を添えて窓口へ差し戻します。</source>
        <translation>If something is missing or unclear, return the case to the window with a question.</translation>
    </message>
</context>
<context>
    <name>ConnectingNotice</name>
    <message>
        <source>総合窓口端末</source>
        <translation>One-Stop Window Terminal</translation>
    </message>
    <message>
        <source>データベースに接続しています…</source>
        <translation>Connecting to the database…</translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <source>エラー</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>予期しないエラーが発生しました。作業を続けられない場合は、アプリを再起動してください。
詳細はログファイルに記録しました:
{path}</source>
        <translation>An unexpected error occurred. If you cannot continue, restart the application.
The details were written to the log file:
{path}</translation>
    </message>
</context>
<context>
    <name>DemoUsersPanel</name>
    <message>
        <source>デモ用ユーザー</source>
        <translation>Demo users</translation>
    </message>
    <message>
        <source>デモモードで動いています。ユーザーをクリックすると入力欄に入ります。</source>
        <translation>This is a demo. Click a user to fill in the login fields.</translation>
    </message>
    <message>
        <source>パスワード（全員共通）: {password}</source>
        <translation>Password (the same for all): {password}</translation>
    </message>
    <message>
        <source>ユーザーID</source>
        <translation>User ID</translation>
    </message>
    <message>
        <source>氏名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>役割</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>{roles}（{departments}）</source>
        <translation>{roles} ({departments})</translation>
    </message>
</context>
<context>
    <name>FloorManagerScreen</name>
    <message>
        <source>フロア案内</source>
        <translation>Floor guidance</translation>
    </message>
    <message>
        <source>来庁した方を迎えて用件を伺い、番号札を発行して窓口へ案内します。</source>
        <translation>Greet visitors, ask what brings them, issue a queue ticket and show them to the right window.</translation>
    </message>
    <message>
        <source>番号札の発行</source>
        <translation>Queue tickets</translation>
    </message>
    <message>
        <source>用件に合った窓口の番号札を発行し、発券機で印刷します。</source>
        <translation>Issue a ticket for the window that handles the visitor&apos;s business and print it on the ticket printer.</translation>
    </message>
    <message>
        <source>待ち状況</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>窓口ごとの待ち人数と呼出の状況を確かめます。</source>
        <translation>See how many people wait at each window and which numbers have been called.</translation>
    </message>
    <message>
        <source>案内</source>
        <translation>Guidance</translation>
    </message>
    <message>
        <source>おくやみコーナーなど、用件に合った窓口へ案内します。</source>
        <translation>Guide visitors to the right counter, such as the bereavement corner.</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>画面をロックしました</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <source>{name}（{login}）が使用中です。続けるにはパスワードを入力してください。</source>
        <translation>In use by {name} ({login}). Enter the password to continue.</translation>
    </message>
    <message>
        <source>パスワード</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>ロック解除</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>別のユーザーでログイン</source>
        <translation>Log in as another user</translation>
    </message>
    <message>
        <source>パスワードが正しくありません。</source>
        <translation>The password is incorrect.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>ログイン - 総合窓口端末</source>
        <translation>Log in - One-Stop Window Terminal</translation>
    </message>
    <message>
        <source>ログイン</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>総合窓口端末</source>
        <translation>One-Stop Window Terminal</translation>
    </message>
    <message>
        <source>端末: {terminal}</source>
        <translation>Terminal: {terminal}</translation>
    </message>
    <message>
        <source>ユーザーID(&amp;U)</source>
        <translation>User &amp;ID</translation>
    </message>
    <message>
        <source>パスワード(&amp;P)</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <source>ユーザーIDを入力してください。</source>
        <translation>Enter your user ID.</translation>
    </message>
    <message>
        <source>ログイン中…</source>
        <translation>Logging in…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>総合窓口端末 - {role} - {name} - {terminal}</source>
        <translation>One-Stop Window Terminal - {role} - {name} - {terminal}</translation>
    </message>
    <message>
        <source>ファイル(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>ログアウト(&amp;L)</source>
        <translation>&amp;Log out</translation>
    </message>
    <message>
        <source>終了(&amp;X)</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <source>表示(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>画面(&amp;S)</source>
        <translation>&amp;Screen</translation>
    </message>
    <message>
        <source>全画面表示(&amp;U)</source>
        <translation>F&amp;ull screen</translation>
    </message>
    <message>
        <source>言語: {language}</source>
        <translation>Language: {language}</translation>
    </message>
    <message>
        <source>表示言語は設定ファイルの ui.language か、起動オプション --lang で選びます。</source>
        <translation>Choose the language with ui.language in the configuration file or the --lang option.</translation>
    </message>
    <message>
        <source>ヘルプ(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>バージョン情報(&amp;A)</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <source>ユーザー: {name}（{login}）</source>
        <translation>User: {name} ({login})</translation>
    </message>
    <message>
        <source>端末: {terminal}</source>
        <translation>Terminal: {terminal}</translation>
    </message>
    <message>
        <source>データベース: {target}</source>
        <translation>Database: {target}</translation>
    </message>
    <message>
        <source>バージョン情報</source>
        <translation>About</translation>
    </message>
    <message>
        <source>総合窓口端末 counter-app {version}
Qt {qt} / PySide6 {pyside}
端末: {terminal}
データベース: {target}

画面の文字: IPAexゴシック（IPAフォントライセンス v1.0）</source>
        <translation>One-Stop Window Terminal counter-app {version}
Qt {qt} / PySide6 {pyside}
Terminal: {terminal}
Database: {target}

Screen font: IPAexGothic (IPA Font License v1.0)</translation>
    </message>
    <message>
        <source>総合窓口端末</source>
        <translation>One-Stop Window Terminal</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>窓口職員</source>
        <translation>Window clerk</translation>
    </message>
    <message>
        <source>フロアマネージャー</source>
        <translation>Floor manager</translation>
    </message>
    <message>
        <source>原課職員</source>
        <translation>Back-office staff</translation>
    </message>
    <message>
        <source>監督者</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>システム管理者</source>
        <translation>Administrator</translation>
    </message>
</context>
<context>
    <name>SessionFlow</name>
    <message>
        <source>総合窓口端末</source>
        <translation>One-Stop Window Terminal</translation>
    </message>
</context>
<context>
    <name>SupervisorScreen</name>
    <message>
        <source>窓口の監督</source>
        <translation>Window supervision</translation>
    </message>
    <message>
        <source>窓口全体の状況を見て、滞っている業務を調整します。</source>
        <translation>Watch the whole floor and sort out work that is stuck.</translation>
    </message>
    <message>
        <source>全体の状況</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>各窓口の呼出、待ち人数、処理中の手続きを一覧します。</source>
        <translation>See every window&apos;s calls, waiting visitors and procedures in progress.</translation>
    </message>
    <message>
        <source>手続きの振替</source>
        <translation>Reassign procedures</translation>
    </message>
    <message>
        <source>滞っている手続きを別の職員や課へ振り替えます。</source>
        <translation>Move stuck procedures to another clerk or department.</translation>
    </message>
    <message>
        <source>支援措置</source>
        <translation>Support measures</translation>
    </message>
    <message>
        <source>支援措置の対象となっている住民の記録を扱う操作を承認します。</source>
        <translation>Approve operations on the records of residents under a support measure.</translation>
    </message>
    <message>
        <source>監査ログ</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>誰が、いつ、どの記録を見て何をしたかを確かめます。</source>
        <translation>Check who looked at which record, when, and what they did.</translation>
    </message>
</context>
<context>
    <name>WindowClerkScreen</name>
    <message>
        <source>窓口で住民の用件を伺い、必要な手続きをまとめて受け付けます。</source>
        <translation>Hear what residents need and take all their procedures at once.</translation>
    </message>
    <message>
        <source>{number}番窓口で住民の用件を伺い、必要な手続きをまとめて受け付けます。</source>
        <translation>At window {number}, hear what residents need and take all their procedures at once.</translation>
    </message>
    <message>
        <source>窓口業務</source>
        <translation>Window service</translation>
    </message>
    <message>
        <source>呼出</source>
        <translation>Call</translation>
    </message>
    <message>
        <source>番号札の順に次の方を呼び出し、窓口表示器に番号を表示します。</source>
        <translation>Call the next ticket number and show it on the counter display.</translation>
    </message>
    <message>
        <source>住民検索</source>
        <translation>Find a resident</translation>
    </message>
    <message>
        <source>氏名・生年月日・住所で住民を探し、世帯と関連する記録を確かめます。</source>
        <translation>Find residents by name, date of birth or address, and check their household and related records.</translation>
    </message>
    <message>
        <source>手続きナビ</source>
        <translation>Procedure guide</translation>
    </message>
    <message>
        <source>ライフイベントと質問への答えから、必要な手続きと書類を案内します。</source>
        <translation>From the life event and a few answers, list the procedures and forms needed.</translation>
    </message>
</context>
</TS>
