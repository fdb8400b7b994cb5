"""The desk's records are append-only in the database itself, and certificates join a
life-event visit: the visit shows them, counted by kind."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from counter_app.certificates import CertificateItem
from counter_app.changes.feed import Topic, changes_since, latest_id
from counter_app.errors import CounterAppError, ErrorCode
from counter_app.visits.service import VisitService
from tests import helpers
from tests.certificates.desk import (
    DAY,
    NOW,
    cash,
    desk_service,
    desk_staff,
    request,
)
from tests.visits import sc01


@pytest.mark.parametrize(
    "table", ["fee_payments", "certificate_issues", "fee_voids", "cash_counts", "cash_sign_offs"]
)
def test_the_desk_records_refuse_update_and_delete(desk, table):
    app, service, city, clerk, boss = desk
    paid = service.issue(clerk, request(city.taro), cash(300), window=1).payment
    service.void(boss, paid.receipt_number, "誤り")
    service.record_cash_count(clerk, DAY, 1, {})
    service.sign_off(boss, DAY, 1)
    for statement in (f"UPDATE {table} SET id = id + 100", f"DELETE FROM {table}"):
        with pytest.raises(DBAPIError, match="append-only"), app.engine.begin() as connection:
            connection.execute(text(statement))
    with app.engine.connect() as connection:
        assert connection.scalar(text(f"SELECT count(*) FROM {table}")) == 1


def test_certificates_join_a_visit_and_the_visit_counts_them_by_kind(database_url):
    app = helpers.open_app(database_url)
    try:
        clerk, boss = desk_staff(app)
        resident_id, case, result = sc01(app, clerk)
        visits = VisitService(app.db, app.catalog, now=lambda: NOW, residents=app.residents)
        visit = visits.create_visit(clerk, case, result.procedures, resident_id=resident_id)
        assert visit.certificates == {}
        service = desk_service(app)
        asked = request("A0101", visit=visit.visit_number)
        asked = type(asked)(
            subject=asked.subject,
            requester=asked.requester,
            items=(
                CertificateItem("juminhyo", copies=2),
                CertificateItem("juminhyo_items", copies=1),
            ),
            visit_number=visit.visit_number,
        )
        seen = latest_id(app.db)
        paid = service.issue(clerk, asked, cash(1000), window=2)
        assert paid.payment.total_yen == 900 and paid.payment.change_yen == 100
        # every PC showing the visit hears of it (and of the void below)
        assert _visit_changes(app, seen) == [str(visit.id)]
        assert visits.visit(clerk, visit.visit_number).certificates == {
            "juminhyo": 2,
            "juminhyo_items": 1,
        }
        assert service.issues_of_visit(visit.visit_number) == {"juminhyo": 2, "juminhyo_items": 1}
        seen = latest_id(app.db)
        service.void(boss, paid.payment.receipt_number, "世帯全員の誤り")
        assert visits.visit(clerk, visit.visit_number).certificates == {}
        assert _visit_changes(app, seen) == [str(visit.id)]
        visits.close(clerk, visit.visit_number)
        with pytest.raises(CounterAppError) as closed:
            service.issue(clerk, asked, cash(1000), window=2)
        assert closed.value.code is ErrorCode.VISIT_CLOSED
        with pytest.raises(CounterAppError) as unknown:
            service.issue(clerk, request("A0101", visit="V-20261207-9999"), cash(300), window=2)
        assert unknown.value.code is ErrorCode.VISIT_NOT_FOUND
    finally:
        app.close()


def _visit_changes(app, since: int) -> list[str]:
    return [c.entity_id for c in changes_since(app.db, since) if c.topic == Topic.VISIT]
