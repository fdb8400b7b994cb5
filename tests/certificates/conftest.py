"""The desk every core test of the certificates works at: the small register of
tests/certificates/desk.py, a clerk and a supervisor, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests import helpers
from tests.certificates.desk import build_desk_city, desk_service, desk_staff


@pytest.fixture
def desk(database_url) -> Iterator:
    app = helpers.open_app(database_url)
    city = build_desk_city(app)
    clerk, boss = desk_staff(app)
    yield app, desk_service(app), city, clerk, boss
    app.close()
