"""The demo city holds what the desk reads (three 年度 of taxes for every adult, seals some
of them abolished, residents struck off), drawn deterministically, and the desk issues
from it as from any register."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import func, select, text

from counter_app.certificates import RequesterKind
from counter_app.db.engine import make_engine
from counter_app.db.migrate import upgrade
from counter_app.db.models import Resident, SealRegistration, TaxAssessment
from counter_app.demo.city import REFERENCE_DATE, fill_demo_city
from counter_app.errors import CounterAppError, ErrorCode
from counter_app.security.keyring import KeyRing, new_secret_key
from tests import helpers
from tests.certificates.desk import cash, desk_service, desk_staff, request

RESIDENTS = 3000
DESK_ROWS = (
    "SELECT resident_id, fiscal_year, income_yen, paid_yen FROM tax_assessments "
    "ORDER BY resident_id, fiscal_year",
    "SELECT resident_id, abolished_on FROM seal_registrations ORDER BY resident_id",
    "SELECT id, status, last_change_on FROM residents WHERE status = 'removed' ORDER BY id",
)


@pytest.fixture
def demo(database_url) -> Iterator:
    app = helpers.open_app(database_url)
    fill_demo_city(app.engine, RESIDENTS, seed=3, progress=False, keys=app.keys)
    yield app
    app.close()


def test_every_adult_has_three_years_of_taxes_and_some_seals_and_residents_ended(demo):
    app = demo
    with app.db.read() as session:
        adults = [
            r.id
            for r in session.scalars(select(Resident))
            if (REFERENCE_DATE - r.birth_date).days >= 18 * 365.25 + 1
        ]
        years = dict(
            session.execute(
                select(TaxAssessment.resident_id, func.count()).group_by(TaxAssessment.resident_id)
            ).all()
        )
        assert set(adults) <= set(years) and set(years.values()) == {3}
        assert set(session.scalars(select(TaxAssessment.fiscal_year).distinct())) == {
            2024,
            2025,
            2026,
        }
        abolished = session.scalar(
            select(func.count()).where(SealRegistration.abolished_on.is_not(None))
        )
        seals = session.scalar(select(func.count()).select_from(SealRegistration))
        assert 0 < abolished < seals / 5
        removed = session.scalars(select(Resident).where(Resident.status == "removed")).all()
        assert removed and all(r.last_change_reason == "転出" for r in removed)


def test_the_same_seed_draws_the_same_desk_records(tmp_path):
    keys = KeyRing([new_secret_key()])
    drawn = []
    for name in ("a", "b"):
        engine = make_engine(f"sqlite:///{tmp_path / name}.sqlite3")
        upgrade(engine)
        fill_demo_city(engine, RESIDENTS, seed=3, progress=False, keys=keys)
        with engine.connect() as connection:
            drawn.append([connection.execute(text(q)).all() for q in DESK_ROWS])
        engine.dispose()
    assert drawn[0] == drawn[1] and all(drawn[0])


def test_the_desk_issues_from_the_demo_register(demo):
    app = demo
    clerk, _boss = desk_staff(app)
    service = desk_service(app)
    with app.db.read() as session:
        gone = session.scalars(select(Resident).where(Resident.status == "removed")).first()
        taxed = session.scalars(select(TaxAssessment).order_by(TaxAssessment.resident_id)).first()
        taxed_atena = session.get(Resident, taxed.resident_id).atena_no
        seal = session.scalars(
            select(SealRegistration).where(SealRegistration.abolished_on.is_not(None))
        ).first()
        seal_atena = session.get(Resident, seal.resident_id).atena_no
    (removed,) = service.issue(
        clerk, request(gone.atena_no, "jokyo"), cash(300), window=1
    ).certificates
    assert dict(removed.document.sections[0].rows)["消除事由"] == "転出"
    (income,) = service.issue(
        clerk, request(taxed_atena, "shotoku", fiscal_year=2026), cash(300), window=1
    ).certificates
    assert dict(income.document.sections[0].rows)["総所得金額"].endswith("円")
    with pytest.raises(CounterAppError) as abolished:
        service.issue(
            clerk,
            request(seal_atena, "inkan", RequesterKind.SELF, seal_card=seal.registration_number),
            cash(300),
            window=1,
        )
    assert abolished.value.code is ErrorCode.CERTIFICATE_SEAL_ABOLISHED
