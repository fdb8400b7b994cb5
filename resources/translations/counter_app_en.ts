<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="ja">
<context>
    <name>AdjustDialog</name>
    <message>
        <source>手続き</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>理由を入力してください。</source>
        <translation>Please enter a reason.</translation>
    </message>
    <message>
        <source>手続きを除外</source>
        <translation>Drop a procedure</translation>
    </message>
    <message>
        <source>「{name}」を除外する理由を入力してください（監査ログに記録されます）。</source>
        <translation>Enter the reason for dropping “{name}” (it is written to the audit log).</translation>
    </message>
    <message>
        <source>手続きを追加</source>
        <translation>Add a procedure</translation>
    </message>
    <message>
        <source>追加する手続きと、追加する理由を入力してください（監査ログに記録されます）。</source>
        <translation>Choose the procedure to add and enter the reason (it is written to the audit log).</translation>
    </message>
</context>
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
    <name>AnswerDialog</name>
    <message>
        <source>回答</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>例: 案内表示を増やした（なければ空欄）</source>
        <translation>e.g. added more signs (leave empty if nothing)</translation>
    </message>
    <message>
        <source>回答内容</source>
        <translation>Answer given</translation>
    </message>
    <message>
        <source>改善した内容</source>
        <translation>What was improved</translation>
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
    <name>AssigneeDialog</name>
    <message>
        <source>担当替え</source>
        <translation>Reassign</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>日時</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>ユーザー</source>
        <translation>User</translation>
    </message>
    <message>
        <source>端末</source>
        <translation>Terminal</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>対象</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>目的・理由</source>
        <translation>Purpose / reason</translation>
    </message>
    <message>
        <source>ログイン</source>
        <translation>Login</translation>
    </message>
    <message>
        <source>ログアウト</source>
        <translation>Logout</translation>
    </message>
    <message>
        <source>ログイン失敗</source>
        <translation>Failed login</translation>
    </message>
    <message>
        <source>画面ロックの解除</source>
        <translation>Screen unlocked</translation>
    </message>
    <message>
        <source>画面ロック解除の失敗</source>
        <translation>Failed unlock</translation>
    </message>
    <message>
        <source>職員ユーザーの追加</source>
        <translation>Staff user added</translation>
    </message>
    <message>
        <source>パスワードの変更</source>
        <translation>Password changed</translation>
    </message>
    <message>
        <source>職員ユーザーの利用再開</source>
        <translation>Staff user enabled</translation>
    </message>
    <message>
        <source>職員ユーザーの利用停止</source>
        <translation>Staff user disabled</translation>
    </message>
    <message>
        <source>住民記録の閲覧</source>
        <translation>Resident record viewed</translation>
    </message>
    <message>
        <source>閲覧の拒否（支援措置）</source>
        <translation>View refused (support measure)</translation>
    </message>
    <message>
        <source>個人番号の表示</source>
        <translation>My Number shown</translation>
    </message>
    <message>
        <source>個人番号表示の拒否（支援措置）</source>
        <translation>My Number refused (support measure)</translation>
    </message>
    <message>
        <source>支援措置対象記録の閲覧許可</source>
        <translation>Protected record authorised</translation>
    </message>
    <message>
        <source>受付の閲覧</source>
        <translation>Visit viewed</translation>
    </message>
    <message>
        <source>受付の閲覧の拒否</source>
        <translation>Visit view refused</translation>
    </message>
    <message>
        <source>受付の帳票の閲覧</source>
        <translation>Visit forms viewed</translation>
    </message>
    <message>
        <source>鍵の更新（個人番号の再暗号化）</source>
        <translation>Key rotated (My Numbers sealed again)</translation>
    </message>
    <message>
        <source>鍵の置き換え（鍵ファイルの紛失）</source>
        <translation>Key replaced (key file lost)</translation>
    </message>
    <message>
        <source>検索結果への支援措置対象者の表示</source>
        <translation>Protected resident shown in search results</translation>
    </message>
    <message>
        <source>住民 {id}</source>
        <translation>Resident {id}</translation>
    </message>
    <message>
        <source>職員 {id}</source>
        <translation>Staff {id}</translation>
    </message>
    <message>
        <source>受付 {id}</source>
        <translation>Visit {id}</translation>
    </message>
    <message>
        <source>受付の手続き {id}</source>
        <translation>Visit procedure {id}</translation>
    </message>
    <message>
        <source>登録のないユーザーID（ダイジェスト {id}）</source>
        <translation>Unknown user ID (digest {id})</translation>
    </message>
</context>
<context>
    <name>AuditViewer</name>
    <message>
        <source>監査ログ</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>更新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>改ざん検査</source>
        <translation>Check for tampering</translation>
    </message>
    <message>
        <source>検査しています…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>改ざんを検出しました: {log} {finding}</source>
        <translation>Tampering detected: {log} {finding}</translation>
    </message>
    <message>
        <source>改ざんは見つかりませんでした（監査ログ {audit}件、受付の操作記録 {visits}件を検査）。</source>
        <translation>No tampering found ({audit} audit log and {visits} visit action log entries checked).</translation>
    </message>
    <message>
        <source>受付の操作記録</source>
        <translation>Visit action log</translation>
    </message>
    <message>
        <source>記録 #{id}（内容の不一致）</source>
        <translation>entry #{id} (content does not match)</translation>
    </message>
    <message>
        <source>記録 #{id}（連鎖の欠落）</source>
        <translation>entry #{id} (chain link missing)</translation>
    </message>
    <message>
        <source>記録 #{id}（鍵ファイルにない鍵 {key} で署名）</source>
        <translation>entry #{id} (signed with key {key}, which the key file does not hold)</translation>
    </message>
    <message>
        <source>署名済みの末尾がありません</source>
        <translation>its signed head is missing</translation>
    </message>
    <message>
        <source>署名済みの末尾が改ざんされています</source>
        <translation>its signed head was altered</translation>
    </message>
    <message>
        <source>記録 #{id} より後の記録が削除されています（署名済みの末尾: 記録 #{last} まで）</source>
        <translation>the entries after #{id} were removed (its signed head: up to #{last})</translation>
    </message>
    <message>
        <source>記録がすべて削除されています（署名済みの末尾: 記録 #{last} まで）</source>
        <translation>every entry was removed (its signed head: up to #{last})</translation>
    </message>
    <message>
        <source>記録 #{id} が署名済みの末尾（記録 #{last}）と一致しません</source>
        <translation>entry #{id} does not match its signed head (#{last})</translation>
    </message>
</context>
<context>
    <name>AuthoriseDialog</name>
    <message>
        <source>支援措置対象の記録の閲覧許可</source>
        <translation>Authorise access to a protected record</translation>
    </message>
    <message>
        <source>閲覧を許可する理由を入力してください（監査ログに記録されます）。許可は10分間有効です。</source>
        <translation>Enter the reason (kept in the audit log). The authorisation lasts 10 minutes.</translation>
    </message>
    <message>
        <source>本人が来庁し、本人確認済み</source>
        <translation>The resident came in person; identity checked</translation>
    </message>
    <message>
        <source>支援措置の申出の確認</source>
        <translation>Checking the support-measure application</translation>
    </message>
    <message>
        <source>自分（{login}）</source>
        <translation>Myself ({login})</translation>
    </message>
    <message>
        <source>依頼した職員を選ぶか、そのユーザーIDを入力します。</source>
        <translation>Choose the staff member who asked, or type their user ID.</translation>
    </message>
    <message>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>閲覧する職員</source>
        <translation>Staff member who views</translation>
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
        <source>窓口から回ってきた所属課の手続きを受け付け、審査して決定します。不明な点は質問を添えて窓口へ差し戻します。</source>
        <translation>Take the procedures the window routed to your division, review and decide them. If anything is unclear, return it to the window with a question.</translation>
    </message>
    <message>
        <source>手続き</source>
        <translation>Procedures</translation>
    </message>
    <message>
        <source>住民の声</source>
        <translation>Residents&apos; voices</translation>
    </message>
    <message>
        <source>住民の声（未完了 {count}件）</source>
        <translation>Residents&apos; voices ({count} open)</translation>
    </message>
</context>
<context>
    <name>CategoryButton</name>
    <message>
        <source>{waiting}（受付時間外）</source>
        <translation>{waiting} (outside opening hours)</translation>
    </message>
</context>
<context>
    <name>CertificateDesk</name>
    <message>
        <source>番号札 {number}</source>
        <translation>Ticket {number}</translation>
    </message>
    <message>
        <source>受付 {number} に追加</source>
        <translation>Added to visit {number}</translation>
    </message>
    <message>
        <source>対象者: 住民を検索して開いてください（F3）</source>
        <translation>Subject: search for the resident and open the record (F3)</translation>
    </message>
    <message>
        <source>この証明書を追加（Ins）</source>
        <translation>Add this certificate (Ins)</translation>
    </message>
    <message>
        <source>証明書</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <source>手数料</source>
        <translation>Fee</translation>
    </message>
    <message>
        <source>削除（Del）</source>
        <translation>Remove (Del)</translation>
    </message>
    <message>
        <source>なし</source>
        <translation>None</translation>
    </message>
    <message>
        <source>減免</source>
        <translation>Exemption</translation>
    </message>
    <message>
        <source>合計</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>交付請求書を印刷（Ctrl+P）</source>
        <translation>Print the request form (Ctrl+P)</translation>
    </message>
    <message>
        <source>お会計（F9）</source>
        <translation>Payment (F9)</translation>
    </message>
    <message>
        <source>対象者: {name}（宛名番号 {atena}）</source>
        <translation>Subject: {name} (resident no. {atena})</translation>
    </message>
    <message>
        <source>対象者: 支援措置対象の記録です。監督者の許可があるまで請求を受け付けられません。</source>
        <translation>Subject: this record is under a support measure. No request can be taken until a supervisor authorises it.</translation>
    </message>
    <message>
        <source>{count}通を交付しました。領収書 {receipt}&#x3000;合計 {total}&#x3000;お預かり {received}&#x3000;お釣り {change}</source>
        <translation>Issued {count} copies. Receipt {receipt}  total {total}  received {received}  change {change}</translation>
    </message>
    <message>
        <source>{count}通を交付しました。領収書 {receipt}&#x3000;{method} {total}</source>
        <translation>Issued {count} copies. Receipt {receipt}  {method} {total}</translation>
    </message>
    <message>
        <source>{error}
決済 {reference} は端末で承認済みです。交付できなかったため、端末で取消してください。</source>
        <translation>{error}
Payment {reference} was approved on the terminal. Nothing was issued: cancel it on the terminal.</translation>
    </message>
</context>
<context>
    <name>CertificateDeskWindow</name>
    <message>
        <source>証明書交付</source>
        <translation>Certificate desk</translation>
    </message>
</context>
<context>
    <name>Certificates</name>
    <message>
        <source>{number}: 「{char}」は字形がないため〓で印刷されます（{field}）</source>
        <translation>{number}: “{char}” has no glyph in the font and prints as 〓 ({field})</translation>
    </message>
    <message>
        <source>{name}.pdf</source>
        <translation>{name}.pdf</translation>
    </message>
    <message>
        <source>本人</source>
        <translation>The person</translation>
    </message>
    <message>
        <source>同一世帯</source>
        <translation>Same household</translation>
    </message>
    <message>
        <source>代理人</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>第三者</source>
        <translation>Third party</translation>
    </message>
    <message>
        <source>・</source>
        <translation>, </translation>
    </message>
    <message>
        <source>世帯全員</source>
        <translation>Whole household</translation>
    </message>
    <message>
        <source>本人のみ</source>
        <translation>The person only</translation>
    </message>
    <message>
        <source>現金</source>
        <translation>Cash</translation>
    </message>
    <message>
        <source>キャッシュレス</source>
        <translation>Cashless</translation>
    </message>
    <message>
        <source>減免</source>
        <translation>Exemption</translation>
    </message>
    <message>
        <source>{amount}円</source>
        <translation>¥{amount}</translation>
    </message>
    <message>
        <source>{who}の請求に限り記載できます</source>
        <translation>Shown only when asked by: {who}</translation>
    </message>
    <message>
        <source>{who}が請求できます</source>
        <translation>May be requested by: {who}</translation>
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
    <message>
        <source>終了</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>{seconds} 秒後にもう一度接続します…</source>
        <translation>Trying again in {seconds} s…</translation>
    </message>
</context>
<context>
    <name>ConnectionGuard</name>
    <message>
        <source>データベースに接続できません。入力内容は保たれています。再接続を待っています…</source>
        <translation>Cannot connect to the database. What you typed is kept. Waiting to reconnect…</translation>
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
    <name>DayCloseScreen</name>
    <message>
        <source>{number}番窓口</source>
        <translation>Window {number}</translation>
    </message>
    <message>
        <source>全窓口</source>
        <translation>All windows</translation>
    </message>
    <message>
        <source>更新（F5）</source>
        <translation>Refresh (F5)</translation>
    </message>
    <message>
        <source>営業日</source>
        <translation>Business day</translation>
    </message>
    <message>
        <source>窓口</source>
        <translation>Window</translation>
    </message>
    <message>
        <source>証明書</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <source>通数</source>
        <translation>Copies</translation>
    </message>
    <message>
        <source>うち減免</source>
        <translation>Exempt</translation>
    </message>
    <message>
        <source>金額</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>件数</source>
        <translation>Payments</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Voided</translation>
    </message>
    <message>
        <source>現金</source>
        <translation>Cash</translation>
    </message>
    <message>
        <source>キャッシュレス</source>
        <translation>Cashless</translation>
    </message>
    <message>
        <source>合計</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>日計</source>
        <translation>Day&apos;s close</translation>
    </message>
    <message>
        <source>金種</source>
        <translation>Denomination</translation>
    </message>
    <message>
        <source>枚数</source>
        <translation>Pieces</translation>
    </message>
    <message>
        <source>現金有高</source>
        <translation>Cash counted</translation>
    </message>
    <message>
        <source>現金収納額</source>
        <translation>Cash expected</translation>
    </message>
    <message>
        <source>過不足</source>
        <translation>Difference</translation>
    </message>
    <message>
        <source>記録（Ctrl+S）</source>
        <translation>Record (Ctrl+S)</translation>
    </message>
    <message>
        <source>承認（監督者）</source>
        <translation>Sign off (supervisor)</translation>
    </message>
    <message>
        <source>金種表</source>
        <translation>Cash count</translation>
    </message>
    <message>
        <source>領収書番号</source>
        <translation>Receipt no.</translation>
    </message>
    <message>
        <source>時刻</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>方法</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>状態</source>
        <translation>State</translation>
    </message>
    <message>
        <source>取消…</source>
        <translation>Void…</translation>
    </message>
    <message>
        <source>取消は監督者だけが行えます。</source>
        <translation>Only a supervisor can void a payment.</translation>
    </message>
    <message>
        <source>本日の領収</source>
        <translation>The day&apos;s payments</translation>
    </message>
    <message>
        <source>取消（{reason}）</source>
        <translation>Voided ({reason})</translation>
    </message>
    <message>
        <source>有効</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>金種表はまだ記録されていません。</source>
        <translation>No cash count recorded yet.</translation>
    </message>
    <message>
        <source>記録: {who} {time}&#x3000;過不足 {difference}</source>
        <translation>Counted: {who} {time}  difference {difference}</translation>
    </message>
    <message>
        <source>&#x3000;承認: {who} {time}</source>
        <translation>  signed off: {who} {time}</translation>
    </message>
    <message>
        <source>&#x3000;承認待ち</source>
        <translation>  awaiting sign-off</translation>
    </message>
</context>
<context>
    <name>DayCloseWindow</name>
    <message>
        <source>日計・金種表</source>
        <translation>Day&apos;s close and cash count</translation>
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
    <name>DepartmentVoicesPane</name>
    <message>
        <source>受付</source>
        <translation>Claim</translation>
    </message>
    <message>
        <source>回答…</source>
        <translation>Answer…</translation>
    </message>
    <message>
        <source>完了</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>担当替え…</source>
        <translation>Reassign…</translation>
    </message>
    <message>
        <source>課</source>
        <translation>Division</translation>
    </message>
    <message>
        <source>自課の未完了</source>
        <translation>My divisions&apos; open voices</translation>
    </message>
    <message>
        <source>No.{id}「{text}」への回答と、改善した内容を入力してください。</source>
        <translation>Enter the answer to No.{id} “{text}” and what was improved.</translation>
    </message>
    <message>
        <source>No.{id} の担当者を選んでください。</source>
        <translation>Choose who handles No.{id}.</translation>
    </message>
</context>
<context>
    <name>DraftBanner</name>
    <message>
        <source>復元</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>破棄</source>
        <translation>Discard</translation>
    </message>
    <message>
        <source>入力途中の受付があります（{event}、{time} 保存）。復元しますか？</source>
        <translation>There is an unfinished visit ({event}, saved at {time}). Restore it?</translation>
    </message>
</context>
<context>
    <name>EventPicker</name>
    <message>
        <source>ライフイベントを選んでください</source>
        <translation>Choose the life event</translation>
    </message>
    <message>
        <source>名前の一部を入力して絞り込み（例: 出生、転入）</source>
        <translation>Type part of the name to narrow the list (e.g. birth, moving in)</translation>
    </message>
    <message>
        <source>↑↓ で選び Enter で決定します。Esc で住民記録に戻ります。</source>
        <translation>Choose with ↑↓ and press Enter. Esc returns to the resident record.</translation>
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
</context>
<context>
    <name>FloorScreen</name>
    <message>
        <source>この端末には発券機が設定されていません。番号札は発行されますが、ここでは印刷されません（設定ファイルの devices.ticket_printer）。</source>
        <translation>This PC has no ticket printer. Tickets are issued but not printed here (devices.ticket_printer in the configuration file).</translation>
    </message>
    <message>
        <source>優先発券</source>
        <translation>Priority ticket</translation>
    </message>
    <message>
        <source>お体の不自由な方、妊娠中の方など、優先して呼び出す番号札を次の1枚だけ発行します。</source>
        <translation>The next ticket only is called first: for visitors with disabilities, pregnant visitors and others who should not wait.</translation>
    </message>
    <message>
        <source>用件のボタンを押すと番号札を発行します。</source>
        <translation>Press the button of the visitor&apos;s business to issue a ticket.</translation>
    </message>
    <message>
        <source>発行した番号札</source>
        <translation>Tickets issued here</translation>
    </message>
    <message>
        <source>番号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>用件</source>
        <translation>Business</translation>
    </message>
    <message>
        <source>発行時刻</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>印刷</source>
        <translation>Printing</translation>
    </message>
    <message>
        <source>再発行</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel ticket</translation>
    </message>
    <message>
        <source>{number} を発行しました（お待ちの方 {ahead}人・目安 約{minutes}分）。</source>
        <translation>Issued {number} ({ahead} waiting ahead, about {minutes} min).</translation>
    </message>
    <message>
        <source>{reason}
受付時間外ですが発行しますか？</source>
        <translation>{reason}
Issue the ticket outside the opening hours anyway?</translation>
    </message>
    <message>
        <source>受付時間外</source>
        <translation>Outside opening hours</translation>
    </message>
    <message>
        <source>{number} を再発行します。</source>
        <translation>Reprinting {number}.</translation>
    </message>
    <message>
        <source>番号札の取消</source>
        <translation>Cancel a ticket</translation>
    </message>
    <message>
        <source>{number} を取り消しますか？</source>
        <translation>Cancel ticket {number}?</translation>
    </message>
    <message>
        <source>{number} を取り消しました。</source>
        <translation>Ticket {number} is cancelled.</translation>
    </message>
    <message>
        <source>印刷待ち</source>
        <translation>Waiting to print</translation>
    </message>
    <message>
        <source>印刷済み</source>
        <translation>Printed</translation>
    </message>
    <message>
        <source>印刷待ち（再試行）</source>
        <translation>Waiting to print (retrying)</translation>
    </message>
    <message>
        <source>印刷できません</source>
        <translation>Cannot print</translation>
    </message>
    <message>
        <source>取消済み</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>（優先）</source>
        <translation> (priority)</translation>
    </message>
</context>
<context>
    <name>FormsOutput</name>
    <message>
        <source>{form}（{person}）</source>
        <translation>{form} ({person})</translation>
    </message>
    <message>
        <source>見出し</source>
        <translation>heading</translation>
    </message>
    <message>
        <source>・{form}の「{field}」: 「{char}」（{code}）</source>
        <translation>• {form}, “{field}”: “{char}” ({code})</translation>
    </message>
    <message>
        <source>この場所に書き込む権限がありません。</source>
        <translation>You have no permission to write here.</translation>
    </message>
    <message>
        <source>ディスクの空き容量が足りません。</source>
        <translation>The disk is full.</translation>
    </message>
    <message>
        <source>保存先のフォルダーがありません。</source>
        <translation>The folder does not exist.</translation>
    </message>
    <message>
        <source>保存先は読み取り専用です。</source>
        <translation>The location is read-only.</translation>
    </message>
    <message>
        <source>同じ名前のフォルダーがあります。</source>
        <translation>A folder with that name exists.</translation>
    </message>
    <message>
        <source>書き込めませんでした（{detail}）。</source>
        <translation>It could not be written ({detail}).</translation>
    </message>
    <message>
        <source>PDFを保存できませんでした: {path}
{cause}
ファイルは作成・変更されていません。</source>
        <translation>The PDF could not be saved: {path}
{cause}
No file was created or changed.</translation>
    </message>
    <message>
        <source>フォントにない文字があります</source>
        <translation>Characters missing from the font</translation>
    </message>
    <message>
        <source>印刷する</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>印刷しない</source>
        <translation>Do not print</translation>
    </message>
    <message>
        <source>書類を印刷</source>
        <translation>Print the forms</translation>
    </message>
    <message>
        <source>PDFを保存</source>
        <translation>Save the PDF</translation>
    </message>
    <message>
        <source>PDFファイル (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>次の文字は帳票のフォントにありません。印刷すると〓（げた記号）に置き換わり、赤い枠で囲まれます。印刷後、正しい字をご本人に確認して手書きで補ってください。</source>
        <translation>The forms&apos; font has no glyph for the characters below. They print as 〓 (geta mark) in a red frame. After printing, confirm the right character with the resident and write it in by hand.</translation>
    </message>
    <message>
        <source>このまま印刷しますか？</source>
        <translation>Print anyway?</translation>
    </message>
    <message>
        <source>申請書 {visit}</source>
        <translation>Forms {visit}</translation>
    </message>
    <message>
        <source>プリンター「{printer}」を開けませんでした。設定を確認してください。</source>
        <translation>The printer “{printer}” could not be opened. Check its settings.</translation>
    </message>
    <message>
        <source>申請書_{visit}.pdf</source>
        <translation>forms_{visit}.pdf</translation>
    </message>
</context>
<context>
    <name>FormsPreviewDialog</name>
    <message>
        <source>書類のプレビュー</source>
        <translation>Forms preview</translation>
    </message>
    <message>
        <source>書類のプレビュー: {forms}件の書類・{pages}ページ</source>
        <translation>Forms preview: {forms} forms, {pages} pages</translation>
    </message>
    <message>
        <source>受付番号 {visit}&#x3000;作成日 {date}</source>
        <translation>Visit {visit}   prepared on {date}</translation>
    </message>
    <message>
        <source>⚠ 帳票のフォントにない文字があります。印刷すると〓に置き換わり、赤い枠で示されます。印刷後、正しい字を手書きで補ってください。</source>
        <translation>⚠ The forms&apos; font lacks some characters. They print as 〓 in a red frame; write the right character in by hand after printing.</translation>
    </message>
    <message>
        <source>項目</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>記入内容</source>
        <translation>Entry</translation>
    </message>
    <message>
        <source>出所</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>ご本人の確認</source>
        <translation>Resident checks</translation>
    </message>
    <message>
        <source>✓ はご本人に確認していただく記入内容です。灰色の斜体は空欄で、誰が記入するかを示します。</source>
        <translation>✓ marks entries the resident must check. Grey italics are empty boxes and say who fills them in.</translation>
    </message>
    <message>
        <source>印刷…（Ctrl+P）</source>
        <translation>Print… (Ctrl+P)</translation>
    </message>
    <message>
        <source>PDFを保存…（Ctrl+S）</source>
        <translation>Save PDF… (Ctrl+S)</translation>
    </message>
    <message>
        <source>閉じる（Esc）</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <source>{page} / {pages}</source>
        <translation>{page} / {pages}</translation>
    </message>
    <message>
        <source>{page} / {pages}&#x3000;{form}</source>
        <translation>{page} / {pages}  {form}</translation>
    </message>
    <message>
        <source>{title}（{person}）</source>
        <translation>{title} ({person})</translation>
    </message>
    <message>
        <source>ページ {page} / {pages}（この書類の {form_page} / {form_pages}）&#x3000;PgUp・PgDn でページ移動</source>
        <translation>Page {page} / {pages} (page {form_page} / {form_pages} of this form)   PgUp/PgDn to turn pages</translation>
    </message>
    <message>
        <source>共通</source>
        <translation>shared</translation>
    </message>
    <message>
        <source>{form}&#x3000;{department}</source>
        <translation>{form}   {department}</translation>
    </message>
    <message>
        <source>空欄</source>
        <translation>empty</translation>
    </message>
    <message>
        <source>空欄: {note}</source>
        <translation>Empty: {note}</translation>
    </message>
    <message>
        <source>ご本人に確認していただく記入内容です</source>
        <translation>The resident must check this entry</translation>
    </message>
    <message>
        <source>「{chars}」は帳票のフォントにないため、〓（赤枠）で印字されます</source>
        <translation>The forms&apos; font has no “{chars}”: it prints as 〓 in a red frame</translation>
    </message>
    <message>
        <source>{pages}ページを印刷に送りました。</source>
        <translation>Sent {pages} pages to the printer.</translation>
    </message>
    <message>
        <source>保存しました: {path}</source>
        <translation>Saved: {path}</translation>
    </message>
</context>
<context>
    <name>GuideAnswers</name>
    <message>
        <source>記録から</source>
        <translation>From the records</translation>
    </message>
    <message>
        <source>既定値</source>
        <translation>Default</translation>
    </message>
    <message>
        <source>回答済み</source>
        <translation>Answered</translation>
    </message>
    <message>
        <source>未回答（必須）</source>
        <translation>Not answered (required)</translation>
    </message>
    <message>
        <source>未回答</source>
        <translation>Not answered</translation>
    </message>
    <message>
        <source>はい</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>いいえ</source>
        <translation>No</translation>
    </message>
    <message>
        <source>なし（該当者なし）</source>
        <translation>None (nobody)</translation>
    </message>
    <message>
        <source>参考: {hint}</source>
        <translation>Hint: {hint}</translation>
    </message>
    <message>
        <source>確認書類: {document}</source>
        <translation>Check against: {document}</translation>
    </message>
    <message>
        <source>（必須）</source>
        <translation> (required)</translation>
    </message>
</context>
<context>
    <name>GuidePanel</name>
    <message>
        <source>手続きナビ: {name}</source>
        <translation>Procedure guide: {name}</translation>
    </message>
    <message>
        <source>戻る（Esc）</source>
        <translation>Back (Esc)</translation>
    </message>
    <message>
        <source>必要な手続きを表示（Ctrl+Enter）</source>
        <translation>Show the procedures needed (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>1. ライフイベント → 2. 質問 → 3. 必要な手続き</source>
        <translation>1. Life event → 2. Questions → 3. Procedures needed</translation>
    </message>
    <message>
        <source>{event}&#x3000;2. 質問（Ctrl+Enter で手続きを表示）</source>
        <translation>{event} — 2. Questions (Ctrl+Enter shows the procedures)</translation>
    </message>
    <message>
        <source>{event}&#x3000;3. 必要な手続き（Del 除外・Ins 追加・Ctrl+P 書類・Ctrl+Enter 受付を確定）</source>
        <translation>{event} — 3. Procedures (Del drops, Ins adds, Ctrl+P forms, Ctrl+Enter records the visit)</translation>
    </message>
    <message>
        <source>手続きナビ</source>
        <translation>Procedure guide</translation>
    </message>
</context>
<context>
    <name>HallDisplay</name>
    <message>
        <source>呼出案内</source>
        <translation>Now calling</translation>
    </message>
    <message>
        <source>ただいまお呼びしている番号</source>
        <translation>Now calling</translation>
    </message>
    <message>
        <source>番号札をお取りになり、お待ちください。</source>
        <translation>Please take a ticket and wait for your number.</translation>
    </message>
    <message>
        <source>これまでの呼出</source>
        <translation>Called before</translation>
    </message>
    <message>
        <source>お待ちの方と待ち時間の目安</source>
        <translation>Waiting and estimated wait</translation>
    </message>
    <message>
        <source>{number} → {window}</source>
        <translation>{number} → {window}</translation>
    </message>
    <message>
        <source>受付時間外</source>
        <translation>Closed now</translation>
    </message>
    <message>
        <source>{number}番の方、{window}番窓口へお越しください。</source>
        <translation>Number {number}, please come to window {window}.</translation>
    </message>
</context>
<context>
    <name>InboxScreen</name>
    <message>
        <source>未完了（すべて）</source>
        <translation>Open (all)</translation>
    </message>
    <message>
        <source>期限がこの日まで</source>
        <translation>Due on or before</translation>
    </message>
    <message>
        <source>期限</source>
        <translation>Due by</translation>
    </message>
    <message>
        <source>課</source>
        <translation>Division</translation>
    </message>
    <message>
        <source>状況</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>手続き</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <source>受付番号</source>
        <translation>Visit no.</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>Persons</translation>
    </message>
    <message>
        <source>担当者</source>
        <translation>Handled by</translation>
    </message>
    <message>
        <source>該当する手続きはありません。</source>
        <translation>No procedures match.</translation>
    </message>
    <message>
        <source>記録</source>
        <translation>Log</translation>
    </message>
    <message>
        <source>日時</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>職員</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>役割</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>端末</source>
        <translation>Terminal</translation>
    </message>
    <message>
        <source>理由・内容</source>
        <translation>Reason / text</translation>
    </message>
    <message>
        <source>受付</source>
        <translation>Claim</translation>
    </message>
    <message>
        <source>差戻し…</source>
        <translation>Return…</translation>
    </message>
    <message>
        <source>承認…</source>
        <translation>Approve…</translation>
    </message>
    <message>
        <source>却下…</source>
        <translation>Reject…</translation>
    </message>
    <message>
        <source>手放す</source>
        <translation>Release</translation>
    </message>
    <message>
        <source>担当替え…</source>
        <translation>Reassign…</translation>
    </message>
    <message>
        <source>閲覧を許可…</source>
        <translation>Authorise viewing…</translation>
    </message>
    <message>
        <source>窓口で印刷した帳票を表示します（Ctrl+P）</source>
        <translation>Shows the forms printed at the window (Ctrl+P)</translation>
    </message>
    <message>
        <source>すべての手続き</source>
        <translation>All procedures</translation>
    </message>
    <message>
        <source>保護</source>
        <translation>Protected</translation>
    </message>
    <message>
        <source>支援措置の対象者を含むため、氏名・住所は表示しません</source>
        <translation>Names and addresses are not shown: the visit names a person under a support measure</translation>
    </message>
    <message>
        <source>期限を過ぎています</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>受付箱</source>
        <translation>Inbox</translation>
    </message>
    <message>
        <source>手続きを選んでください。</source>
        <translation>Select a procedure.</translation>
    </message>
    <message>
        <source>状況: {status}</source>
        <translation>Status: {status}</translation>
    </message>
    <message>
        <source>閲覧を許可すると、あなたか依頼した職員が10分間閲覧できます。</source>
        <translation>Once you authorise it, you or the staff member who asked may view it for 10 minutes.</translation>
    </message>
    <message>
        <source>閲覧が必要な場合は、監督者に許可を依頼してください。</source>
        <translation>If you need to see it, ask a supervisor to authorise it.</translation>
    </message>
    <message>
        <source>この受付には支援措置（DV・ストーカー・児童虐待等）の対象者が含まれているため、氏名・住所・窓口で伺った内容は表示しません。</source>
        <translation>This visit names a person under a support measure (DV, stalking, child abuse …): names, addresses and the answers given at the window are not shown.</translation>
    </message>
    <message>
        <source>住民: {name}（世帯番号 {household}）</source>
        <translation>Resident: {name} (household {household})</translation>
    </message>
    <message>
        <source>届出: {event}&#x3000;{date}</source>
        <translation>Event: {event} {date}</translation>
    </message>
    <message>
        <source>受付: {at}（{terminal}）</source>
        <translation>Visit: {at} ({terminal})</translation>
    </message>
    <message>
        <source>支援措置の対象者を含む受付です。許可に基づいて表示しています。</source>
        <translation>This visit names a person under a support measure; it is shown under an authorisation.</translation>
    </message>
    <message>
        <source>窓口で伺った内容:</source>
        <translation>Answers at the window:</translation>
    </message>
    <message>
        <source>必要な理由:</source>
        <translation>Why it is needed:</translation>
    </message>
    <message>
        <source>質問（差戻し）: {text}</source>
        <translation>Question (returned): {text}</translation>
    </message>
    <message>
        <source>窓口の回答: {text}</source>
        <translation>Window&apos;s answer: {text}</translation>
    </message>
    <message>
        <source>決定メモ: {text}</source>
        <translation>Decision note: {text}</translation>
    </message>
    <message>
        <source>はい</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>いいえ</source>
        <translation>no</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>窓口へ差戻し</source>
        <translation>Return to the window</translation>
    </message>
    <message>
        <source>「{name}」（{visit}）について窓口に尋ねることを入力してください。</source>
        <translation>Enter your question to the window about “{name}” ({visit}).</translation>
    </message>
    <message>
        <source>承認</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>却下</source>
        <translation>Reject</translation>
    </message>
    <message>
        <source>「{name}」（{visit}）を{decision}します。決定メモを入力してください。</source>
        <translation>{decision}: “{name}” ({visit}). Enter the decision note.</translation>
    </message>
</context>
<context>
    <name>IncomingTable</name>
    <message>
        <source>氏名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>カナ</source>
        <translation>Kana</translation>
    </message>
    <message>
        <source>生年月日</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>性別</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>続柄</source>
        <translation>Relationship</translation>
    </message>
    <message>
        <source>健康保険</source>
        <translation>Health insurance</translation>
    </message>
    <message>
        <source>マイナンバーカード</source>
        <translation>My Number card</translation>
    </message>
    <message>
        <source>署名用電子証明書</source>
        <translation>Signature certificate</translation>
    </message>
    <message>
        <source>国民年金</source>
        <translation>National Pension</translation>
    </message>
    <message>
        <source>転入する人を追加</source>
        <translation>Add a person moving in</translation>
    </message>
    <message>
        <source>選んだ行を削除</source>
        <translation>Remove the selected row</translation>
    </message>
    <message>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>なし</source>
        <translation>None</translation>
    </message>
</context>
<context>
    <name>ItemEditor</name>
    <message>
        <source>証明書</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <source>{name}（{fee}）</source>
        <translation>{name} ({fee})</translation>
    </message>
    <message>
        <source> 通</source>
        <translation> copy(ies)</translation>
    </message>
    <message>
        <source> 年度</source>
        <translation> (fiscal year)</translation>
    </message>
    <message>
        <source>印鑑登録証の番号を入力または読み取り</source>
        <translation>Type or scan the seal registration card number</translation>
    </message>
    <message>
        <source>種類</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>範囲</source>
        <translation>Scope</translation>
    </message>
    <message>
        <source>記載事項</source>
        <translation>Items shown</translation>
    </message>
    <message>
        <source>年度</source>
        <translation>Fiscal year</translation>
    </message>
    <message>
        <source>印鑑登録証</source>
        <translation>Seal card</translation>
    </message>
    <message>
        <source>通数</source>
        <translation>Copies</translation>
    </message>
</context>
<context>
    <name>KeptForms</name>
    <message>
        <source>帳票を表示</source>
        <translation>Show forms</translation>
    </message>
    <message>
        <source>この受付には帳票の記録がありません。</source>
        <translation>No forms were recorded for this visit.</translation>
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
    <name>LetterDialog</name>
    <message>
        <source>職員からの手紙を書く</source>
        <translation>Write a staff letter</translation>
    </message>
    <message>
        <source>関連する住民の声の番号（例: 12, 15）</source>
        <translation>Numbers of related voices (e.g. 12, 15)</translation>
    </message>
    <message>
        <source>件名</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>提案内容</source>
        <translation>Proposal</translation>
    </message>
    <message>
        <source>住民の声</source>
        <translation>Residents&apos; voices</translation>
    </message>
</context>
<context>
    <name>LettersPanel</name>
    <message>
        <source>手紙を書く…</source>
        <translation>Write a letter…</translation>
    </message>
    <message>
        <source>すべての状況</source>
        <translation>Any status</translation>
    </message>
    <message>
        <source>番号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>件名</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>状況</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>賛同</source>
        <translation>Support</translation>
    </message>
    <message>
        <source>提案者</source>
        <translation>Proposed by</translation>
    </message>
    <message>
        <source>日付</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>{status}にする…</source>
        <translation>Make it {status}…</translation>
    </message>
    <message>
        <source>日時</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>職員</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>コメント</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>コメントを書いて Enter</source>
        <translation>Write a comment and press Enter</translation>
    </message>
    <message>
        <source>変更</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>検討の経過</source>
        <translation>History of the decision</translation>
    </message>
    <message>
        <source>職員からの手紙</source>
        <translation>Staff letters</translation>
    </message>
    <message>
        <source>手紙を選んでください。</source>
        <translation>Choose a letter.</translation>
    </message>
    <message>
        <source>{author}&#x3000;{day}&#x3000;状況: {status}&#x3000;賛同 {count}</source>
        <translation>{author}  {day}  status: {status}  support {count}</translation>
    </message>
    <message>
        <source>関連する住民の声: {numbers}</source>
        <translation>Related voices: {numbers}</translation>
    </message>
    <message>
        <source>理由: {reason}</source>
        <translation>Reason: {reason}</translation>
    </message>
    <message>
        <source>賛同を取り消す</source>
        <translation>Withdraw support</translation>
    </message>
    <message>
        <source>賛同する（+1）</source>
        <translation>Support (+1)</translation>
    </message>
    <message>
        <source>{status}にする</source>
        <translation>Make it {status}</translation>
    </message>
    <message>
        <source>「{title}」を{status}にする理由を入力してください（全職員に公開されます）。</source>
        <translation>Enter the reason for making “{title}” {status} (every member of staff will see it).</translation>
    </message>
</context>
<context>
    <name>LettersWindow</name>
    <message>
        <source>職員からの手紙</source>
        <translation>Staff letters</translation>
    </message>
</context>
<context>
    <name>LiveStateLabel</name>
    <message>
        <source>自動更新なし</source>
        <translation>No live updates</translation>
    </message>
    <message>
        <source>接続を確認中…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>● 自動更新中</source>
        <translation>● Live</translation>
    </message>
    <message>
        <source>● 切断中（再接続しています）</source>
        <translation>● Disconnected (reconnecting)</translation>
    </message>
</context>
<context>
    <name>LiveWaitsModel</name>
    <message>
        <source>区分</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>待ち人数</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>最長の待ち／目標</source>
        <translation>Longest wait / target</translation>
    </message>
    <message>
        <source>状況</source>
        <translation>State</translation>
    </message>
    <message>
        <source>● 通常</source>
        <translation>● Normal</translation>
    </message>
    <message>
        <source>▲ 目標超え</source>
        <translation>▲ Past target</translation>
    </message>
    <message>
        <source>■ 上限超え</source>
        <translation>■ Past limit</translation>
    </message>
    <message>
        <source>{count}人</source>
        <translation>{count}</translation>
    </message>
    <message>
        <source>{longest}分／{target}分</source>
        <translation>{longest} / {target} min</translation>
    </message>
    <message>
        <source>目標 {target}分を超えると注意、上限 {limit}分を超えると警告</source>
        <translation>Amber past the target of {target} min, red past the limit of {limit} min</translation>
    </message>
</context>
<context>
    <name>LiveWaitsView</name>
    <message>
        <source>待ち状況（区分別）</source>
        <translation>Waits by category</translation>
    </message>
    <message>
        <source>お待ちの方 {waiting}人・目標超え {late}区分</source>
        <translation>{waiting} waiting · {late} categories past target</translation>
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
        <source>呼出表示を開く(&amp;H)</source>
        <translation>Open the &amp;hall display</translation>
    </message>
    <message>
        <source>統計・見える化(&amp;T)…</source>
        <translation>&amp;Statistics…</translation>
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
        <source>住民の声(&amp;O)</source>
        <translation>Residents&apos; v&amp;oices</translation>
    </message>
    <message>
        <source>記録(&amp;R)…</source>
        <translation>&amp;Record…</translation>
    </message>
    <message>
        <source>検索・対応(&amp;S)…</source>
        <translation>&amp;Search and answer…</translation>
    </message>
    <message>
        <source>職員からの手紙(&amp;L)…</source>
        <translation>Staff &amp;letters…</translation>
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
    <name>NoteDialog</name>
    <message>
        <source>入力してください。</source>
        <translation>Please enter the text.</translation>
    </message>
</context>
<context>
    <name>OpenVisitBox</name>
    <message>
        <source>受付番号（Ctrl+J）</source>
        <translation>Visit number (Ctrl+J)</translation>
    </message>
    <message>
        <source>V-20261201-0001 またはバーコードを読み取り</source>
        <translation>V-20261201-0001 or scan the barcode</translation>
    </message>
</context>
<context>
    <name>Outbox</name>
    <message>
        <source>受付の控え</source>
        <translation>Visit receipt</translation>
    </message>
    <message>
        <source>領収書</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>番号札</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <source>この端末では印刷していません</source>
        <translation>Not printed on this PC</translation>
    </message>
    <message>
        <source>紙切れ</source>
        <translation>Paper end</translation>
    </message>
    <message>
        <source>カバーオープン</source>
        <translation>Cover open</translation>
    </message>
    <message>
        <source>プリンターエラー</source>
        <translation>Printer error</translation>
    </message>
    <message>
        <source>オフライン</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>プリンターに接続できません</source>
        <translation>Cannot reach the printer</translation>
    </message>
    <message>
        <source>印刷できません: 券がプリンタの上限を超えます</source>
        <translation>Cannot print: the ticket is over the printer&apos;s limit</translation>
    </message>
    <message>
        <source>印刷できません: 画像で印刷する文字のフォントがありません</source>
        <translation>Cannot print: no font for the characters printed as images</translation>
    </message>
    <message>
        <source>印刷できません: 内容がありません</source>
        <translation>Cannot print: nothing to print</translation>
    </message>
    <message>
        <source>印刷エラー</source>
        <translation>Print error</translation>
    </message>
    <message>
        <source>印刷済み</source>
        <translation>Printed</translation>
    </message>
    <message>
        <source>取消済み</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>印刷待ち（{reason}）</source>
        <translation>Waiting to print ({reason})</translation>
    </message>
    <message>
        <source>印刷待ち</source>
        <translation>Waiting to print</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <source>お会計</source>
        <translation>Payment</translation>
    </message>
    <message>
        <source>{name}（Alt+{key}）</source>
        <translation>{name} (Alt+{key})</translation>
    </message>
    <message>
        <source>お預かり金額</source>
        <translation>Amount received</translation>
    </message>
    <message>
        <source>お預かり</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>お釣り</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>決済端末で {total} を請求します。カード・スマートフォンを端末にかざしてもらいます。</source>
        <translation>The terminal will charge {total}. Ask the resident to hold their card or phone to it.</translation>
    </message>
    <message>
        <source>この端末には決済端末が設定されていません（設定ファイルの devices.payment_terminal）。</source>
        <translation>No payment terminal is configured on this PC (devices.payment_terminal in the configuration file).</translation>
    </message>
    <message>
        <source>理由を選んでください</source>
        <translation>Choose the reason</translation>
    </message>
    <message>
        <source>減免の理由</source>
        <translation>Reason for exemption</translation>
    </message>
    <message>
        <source>手数料はかかりません。</source>
        <translation>No fee is charged.</translation>
    </message>
    <message>
        <source>受領して交付（Enter）</source>
        <translation>Take and issue (Enter)</translation>
    </message>
    <message>
        <source>戻る（Esc）</source>
        <translation>Back (Esc)</translation>
    </message>
    <message>
        <source>合計</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>お支払いなし（減免）</source>
        <translation>Nothing to pay (exempt)</translation>
    </message>
    <message>
        <source>決済する（Enter）</source>
        <translation>Charge (Enter)</translation>
    </message>
    <message>
        <source>交付（Enter）</source>
        <translation>Issue (Enter)</translation>
    </message>
    <message>
        <source>お預かりが合計に {short} 足りません。</source>
        <translation>The amount received is {short} short of the total.</translation>
    </message>
    <message>
        <source>決済端末の操作を待っています…</source>
        <translation>Waiting for the payment terminal…</translation>
    </message>
    <message>
        <source>決済できませんでした: {reason}</source>
        <translation>The payment did not go through: {reason}</translation>
    </message>
    <message>
        <source>端末が承認しませんでした</source>
        <translation>the terminal did not approve it</translation>
    </message>
    <message>
        <source>決済端末に接続できませんでした。請求はされていません。</source>
        <translation>Could not reach the payment terminal. Nothing was charged.</translation>
    </message>
    <message>
        <source>決済端末から時間内に応答がありませんでした。請求はされていません。</source>
        <translation>The payment terminal did not answer in time. Nothing was charged.</translation>
    </message>
    <message>
        <source>決済端末の応答を読み取れませんでした。交付せず、端末の記録を確認してください。</source>
        <translation>The payment terminal&apos;s answer could not be read. Do not issue; check the terminal&apos;s journal.</translation>
    </message>
    <message>
        <source>決済端末でエラーが起きました（{detail}）。</source>
        <translation>The payment terminal failed ({detail}).</translation>
    </message>
</context>
<context>
    <name>PdfDialog</name>
    <message>
        <source>{title}: {pages}ページ</source>
        <translation>{title}: {pages} pages</translation>
    </message>
    <message>
        <source>印刷（Ctrl+P）</source>
        <translation>Print (Ctrl+P)</translation>
    </message>
    <message>
        <source>PDFを保存（Ctrl+S）</source>
        <translation>Save PDF (Ctrl+S)</translation>
    </message>
    <message>
        <source>閉じる（Esc）</source>
        <translation>Close (Esc)</translation>
    </message>
</context>
<context>
    <name>PrintAlarms</name>
    <message>
        <source>印刷の警告（すぐに印刷できなかった番号札・受付の控え）</source>
        <translation>Print alerts (tickets and visit receipts that did not print at once)</translation>
    </message>
    <message>
        <source>種類</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>番号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>状況</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>時刻</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>再印刷</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <source>印刷取消</source>
        <translation>Cancel printing</translation>
    </message>
    <message>
        <source>{kind} {number} を再印刷します。</source>
        <translation>Reprinting {kind} {number}.</translation>
    </message>
    <message>
        <source>{kind} {number} の印刷を取り消しますか？</source>
        <translation>Cancel printing {kind} {number}?</translation>
    </message>
    <message>
        <source>印刷の取消</source>
        <translation>Cancel printing</translation>
    </message>
    <message>
        <source>{kind} {number} の印刷を取り消しました。</source>
        <translation>Printing of {kind} {number} cancelled.</translation>
    </message>
</context>
<context>
    <name>ProcedureAction</name>
    <message>
        <source>窓口で完了</source>
        <translation>Done at the window</translation>
    </message>
    <message>
        <source>原課へ回付</source>
        <translation>Routed to the division</translation>
    </message>
    <message>
        <source>追加</source>
        <translation>Added</translation>
    </message>
    <message>
        <source>除外</source>
        <translation>Dropped</translation>
    </message>
    <message>
        <source>受付</source>
        <translation>Claimed</translation>
    </message>
    <message>
        <source>手放す</source>
        <translation>Released</translation>
    </message>
    <message>
        <source>差戻し</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>回答</source>
        <translation>Answered</translation>
    </message>
    <message>
        <source>承認</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>却下</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>担当替え</source>
        <translation>Reassigned</translation>
    </message>
    <message>
        <source>受付終了</source>
        <translation>Visit closed</translation>
    </message>
    <message>
        <source>書類を印刷</source>
        <translation>Forms printed</translation>
    </message>
    <message>
        <source>書類を再印刷</source>
        <translation>Forms printed again</translation>
    </message>
</context>
<context>
    <name>ProcedureStatus</name>
    <message>
        <source>完了</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>審査待ち</source>
        <translation>Awaiting review</translation>
    </message>
    <message>
        <source>担当中</source>
        <translation>In review</translation>
    </message>
    <message>
        <source>差戻し（質問）</source>
        <translation>Returned (question)</translation>
    </message>
    <message>
        <source>回答済み</source>
        <translation>Answered</translation>
    </message>
    <message>
        <source>承認</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>却下</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>除外</source>
        <translation>Dropped</translation>
    </message>
</context>
<context>
    <name>QuestionPage</name>
    <message>
        <source>{event}: 記録から分からないことを伺います</source>
        <translation>{event}: the questions the records cannot answer</translation>
    </message>
    <message>
        <source>Tab で次の質問へ。Ctrl+Enter で必要な手続きを表示、Esc で戻ります。</source>
        <translation>Tab moves to the next question. Ctrl+Enter shows the procedures needed; Esc goes back.</translation>
    </message>
    <message>
        <source>届出について</source>
        <translation>About the notification</translation>
    </message>
    <message>
        <source>転入する人</source>
        <translation>Persons moving in</translation>
    </message>
    <message>
        <source>{name}（生まれた子）</source>
        <translation>{name} (newborn)</translation>
    </message>
    <message>
        <source>生まれた子</source>
        <translation>Newborn</translation>
    </message>
    <message>
        <source>次の質問に答えてください: {questions}</source>
        <translation>Please answer: {questions}</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>Queue</name>
    <message>
        <source>{window}番窓口</source>
        <translation>Window {window}</translation>
    </message>
    <message>
        <source>待ちなし</source>
        <translation>No wait</translation>
    </message>
    <message>
        <source>待ち {count}人・目安 約{minutes}分</source>
        <translation>{count} waiting, about {minutes} min</translation>
    </message>
    <message>
        <source>紙切れ：発券機に用紙を補充してください。番号札は補充後に印刷されます。</source>
        <translation>Paper out: load paper into the ticket printer. Tickets print once the paper is back.</translation>
    </message>
    <message>
        <source>カバーオープン：発券機のカバーを閉じてください。</source>
        <translation>Cover open: close the ticket printer&apos;s cover.</translation>
    </message>
    <message>
        <source>発券機エラー：発券機の表示を確かめてください。</source>
        <translation>Ticket printer error: check the printer&apos;s lights.</translation>
    </message>
    <message>
        <source>オフライン：発券機の電源とケーブルを確かめてください。番号札は復旧後に印刷されます。</source>
        <translation>Offline: check the ticket printer&apos;s power and cable. Tickets print once it is back.</translation>
    </message>
    <message>
        <source>ニアエンド：発券機の用紙が残りわずかです。</source>
        <translation>Paper near end: the ticket printer will run out of paper soon.</translation>
    </message>
</context>
<context>
    <name>ReassignDialog</name>
    <message>
        <source>担当替え</source>
        <translation>Reassign</translation>
    </message>
    <message>
        <source>「{name}」の担当者を選んでください。</source>
        <translation>Choose who handles “{name}”.</translation>
    </message>
    <message>
        <source>担当者</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>RecordVoiceDialog</name>
    <message>
        <source>住民の声を記録</source>
        <translation>Record a resident&apos;s voice</translation>
    </message>
    <message>
        <source>住民の方のお話を、できるだけそのまま</source>
        <translation>The resident&apos;s words, as close as you can</translation>
    </message>
    <message>
        <source>似た声がすでにあります（同じ件ならまとめて対応）</source>
        <translation>Similar voices exist (if it is the same matter, handle them together)</translation>
    </message>
    <message>
        <source>回答を希望する</source>
        <translation>A reply is wanted</translation>
    </message>
    <message>
        <source>空欄のままなら匿名</source>
        <translation>Leave empty to keep it anonymous</translation>
    </message>
    <message>
        <source>ご本人が記録に名前を残すことに同意</source>
        <translation>The resident agrees to be named in the record</translation>
    </message>
    <message>
        <source>記録（Ctrl+Enter）</source>
        <translation>Record (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>経路(&amp;C)</source>
        <translation>&amp;Channel</translation>
    </message>
    <message>
        <source>区分(&amp;K)</source>
        <translation>&amp;Kind</translation>
    </message>
    <message>
        <source>内容(&amp;T)</source>
        <translation>&amp;Text</translation>
    </message>
    <message>
        <source>分野(&amp;P)</source>
        <translation>To&amp;pics</translation>
    </message>
    <message>
        <source>関係課(&amp;D)</source>
        <translation>&amp;Divisions</translation>
    </message>
    <message>
        <source>回答</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>宛名番号(&amp;A)</source>
        <translation>Resident no. (&amp;A)</translation>
    </message>
    <message>
        <source>受付 {number} に紐づける</source>
        <translation>Link to visit {number}</translation>
    </message>
    <message>
        <source>対応中の番号札 {number} に紐づける</source>
        <translation>Link to ticket {number} being served</translation>
    </message>
    <message>
        <source>個人情報らしき記載があります（{kinds}）。必要なとき以外は書かないでください。</source>
        <translation>The text seems to hold personal data ({kinds}). Write it only when needed.</translation>
    </message>
    <message>
        <source>No.{id}&#x3000;{day}&#x3000;{kind}&#x3000;{status}&#x3000;{text}</source>
        <translation>No.{id}  {day}  {kind}  {status}  {text}</translation>
    </message>
    <message>
        <source>回答: {answer}</source>
        <translation>Answer: {answer}</translation>
    </message>
</context>
<context>
    <name>ReformOfficerScreen</name>
    <message>
        <source>職員からの手紙</source>
        <translation>Staff letters</translation>
    </message>
    <message>
        <source>職員の改善提案を読み、受付 → 検討中 → 採用・不採用 → 実施済みと進めます。理由は全職員に公開されます。</source>
        <translation>Read the staff&apos;s improvement proposals and move them: received → under consideration → adopted or not → implemented. The reasons are shown to every member of staff.</translation>
    </message>
</context>
<context>
    <name>RequestLines</name>
    <message>
        <source>証明書</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <source>範囲</source>
        <translation>Scope</translation>
    </message>
    <message>
        <source>記載事項</source>
        <translation>Items shown</translation>
    </message>
    <message>
        <source>通数</source>
        <translation>Copies</translation>
    </message>
    <message>
        <source>手数料</source>
        <translation>Fee</translation>
    </message>
    <message>
        <source>{year}年度</source>
        <translation>fiscal year {year}</translation>
    </message>
    <message>
        <source>登録証 {number}</source>
        <translation>card {number}</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>RequesterBox</name>
    <message>
        <source>請求者</source>
        <translation>Requester</translation>
    </message>
    <message>
        <source>{name}（Alt+{number}）</source>
        <translation>{name} (Alt+{number})</translation>
    </message>
    <message>
        <source>窓口に来た方の氏名</source>
        <translation>Name of the person at the window</translation>
    </message>
    <message>
        <source>委任状あり</source>
        <translation>Letter of attorney shown</translation>
    </message>
    <message>
        <source>請求の事由（例: 債権回収のため）</source>
        <translation>Purpose of the request (e.g. debt collection)</translation>
    </message>
    <message>
        <source>本人確認書類</source>
        <translation>Identity document</translation>
    </message>
    <message>
        <source>請求者氏名</source>
        <translation>Requester&apos;s name</translation>
    </message>
    <message>
        <source>請求の事由</source>
        <translation>Purpose</translation>
    </message>
</context>
<context>
    <name>ResidentRecordView</name>
    <message>
        <source>住民を検索して Enter で開くと、ここに記録が表示されます。</source>
        <translation>Search for a resident and press Enter to show the record here.</translation>
    </message>
    <message>
        <source>住民記録</source>
        <translation>Resident record</translation>
    </message>
    <message>
        <source>この住民は支援措置（DV・ストーカー・児童虐待等）の対象です。記録は保護されているため表示できません。閲覧しようとしたことは記録されました。</source>
        <translation>This resident is under a support measure (DV, stalking, child abuse …). The record is protected and cannot be shown. This attempt has been logged.</translation>
    </message>
    <message>
        <source>閲覧を許可</source>
        <translation>Authorise access</translation>
    </message>
    <message>
        <source>監督者が理由を記録して許可すると、一度だけ閲覧できます（10分間有効）。</source>
        <translation>Once a supervisor authorises it with a reason, the record can be opened once (valid for 10 minutes).</translation>
    </message>
    <message>
        <source>閲覧が必要な場合は、監督者に許可を依頼してください。</source>
        <translation>If you need to see it, ask a supervisor to authorise it.</translation>
    </message>
    <message>
        <source>支援措置対象の記録の閲覧許可</source>
        <translation>Authorise access to a protected record</translation>
    </message>
    <message>
        <source>閲覧を許可する理由を入力してください（監査ログに記録されます）。</source>
        <translation>Enter the reason for authorising access (it is written to the audit log).</translation>
    </message>
    <message>
        <source>本人が来庁し、本人確認済み</source>
        <translation>The resident came in person; identity checked</translation>
    </message>
    <message>
        <source>支援措置の申出の確認</source>
        <translation>Checking the support-measure application</translation>
    </message>
    <message>
        <source>ライフイベント（手続きナビ）F6</source>
        <translation>Life event (procedure guide) F6</translation>
    </message>
    <message>
        <source>支援措置対象の記録です。許可に基づいて表示しています。</source>
        <translation>Protected record: shown under an authorisation.</translation>
    </message>
    <message>
        <source>本人</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>個人番号</source>
        <translation>My Number</translation>
    </message>
    <message>
        <source>記録なし</source>
        <translation>not recorded</translation>
    </message>
    <message>
        <source>表示</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>個人番号の表示</source>
        <translation>My Number shown</translation>
    </message>
    <message>
        <source>個人番号は個人番号利用事務にだけ使えます。利用目的を選ぶか入力してください（監査ログに記録されます）。</source>
        <translation>The My Number may only be used for My Number business. Choose or enter the purpose (it is written to the audit log).</translation>
    </message>
    <message>
        <source>国民健康保険の手続き</source>
        <translation>National Health Insurance procedure</translation>
    </message>
    <message>
        <source>国民年金の手続き</source>
        <translation>National Pension procedure</translation>
    </message>
    <message>
        <source>児童手当の手続き</source>
        <translation>Child allowance procedure</translation>
    </message>
    <message>
        <source>児童扶養手当の手続き</source>
        <translation>Child-rearing allowance procedure</translation>
    </message>
    <message>
        <source>介護保険の手続き</source>
        <translation>Long-term care insurance procedure</translation>
    </message>
    <message>
        <source>後期高齢者医療の手続き</source>
        <translation>Late-stage elderly medical care procedure</translation>
    </message>
    <message>
        <source>あり</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>なし</source>
        <translation>none</translation>
    </message>
    <message>
        <source>生年月日</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>{wareki}（{age}歳）</source>
        <translation>{wareki} (age {age})</translation>
    </message>
    <message>
        <source>性別</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>（読み取れない値）</source>
        <translation>(unreadable value)</translation>
    </message>
    <message>
        <source>この記録には読み取れない値が{count}件あります（「（読み取れない値）」の箇所）。住民記録システムの登録内容を確認してください。</source>
        <translation>This record holds {count} value(s) that cannot be read (marked “(unreadable value)”). Check the entries in the core resident system.</translation>
    </message>
    <message>
        <source>復号できません（鍵ファイルを確認してください）</source>
        <translation>Cannot be opened (check the key file)</translation>
    </message>
    <message>
        <source>続柄</source>
        <translation>Relationship</translation>
    </message>
    <message>
        <source>住所</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>電話番号</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>宛名番号</source>
        <translation>Atena number</translation>
    </message>
    <message>
        <source>住民票コード</source>
        <translation>Resident register code</translation>
    </message>
    <message>
        <source>住民となった日</source>
        <translation>Became a resident on</translation>
    </message>
    <message>
        <source>住定日</source>
        <translation>Address since</translation>
    </message>
    <message>
        <source>届出日</source>
        <translation>Notified on</translation>
    </message>
    <message>
        <source>従前の住所</source>
        <translation>Previous address</translation>
    </message>
    <message>
        <source>最後の異動</source>
        <translation>Last change</translation>
    </message>
    <message>
        <source>本籍</source>
        <translation>Registered domicile</translation>
    </message>
    <message>
        <source>筆頭者</source>
        <translation>Head of family register</translation>
    </message>
    <message>
        <source>選挙人名簿登録</source>
        <translation>On the electoral roll</translation>
    </message>
    <message>
        <source>旧氏</source>
        <translation>Former surname</translation>
    </message>
    <message>
        <source>国籍・地域</source>
        <translation>Nationality / region</translation>
    </message>
    <message>
        <source>在留資格</source>
        <translation>Status of residence</translation>
    </message>
    <message>
        <source>在留カード等の番号</source>
        <translation>Residence card number</translation>
    </message>
    <message>
        <source>在留期間の満了日</source>
        <translation>Period of stay ends</translation>
    </message>
    <message>
        <source>世帯（世帯番号 {number}）</source>
        <translation>Household (number {number})</translation>
    </message>
    <message>
        <source>氏名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>年齢</source>
        <translation>Age</translation>
    </message>
    <message>
        <source>後期高齢者医療への加入</source>
        <translation>Joins late-stage elderly medical care</translation>
    </message>
    <message>
        <source>介護保険 第1号被保険者</source>
        <translation>Long-term care insurance, category 1</translation>
    </message>
    <message>
        <source>介護保険 第2号被保険者</source>
        <translation>Long-term care insurance, category 2</translation>
    </message>
    <message>
        <source>小学校入学（学齢簿）</source>
        <translation>Starts elementary school (school register)</translation>
    </message>
    <message>
        <source>国民年金への加入</source>
        <translation>Joins the National Pension</translation>
    </message>
    <message>
        <source>マイナンバーカードの有効期限</source>
        <translation>My Number Card expires</translation>
    </message>
    <message>
        <source>電子証明書の有効期限</source>
        <translation>Electronic certificates expire</translation>
    </message>
    <message>
        <source>在留期間の満了</source>
        <translation>Period of stay ends</translation>
    </message>
    <message>
        <source>要介護認定の有効期間</source>
        <translation>Care-need certification ends</translation>
    </message>
    <message>
        <source>児童手当の支給終了</source>
        <translation>Child allowance ends</translation>
    </message>
    <message>
        <source>お知らせ（記録から分かる手続き）</source>
        <translation>Notices (procedures the records imply)</translation>
    </message>
    <message>
        <source>{title}: {name}（{due}）
{reason}</source>
        <translation>{title}: {name} ({due})
{reason}</translation>
    </message>
    <message>
        <source>来庁履歴（世帯）</source>
        <translation>Past visits (household)</translation>
    </message>
    <message>
        <source>記録された来庁はありません。</source>
        <translation>No visit has been recorded.</translation>
    </message>
    <message>
        <source>審査中 {pending}件</source>
        <translation>{pending} under review</translation>
    </message>
    <message>
        <source>完了</source>
        <translation>closed</translation>
    </message>
    <message>
        <source>受付中</source>
        <translation>open</translation>
    </message>
    <message>
        <source>{day}&#x3000;{number}&#x3000;{event}&#x3000;手続き{count}件（{state}）</source>
        <translation>{day}  {number}  {event}  {count} procedure(s) ({state})</translation>
    </message>
    <message>
        <source>国民健康保険</source>
        <translation>National Health Insurance</translation>
    </message>
    <message>
        <source>後期高齢者医療</source>
        <translation>Late-stage elderly medical care</translation>
    </message>
    <message>
        <source>被用者保険（本人）</source>
        <translation>Employee insurance (insured)</translation>
    </message>
    <message>
        <source>被用者保険（被扶養者）</source>
        <translation>Employee insurance (dependant)</translation>
    </message>
    <message>
        <source>生活保護（医療扶助）</source>
        <translation>Public assistance (medical aid)</translation>
    </message>
    <message>
        <source>医療保険</source>
        <translation>Health cover</translation>
    </message>
    <message>
        <source>被保険者</source>
        <translation>Insured person</translation>
    </message>
    <message>
        <source>国保 記号・番号</source>
        <translation>NHI symbol and number</translation>
    </message>
    <message>
        <source>国保 資格取得日</source>
        <translation>NHI from</translation>
    </message>
    <message>
        <source>国保 資格喪失日</source>
        <translation>NHI until</translation>
    </message>
    <message>
        <source>国保 世帯主</source>
        <translation>NHI householder</translation>
    </message>
    <message>
        <source>高齢受給者 負担割合</source>
        <translation>Elderly co-payment</translation>
    </message>
    <message>
        <source>{ratio}割</source>
        <translation>{ratio}0 %</translation>
    </message>
    <message>
        <source>後期 被保険者番号</source>
        <translation>Late-stage insured number</translation>
    </message>
    <message>
        <source>後期 資格取得日</source>
        <translation>Late-stage from</translation>
    </message>
    <message>
        <source>後期 負担割合</source>
        <translation>Late-stage co-payment</translation>
    </message>
    <message>
        <source>医療保険（保険年金課）</source>
        <translation>Health cover (Health Insurance and Pension)</translation>
    </message>
    <message>
        <source>介護保険（介護保険課）</source>
        <translation>Long-term care insurance (Long-Term Care)</translation>
    </message>
    <message>
        <source>区分</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>第{category}号</source>
        <translation>Category {category}</translation>
    </message>
    <message>
        <source>被保険者番号</source>
        <translation>Insured number</translation>
    </message>
    <message>
        <source>要介護・要支援認定</source>
        <translation>Care-need certification</translation>
    </message>
    <message>
        <source>認定有効期間の終期</source>
        <translation>Certification valid until</translation>
    </message>
    <message>
        <source>国民年金（保険年金課）</source>
        <translation>National Pension (Health Insurance and Pension)</translation>
    </message>
    <message>
        <source>種別</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>基礎年金番号</source>
        <translation>Basic pension number</translation>
    </message>
    <message>
        <source>年金受給</source>
        <translation>Receives a pension</translation>
    </message>
    <message>
        <source>児童手当 受給者番号</source>
        <translation>Child allowance recipient number</translation>
    </message>
    <message>
        <source>児童手当 支給開始</source>
        <translation>Child allowance since</translation>
    </message>
    <message>
        <source>支給対象児童</source>
        <translation>Children paid for</translation>
    </message>
    <message>
        <source>{name}（{age}歳）</source>
        <translation>{name} (age {age})</translation>
    </message>
    <message>
        <source>児童手当の受給者</source>
        <translation>Child allowance paid to</translation>
    </message>
    <message>
        <source>子ども医療 受給者証番号</source>
        <translation>Child medical certificate number</translation>
    </message>
    <message>
        <source>子ども医療 保護者</source>
        <translation>Child medical guardian</translation>
    </message>
    <message>
        <source>子ども医療 有効期限</source>
        <translation>Child medical valid until</translation>
    </message>
    <message>
        <source>児童扶養手当 証書番号</source>
        <translation>Child-rearing allowance certificate</translation>
    </message>
    <message>
        <source>ひとり親家庭等医療 受給者証番号</source>
        <translation>Single-parent medical certificate</translation>
    </message>
    <message>
        <source>子育て（子育て支援課）</source>
        <translation>Child-rearing (Child Support)</translation>
    </message>
    <message>
        <source>学齢簿（学務課）</source>
        <translation>School register (School Affairs)</translation>
    </message>
    <message>
        <source>在籍校</source>
        <translation>School</translation>
    </message>
    <message>
        <source>学年</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>印鑑登録番号</source>
        <translation>Seal registration number</translation>
    </message>
    <message>
        <source>印鑑登録日</source>
        <translation>Seal registered on</translation>
    </message>
    <message>
        <source>マイナンバーカード 有効期限</source>
        <translation>My Number Card valid until</translation>
    </message>
    <message>
        <source>署名用電子証明書</source>
        <translation>Signature certificate</translation>
    </message>
    <message>
        <source>利用者証明用電子証明書</source>
        <translation>User certificate</translation>
    </message>
    <message>
        <source>電子証明書 有効期限</source>
        <translation>Certificates valid until</translation>
    </message>
    <message>
        <source>印鑑登録・マイナンバーカード（市民課）</source>
        <translation>Seal and My Number Card (Citizens&apos; Affairs)</translation>
    </message>
    <message>
        <source>身体障害者手帳</source>
        <translation>Physical disability handbook</translation>
    </message>
    <message>
        <source>療育手帳</source>
        <translation>Intellectual disability handbook</translation>
    </message>
    <message>
        <source>精神障害者保健福祉手帳</source>
        <translation>Mental disability handbook</translation>
    </message>
    <message>
        <source>障害者手帳（障害福祉課）</source>
        <translation>Disability handbooks (Disability Welfare)</translation>
    </message>
    <message>
        <source>税（税務課）</source>
        <translation>Tax (Taxation)</translation>
    </message>
    <message>
        <source>固定資産税の納税義務者</source>
        <translation>Pays fixed-asset tax</translation>
    </message>
    <message>
        <source>軽自動車税の納税義務者</source>
        <translation>Pays light-vehicle tax</translation>
    </message>
    <message>
        <source>各課の記録</source>
        <translation>Department records</translation>
    </message>
    <message>
        <source>記録</source>
        <translation>Records</translation>
    </message>
</context>
<context>
    <name>ResidentSearchPanel</name>
    <message>
        <source>住民検索</source>
        <translation>Resident search</translation>
    </message>
    <message>
        <source>氏名（かな・漢字）、生年月日（S60.8.22 など）、住所、電話番号</source>
        <translation>Name (kana or kanji), date of birth (e.g. S60.8.22), address, phone</translation>
    </message>
    <message>
        <source>氏名や生年月日を入力して Enter で検索します。</source>
        <translation>Type a name or date of birth and press Enter to search.</translation>
    </message>
    <message>
        <source>検索しています…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>{count}件見つかりました。↓ で結果へ移り、Enter で開きます。</source>
        <translation>{count} found. Press ↓ to move to the results and Enter to open one.</translation>
    </message>
    <message>
        <source>該当する住民は見つかりませんでした。</source>
        <translation>No resident matches.</translation>
    </message>
</context>
<context>
    <name>ResidentWorkspace</name>
    <message>
        <source>住民記録</source>
        <translation>Resident record</translation>
    </message>
    <message>
        <source>手続きナビ（{name}）</source>
        <translation>Procedure guide ({name})</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <source>必要な手続き</source>
        <translation>Procedures needed</translation>
    </message>
    <message>
        <source>課・手続き</source>
        <translation>Department / procedure</translation>
    </message>
    <message>
        <source>種別</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>対象者</source>
        <translation>Persons</translation>
    </message>
    <message>
        <source>調整</source>
        <translation>Adjustment</translation>
    </message>
    <message>
        <source>除外（Del）</source>
        <translation>Drop (Del)</translation>
    </message>
    <message>
        <source>追加（Ins）</source>
        <translation>Add (Ins)</translation>
    </message>
    <message>
        <source>書類を作成（Ctrl+P）</source>
        <translation>Prepare the forms (Ctrl+P)</translation>
    </message>
    <message>
        <source>受付を確定（Ctrl+Enter）</source>
        <translation>Confirm the visit (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>証明書を追加</source>
        <translation>Add certificates</translation>
    </message>
    <message>
        <source>職権・自動で行われるもの（届出は不要）</source>
        <translation>Done ex officio or automatically (no notification needed)</translation>
    </message>
    <message>
        <source>お知らせ</source>
        <translation>Notice</translation>
    </message>
    <message>
        <source>担当課</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>ありません。</source>
        <translation>None.</translation>
    </message>
    <message>
        <source>即時処理可</source>
        <translation>Immediate</translation>
    </message>
    <message>
        <source>要審査後処理</source>
        <translation>Needs review</translation>
    </message>
    <message>
        <source>証明書交付</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <source>提出のみ</source>
        <translation>Submission only</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>{count}件の手続き（{departments}課）。Del で除外、Ins で追加します。</source>
        <translation>{count} procedures in {departments} departments. Del drops one, Ins adds one.</translation>
    </message>
    <message>
        <source>受付 {number} を確定しました。</source>
        <translation>Visit {number} confirmed.</translation>
    </message>
    <message>
        <source>受付 {number} を確定しました。この端末には控えを印刷するプリンターが設定されていません（設定ファイルの devices.ticket_printer）。</source>
        <translation>Visit {number} confirmed. This PC has no printer for the receipt (devices.ticket_printer in the configuration file).</translation>
    </message>
    <message>
        <source>受付の控え</source>
        <translation>Visit receipt</translation>
    </message>
    <message>
        <source>手続きナビ</source>
        <translation>Procedure guide</translation>
    </message>
    <message>
        <source>受付 {number} を確定しました。控えを印刷しています。</source>
        <translation>Visit {number} confirmed. Printing its receipt.</translation>
    </message>
    <message>
        <source>受付 {number} を確定しました。控えを印刷しました。</source>
        <translation>Visit {number} confirmed. Its receipt is printed.</translation>
    </message>
    <message>
        <source>受付 {number} を確定しました。控えを印刷待ち（{reason}）：プリンターが印刷できるようになると印刷されます。</source>
        <translation>Visit {number} confirmed. Its receipt is waiting to print ({reason}): it prints as soon as the printer can.</translation>
    </message>
    <message>
        <source>除外: {reason}</source>
        <translation>Dropped: {reason}</translation>
    </message>
    <message>
        <source>追加: {reason}</source>
        <translation>Added: {reason}</translation>
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
    <message>
        <source>業務改革担当</source>
        <translation>Service reform officer</translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message>
        <source>氏名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>カナ</source>
        <translation>Kana</translation>
    </message>
    <message>
        <source>生年月日（和暦・年齢）</source>
        <translation>Date of birth (Japanese era, age)</translation>
    </message>
    <message>
        <source>住所</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>支援措置対象のため住所は表示しません</source>
        <translation>Address withheld: support measure</translation>
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
    <name>StatsCharts</name>
    <message>
        <source>画像保存…</source>
        <translation>Save image…</translation>
    </message>
    <message>
        <source>このグラフをPNG画像に保存します。</source>
        <translation>Save this chart as a PNG image.</translation>
    </message>
    <message>
        <source>この期間のデータはありません。</source>
        <translation>No data for this period.</translation>
    </message>
    <message>
        <source>曜日×時間帯</source>
        <translation>Weekday × hour</translation>
    </message>
    <message>
        <source>来庁者数（1日あたり）</source>
        <translation>Arrivals (per day)</translation>
    </message>
    <message>
        <source>待ち時間 中央値（分）</source>
        <translation>Median wait (min)</translation>
    </message>
    <message>
        <source>{hour}時</source>
        <translation>{hour}h</translation>
    </message>
    <message>
        <source>分</source>
        <translation>min</translation>
    </message>
    <message>
        <source>人</source>
        <translation>people</translation>
    </message>
    <message>
        <source>区分別の待ち時間（日ごとの中央値）</source>
        <translation>Waits by category (daily median)</translation>
    </message>
    <message>
        <source>原課の処理日数と期限</source>
        <translation>Departments&apos; lead times and due dates</translation>
    </message>
    <message>
        <source>中央値</source>
        <translation>Median</translation>
    </message>
    <message>
        <source>90%</source>
        <translation>90%</translation>
    </message>
    <message>
        <source>期限（中央値）</source>
        <translation>Due (median)</translation>
    </message>
    <message>
        <source>決定なし</source>
        <translation>none decided</translation>
    </message>
    <message>
        <source>期限内 {share}%</source>
        <translation>On time {share}%</translation>
    </message>
    <message>
        <source>日</source>
        <translation>days</translation>
    </message>
    <message>
        <source>帳票の記入項目（記入元別）</source>
        <translation>Form fields by source</translation>
    </message>
    <message>
        <source>帳票の記入項目（住民が書かずに済んだ割合 {share}%）</source>
        <translation>Form fields by source ({share}% not written by the resident)</translation>
    </message>
    <message>
        <source>項目数</source>
        <translation>Fields</translation>
    </message>
</context>
<context>
    <name>StatsModel</name>
    <message>
        <source>{points}pt</source>
        <translation>{points} pt</translation>
    </message>
    <message>
        <source>発券区分</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>窓口</source>
        <translation>Window</translation>
    </message>
    <message>
        <source>時間帯</source>
        <translation>Hour</translation>
    </message>
    <message>
        <source>曜日</source>
        <translation>Weekday</translation>
    </message>
    <message>
        <source>日付</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>担当課</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>手続き</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <source>ライフイベント</source>
        <translation>Life event</translation>
    </message>
    <message>
        <source>証明書</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <source>3人未満の集まりは、個人が分からないよう「&lt;3」と表示します。</source>
        <translation>Groups of fewer than 3 people show as &quot;&lt;3&quot; so that no one can be identified.</translation>
    </message>
    <message>
        <source>前</source>
        <translation>before</translation>
    </message>
    <message>
        <source>後</source>
        <translation>after</translation>
    </message>
    <message>
        <source>差</source>
        <translation>change</translation>
    </message>
    <message>
        <source>改善</source>
        <translation>Improved</translation>
    </message>
    <message>
        <source>悪化</source>
        <translation>Worse</translation>
    </message>
</context>
<context>
    <name>StatsWindow</name>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>統計・見える化</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <source>今月</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>先月</source>
        <translation>Last month</translation>
    </message>
    <message>
        <source>直近4週</source>
        <translation>Last 4 weeks</translation>
    </message>
    <message>
        <source>比較しない</source>
        <translation>No comparison</translation>
    </message>
    <message>
        <source>改革日の前後</source>
        <translation>Before/after a reform date</translation>
    </message>
    <message>
        <source>別の期間と比較</source>
        <translation>Against another period</translation>
    </message>
    <message>
        <source>改革日</source>
        <translation>Reform date</translation>
    </message>
    <message>
        <source>比較する期間（前）</source>
        <translation>Compared period (before)</translation>
    </message>
    <message>
        <source>更新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>CSV出力…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <source>表の内容をCSV（UTF-8、BOM付き）に保存します。Excelで開けます。</source>
        <translation>Save the table as CSV (UTF-8 with BOM); Excel opens it.</translation>
    </message>
    <message>
        <source>すべての項目</source>
        <translation>All figures</translation>
    </message>
    <message>
        <source>件数</source>
        <translation>Counts</translation>
    </message>
    <message>
        <source>時間（分・日）</source>
        <translation>Times (min, days)</translation>
    </message>
    <message>
        <source>割合</source>
        <translation>Shares</translation>
    </message>
    <message>
        <source>金額</source>
        <translation>Amounts</translation>
    </message>
    <message>
        <source>表示</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>集計表</source>
        <translation>Table</translation>
    </message>
    <message>
        <source>グラフ</source>
        <translation>Charts</translation>
    </message>
    <message>
        <source>期間</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>集計</source>
        <translation>Group by</translation>
    </message>
    <message>
        <source>比較</source>
        <translation>Compare</translation>
    </message>
    <message>
        <source>期間の終わりが始まりより前です。</source>
        <translation>The period ends before it starts.</translation>
    </message>
    <message>
        <source>改革日は期間の2日目から最終日までの日付にしてください。</source>
        <translation>Choose a reform date from the period&apos;s second day to its last.</translation>
    </message>
    <message>
        <source>比較する期間の終わりが始まりより前です。</source>
        <translation>The compared period ends before it starts.</translation>
    </message>
    <message>
        <source>前: {before}&#x3000;後: {after}</source>
        <translation>Before: {before}  After: {after}</translation>
    </message>
    <message>
        <source>{grouping}&#x3000;前 {before}&#x3000;後 {after}</source>
        <translation>{grouping}  before {before}  after {after}</translation>
    </message>
    <message>
        <source>{grouping}&#x3000;{period}（{days}日間）</source>
        <translation>{grouping}  {period} ({days} days)</translation>
    </message>
    <message>
        <source>CSVファイル (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>PNG画像 (*.png)</source>
        <translation>PNG images (*.png)</translation>
    </message>
    <message>
        <source>画像を書き込めません</source>
        <translation>cannot write the image</translation>
    </message>
    <message>
        <source>{path} に保存できません: {reason}</source>
        <translation>Cannot save {path}: {reason}</translation>
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
        <source>住民検索・支援措置</source>
        <translation>Residents and support measures</translation>
    </message>
    <message>
        <source>原課の手続き</source>
        <translation>Departments&apos; procedures</translation>
    </message>
    <message>
        <source>日計・取消</source>
        <translation>Day&apos;s close and voids</translation>
    </message>
    <message>
        <source>監査ログ</source>
        <translation>Audit log</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <source>転送</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <source>同じ用件のまま</source>
        <translation>Same business</translation>
    </message>
    <message>
        <source>指定しない</source>
        <translation>Any window</translation>
    </message>
    <message>
        <source>用件</source>
        <translation>Business</translation>
    </message>
    <message>
        <source>窓口</source>
        <translation>Window</translation>
    </message>
    <message>
        <source>{number} を別の用件か窓口へ回します。番号は変わりません。</source>
        <translation>Send {number} to another business or window. The number stays the same.</translation>
    </message>
</context>
<context>
    <name>VisitPanel</name>
    <message>
        <source>受付 {number} の手続き</source>
        <translation>Procedures of visit {number}</translation>
    </message>
    <message>
        <source>窓口で印刷した帳票を表示します（Ctrl+P）</source>
        <translation>Shows the forms printed at the window (Ctrl+P)</translation>
    </message>
    <message>
        <source>受付終了</source>
        <translation>Close visit</translation>
    </message>
    <message>
        <source>住民が窓口を離れます。回付した手続きは各課で続きます。</source>
        <translation>The resident leaves the window; routed procedures go on in the departments.</translation>
    </message>
    <message>
        <source>閲覧を許可</source>
        <translation>Authorise access</translation>
    </message>
    <message>
        <source>支援措置の対象者を含む受付です。許可に基づいて表示しています。</source>
        <translation>This visit names a person under a support measure; it is shown under an authorisation.</translation>
    </message>
    <message>
        <source>手続き</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <source>担当課</source>
        <translation>Division</translation>
    </message>
    <message>
        <source>状況</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>担当者</source>
        <translation>Handled by</translation>
    </message>
    <message>
        <source>受付 {number} の手続き（受付終了）</source>
        <translation>Procedures of visit {number} (closed)</translation>
    </message>
    <message>
        <source>{name} {copies}通</source>
        <translation>{name} ×{copies}</translation>
    </message>
    <message>
        <source>交付した証明書: {list}</source>
        <translation>Certificates issued: {list}</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>{department}から「{name}」について質問があります:
{question}</source>
        <translation>{department} has a question about “{name}”:
{question}</translation>
    </message>
    <message>
        <source>回答…</source>
        <translation>Answer…</translation>
    </message>
    <message>
        <source>質問に回答</source>
        <translation>Answer the question</translation>
    </message>
    <message>
        <source>「{name}」についての質問:
{question}

回答を入力してください。</source>
        <translation>The question about “{name}”:
{question}

Enter the answer.</translation>
    </message>
    <message>
        <source>受付 {number}</source>
        <translation>Visit {number}</translation>
    </message>
</context>
<context>
    <name>VisitWindow</name>
    <message>
        <source>受付 {number}</source>
        <translation>Visit {number}</translation>
    </message>
</context>
<context>
    <name>VoiceAction</name>
    <message>
        <source>記録・回付</source>
        <translation>Recorded and routed</translation>
    </message>
    <message>
        <source>受付</source>
        <translation>Claim</translation>
    </message>
    <message>
        <source>回答</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>完了</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>担当替え</source>
        <translation>Reassign</translation>
    </message>
</context>
<context>
    <name>VoiceDetail</name>
    <message>
        <source>ご本人を表示（記録されます）</source>
        <translation>Show the resident (logged)</translation>
    </message>
    <message>
        <source>課</source>
        <translation>Division</translation>
    </message>
    <message>
        <source>状況</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>担当者</source>
        <translation>Handled by</translation>
    </message>
    <message>
        <source>期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>回答（対応事例）</source>
        <translation>Answer (reusable case)</translation>
    </message>
    <message>
        <source>改善した内容</source>
        <translation>What was improved</translation>
    </message>
    <message>
        <source>日時</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>職員</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>各課の対応</source>
        <translation>The divisions&apos; answers</translation>
    </message>
    <message>
        <source>記録</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>住民の声を選んでください。</source>
        <translation>Choose a voice.</translation>
    </message>
    <message>
        <source>No.{id}&#x3000;{day}&#x3000;{channel}・{kind}&#x3000;{status}</source>
        <translation>No.{id}  {day}  {channel} · {kind}  {status}</translation>
    </message>
    <message>
        <source>分野: {topics}</source>
        <translation>Topics: {topics}</translation>
    </message>
    <message>
        <source>回答を希望: {method}</source>
        <translation>Reply wanted: {method}</translation>
    </message>
    <message>
        <source>番号札 {ticket}&#x3000;受付 {visit}</source>
        <translation>Ticket {ticket}  visit {visit}</translation>
    </message>
    <message>
        <source>ご本人の同意を得て住民記録に紐づけています。</source>
        <translation>Linked to the resident&apos;s record with their consent.</translation>
    </message>
    <message>
        <source>{department}の回答: {answer}</source>
        <translation>Answer of {department}: {answer}</translation>
    </message>
    <message>
        <source>&#x3000;改善した内容: {change}</source>
        <translation>  What was improved: {change}</translation>
    </message>
    <message>
        <source>{name}（宛名番号 {atena}）</source>
        <translation>{name} (resident no. {atena})</translation>
    </message>
</context>
<context>
    <name>VoiceListPane</name>
    <message>
        <source>該当する住民の声はありません。</source>
        <translation>No voice matches.</translation>
    </message>
    <message>
        <source>住民の声</source>
        <translation>Residents&apos; voices</translation>
    </message>
</context>
<context>
    <name>VoiceSearchPane</name>
    <message>
        <source>CSV出力</source>
        <translation>Export CSV</translation>
    </message>
    <message>
        <source>CSVファイル (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>ことばで検索（例: 待ち時間）</source>
        <translation>Search by words (e.g. 待ち時間)</translation>
    </message>
    <message>
        <source>検索</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>CSV出力…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <source>検索結果をCSVに保存します。電話番号・氏名など個人情報らしき記載は＊＊＊で伏せます。</source>
        <translation>Save the results as CSV. Phone numbers, names and other personal data in the texts are masked as ＊＊＊.</translation>
    </message>
    <message>
        <source>すべての区分</source>
        <translation>Any kind</translation>
    </message>
    <message>
        <source>すべての分野</source>
        <translation>Any topic</translation>
    </message>
    <message>
        <source>すべての課</source>
        <translation>Any division</translation>
    </message>
    <message>
        <source>すべての状況</source>
        <translation>Any status</translation>
    </message>
    <message>
        <source>期間</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>{path} に保存できません: {reason}</source>
        <translation>Cannot save to {path}: {reason}</translation>
    </message>
</context>
<context>
    <name>VoiceTable</name>
    <message>
        <source>番号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>日付</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>区分</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>分野</source>
        <translation>Topics</translation>
    </message>
    <message>
        <source>関係課</source>
        <translation>Divisions</translation>
    </message>
    <message>
        <source>状況</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>期限</source>
        <translation>Due</translation>
    </message>
</context>
<context>
    <name>VoicesWindow</name>
    <message>
        <source>住民の声</source>
        <translation>Residents&apos; voices</translation>
    </message>
    <message>
        <source>検索・対応事例</source>
        <translation>Search and cases</translation>
    </message>
    <message>
        <source>自課の未完了</source>
        <translation>My divisions&apos; open voices</translation>
    </message>
    <message>
        <source>記録…</source>
        <translation>Record…</translation>
    </message>
    <message>
        <source>この声について手紙を書く…</source>
        <translation>Write a letter about this voice…</translation>
    </message>
    <message>
        <source>職員からの手紙 No.{id} を送りました。</source>
        <translation>Staff letter No.{id} sent.</translation>
    </message>
</context>
<context>
    <name>VoidDialog</name>
    <message>
        <source>領収の取消</source>
        <translation>Void a payment</translation>
    </message>
    <message>
        <source>領収書 {receipt}（{method} {total}）を取り消します。取消は記録に残り、元に戻せません。理由を入力してください。</source>
        <translation>Void receipt {receipt} ({method} {total}). The void is recorded and cannot be undone. Enter the reason.</translation>
    </message>
    <message>
        <source>交付誤り（種類・通数の誤り）</source>
        <translation>Issued in error (wrong kind or copies)</translation>
    </message>
    <message>
        <source>請求者の申出による取りやめ</source>
        <translation>Withdrawn at the requester&apos;s wish</translation>
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
        <source>手続きナビ</source>
        <translation>Procedure guide</translation>
    </message>
    <message>
        <source>ライフイベントと質問への答えから、必要な手続きと書類を案内します。</source>
        <translation>From the life event and a few answers, list the procedures and forms needed.</translation>
    </message>
    <message>
        <source>証明書交付</source>
        <translation>Certificate desk</translation>
    </message>
    <message>
        <source>住民票・印鑑登録証明書・税証明を請求者の確認から会計まで交付します。</source>
        <translation>Issue residence, seal and tax certificates, from checking the requester to taking the fee.</translation>
    </message>
    <message>
        <source>日計</source>
        <translation>Day&apos;s close</translation>
    </message>
    <message>
        <source>手数料の収納を集計し、金種表で現金を数えて監督者の承認を受けます。</source>
        <translation>Total the day&apos;s fees, count the cash by denomination and have a supervisor sign off.</translation>
    </message>
    <message>
        <source>証明書交付（F8）</source>
        <translation>Certificate desk (F8)</translation>
    </message>
</context>
<context>
    <name>WindowPanel</name>
    <message>
        <source>呼出（{window}）</source>
        <translation>Calling ({window})</translation>
    </message>
    <message>
        <source>呼出</source>
        <translation>Calling</translation>
    </message>
    <message>
        <source>呼出中の番号はありません。</source>
        <translation>No number called.</translation>
    </message>
    <message>
        <source>次を呼ぶ (F2)</source>
        <translation>Call next (F2)</translation>
    </message>
    <message>
        <source>再呼出</source>
        <translation>Recall</translation>
    </message>
    <message>
        <source>不在</source>
        <translation>Absent</translation>
    </message>
    <message>
        <source>受付開始</source>
        <translation>Start serving</translation>
    </message>
    <message>
        <source>完了</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>転送…</source>
        <translation>Transfer…</translation>
    </message>
    <message>
        <source>この端末には窓口番号が設定されていません（設定ファイルの terminal.window_number）。</source>
        <translation>This PC has no window number (terminal.window_number in the configuration file).</translation>
    </message>
    <message>
        <source>お待ちの方はいません。</source>
        <translation>No one is waiting.</translation>
    </message>
    <message>
        <source>{number} を呼び出しました。</source>
        <translation>Called {number}.</translation>
    </message>
    <message>
        <source>{number} をもう一度呼び出しました。</source>
        <translation>Called {number} again.</translation>
    </message>
    <message>
        <source>{number} を不在にしました。</source>
        <translation>{number} marked absent.</translation>
    </message>
    <message>
        <source>{number} の対応を終えました。</source>
        <translation>{number} finished.</translation>
    </message>
    <message>
        <source>{number} を {where} へ転送しました。</source>
        <translation>Transferred {number} to {where}.</translation>
    </message>
    <message>
        <source>（優先）</source>
        <translation> (priority)</translation>
    </message>
    <message>
        <source>対応中</source>
        <translation>Serving</translation>
    </message>
    <message>
        <source>呼出中</source>
        <translation>Called</translation>
    </message>
    <message>
        <source>発券 {time}</source>
        <translation>Issued {time}</translation>
    </message>
    <message>
        <source>呼出 {time}</source>
        <translation>Called {time}</translation>
    </message>
    <message>
        <source>再呼出 {count}回</source>
        <translation>Recalled {count}×</translation>
    </message>
    <message>
        <source>開始 {time}</source>
        <translation>Started {time}</translation>
    </message>
    <message>
        <source>この窓口の用件: {waiting}</source>
        <translation>For this window: {waiting}</translation>
    </message>
    <message>
        <source>窓口表示器に表示できませんでした（{detail}）。</source>
        <translation>The counter display could not show it ({detail}).</translation>
    </message>
</context>
</TS>
