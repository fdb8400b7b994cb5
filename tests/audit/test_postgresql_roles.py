"""docs/postgresql-roles.md, done as written on the test cluster: the owner upgrades, the
PCs work as the app role, which can neither upgrade the schema (a clear message, not a
traceback) nor disable the logs' triggers, truncate them or delete from them."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import DBAPIError

from counter_app.db.engine import make_engine
from counter_app.db.migrate import INSUFFICIENT_PRIVILEGE, current_revision, head_revision, upgrade
from counter_app.errors import CounterAppError, ErrorCode
from counter_app.permissions import RoleCode, console_actor
from tests import helpers
from tests.audit.conftest import config_file
from tests.visits import login, sc01, services

pytestmark = pytest.mark.postgres

DOCUMENT = helpers.PROJECT_ROOT / "docs" / "postgresql-roles.md"
LOGS = ("audit_log", "procedure_actions")


def sql_blocks() -> list[list[str]]:
    """The document's ```sql blocks, in order, as lists of statements."""
    blocks = re.findall(r"```sql\n(.*?)```", DOCUMENT.read_text(encoding="utf-8"), re.DOTALL)
    return [[s.strip() for s in block.split(";") if s.strip()] for block in blocks]


def run(engine: Engine, statements: list[str]) -> None:
    with engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement))
    engine.dispose()


@pytest.fixture
def cluster_urls(postgres_cluster) -> Iterator[dict[str, str]]:
    """The roles and database of the document; dropped again afterwards (roles belong to
    the whole cluster)."""
    base = f"postgresql+psycopg://{{}}@127.0.0.1:{postgres_cluster.port}/counter"
    yield {"owner": base.format("counter_owner"), "app": base.format("counter_app")}
    run(
        create_engine(postgres_cluster.url(), isolation_level="AUTOCOMMIT"),
        [
            "DROP DATABASE IF EXISTS counter WITH (FORCE)",
            "DROP ROLE IF EXISTS counter_app",
            "DROP ROLE IF EXISTS counter_owner",
        ],
    )


def test_the_owner_upgrades_and_the_app_role_works_but_cannot_touch_the_logs(
    postgres_cluster, cluster_urls, tmp_path
):
    create, grant, take_back = sql_blocks()
    run(create_engine(postgres_cluster.url(), isolation_level="AUTOCOMMIT"), create)
    run(create_engine(postgres_cluster.url("counter"), isolation_level="AUTOCOMMIT"), grant)
    key_file = tmp_path / "office.key"
    owner = make_engine(cluster_urls["owner"])
    upgrade(owner, "0008")  # the schema as an older counter-app left it

    with pytest.raises(CounterAppError) as refused:
        helpers.open_app(cluster_urls["app"], key_file=key_file)
    assert refused.value.code is ErrorCode.DB_UPGRADE_NEEDS_OWNER
    as_app = config_file(tmp_path, cluster_urls["app"], key_file)
    started = helpers.run_cli("--config", str(as_app), "audit", "verify")
    assert started.returncode == 1
    assert started.stderr.splitlines() == [
        f"counter-app: エラー: データベース（127.0.0.1:{postgres_cluster.port}/counter）のスキーマは"
        f"古い版（0008）で、この版の counter-app には {head_revision()} が必要ですが、この端末の"
        "接続ユーザーには更新の権限がありません。IT担当者がスキーマ所有者のユーザーで "
        "`counter-app db upgrade` を実行してから、もう一度起動してください"
        "（docs/postgresql-roles.md）。"
    ]
    assert current_revision(owner) == "0008"

    as_owner = config_file(tmp_path, cluster_urls["owner"], key_file)
    upgraded = helpers.run_cli("--config", str(as_owner), "db", "upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    run(owner, take_back)

    app = helpers.open_app(cluster_urls["app"], key_file=key_file)
    try:
        clerk = login(app, "madoguchi", RoleCode.WINDOW_CLERK)
        visits, _inbox = services(app)
        resident_id, case, result = sc01(app, clerk)
        visit = visits.create_visit(clerk, case, result.procedures, resident_id=resident_id)
        visits.close(clerk, visit.visit_number)
        worked = app.audit.verify(console_actor(helpers.TERMINAL))
    finally:
        app.close()
    assert all(report.ok and report.entries > 0 for report in worked), worked

    as_app_role = make_engine(cluster_urls["app"])
    attempts = [
        statement
        for table in LOGS
        for statement in (
            f"ALTER TABLE {table} DISABLE TRIGGER USER",
            f"ALTER TABLE {table} DISABLE TRIGGER ALL",
            f"TRUNCATE {table}",
            f"DELETE FROM {table}",
            f"UPDATE {table} SET login = 'someone-else'",
            f"DROP TABLE {table}",
        )
    ] + [
        "DELETE FROM chain_heads",
        "TRUNCATE chain_heads",
        "UPDATE alembic_version SET version_num = '0008'",
    ]
    for statement in attempts:
        with pytest.raises(DBAPIError) as failed, as_app_role.begin() as connection:
            connection.execute(text(statement))
        assert failed.value.orig.sqlstate == INSUFFICIENT_PRIVILEGE, statement
    as_app_role.dispose()

    app = helpers.open_app(cluster_urls["app"], key_file=key_file)
    try:
        after = app.audit.verify(console_actor(helpers.TERMINAL))
    finally:
        app.close()
    assert after == worked
    owner.dispose()
