"""The façade over the core: one object per open database, with a service per area.

app = CounterApp.open(load_config())
actor = app.auth.login("madoguchi", "…", app.terminal)
app.users.list(actor)
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from .catalog import Catalog, CatalogError, load_catalog
from .certificates.service import CertificateService
from .changes import prune_if_due
from .config import Config
from .db.budget import LIVE_APPLICATION_NAME, keeps_live_connection_apart
from .db.engine import Database, check_connection, make_engine
from .db.migrate import upgrade
from .db.models import Department
from .errors import CounterAppError, ErrorCode
from .outbox import PrintOutbox
from .queue.calls import CallService
from .queue.categories import load_categories, sync_categories
from .queue.tickets import TicketService
from .search.service import ResidentSearch
from .security.chain import register_keys
from .security.keyring import KeyRing
from .security.registry import open_key_ring
from .services import settings
from .services.audit import AuditService
from .services.auth import AuthService, TerminalInfo
from .services.departments import load_departments, sync_departments
from .services.guide import GuideService
from .services.residents import ResidentService
from .services.users import UserService
from .visits.forms import VisitFormsService
from .visits.inbox import InboxService
from .visits.service import VisitService
from .voices.topics import VoiceSettings, load_voice_settings

if TYPE_CHECKING:
    from .stats.service import StatsService
    from .voices.letters import LetterService
    from .voices.service import VoiceService


class CounterApp:
    def __init__(
        self,
        engine: Engine,
        config: Config,
        catalog: Catalog | None = None,
        keys: KeyRing | None = None,
    ) -> None:
        self.engine = engine
        self.config = config
        self.catalog = catalog or load_catalog(config.catalog_dir)
        self.keys = keys or open_key_ring(engine, config.effective_key_file)
        self.db = Database(engine, self.keys)
        self.users = UserService(self.db)
        self.auth = AuthService(self.db)
        self.audit = AuditService(self.db)
        self.residents = ResidentService(self.db)
        self.search = ResidentSearch(self.db)
        self.guide = GuideService(self.db, self.catalog, self.residents)
        self.tickets = TicketService(self.db)
        self.calls = CallService(self.db)
        self.outbox = PrintOutbox(self.db)
        self.visits = VisitService(self.db, self.catalog, residents=self.residents)
        self.inbox = InboxService(self.db, self.catalog, residents=self.residents)
        self.visit_forms = VisitFormsService(self.db, self.catalog, residents=self.residents)
        self.certificates = CertificateService(self.db, self.catalog.certificates, self.residents)
        # Checked now (a wrong topics file stops the start, named with its line); the
        # voices' services are built on first use, which keeps them out of start-up.
        self.voice_settings: VoiceSettings = load_voice_settings()
        self.terminal = TerminalInfo(
            name=config.terminal_name,
            kind=config.terminal_kind.value,
            window_number=config.window_number,
            department=config.department,
        )

    @cached_property
    def live_engine(self) -> Engine:
        """The engine this PC follows the change feed on and reads its live refreshes
        through: a second connection of its own on a back-office PC, its one connection
        on any other (db/budget.py says why)."""
        if not keeps_live_connection_apart(
            self.config.terminal_kind.value, self.engine.dialect.name
        ):
            return self.engine
        return make_engine(
            self.engine.url.render_as_string(hide_password=False),
            connect_args={"application_name": LIVE_APPLICATION_NAME},
        )

    @cached_property
    def live_inbox(self) -> InboxService:
        """The department inbox read on the live connection: what the inbox screen reads
        again when the feed names a procedure, without waiting for this PC's own work."""
        if self.live_engine is self.engine:
            return self.inbox
        db = Database(self.live_engine, self.keys)
        return InboxService(db, self.catalog, residents=ResidentService(db))

    @cached_property
    def voices(self) -> VoiceService:
        from .voices.service import VoiceService

        return VoiceService(self.db, self.voice_settings)

    @cached_property
    def stats(self) -> StatsService:
        from .stats.service import StatsService

        return StatsService(self.db, self.catalog)

    @cached_property
    def letters(self) -> LetterService:
        from .voices.letters import LetterService

        return LetterService(self.db)

    @classmethod
    def open(
        cls, config: Config, database_url: str | None = None, *, prune_changes: bool = True
    ) -> CounterApp:
        """Connect, bring the schema up to date, load the departments and (unless told not
        to) delete the change feed's changes older than `[changes] keep_days`; raises
        CounterAppError (DB_UNREACHABLE, DB_NEWER_SCHEMA, KEY_FILE_MISSING …) with nothing
        half-done, or CatalogError when the procedure catalog has problems (it never
        half-loads)."""
        catalog = _checked_catalog(config)
        engine = make_engine(database_url or config.effective_database_url)
        try:
            check_connection(engine)
            keys = open_key_ring(engine, config.effective_key_file)
            upgrade(engine, keys=keys)
            app = cls(engine, config, catalog, keys)
            app._sync_reference_data()
            if prune_changes:
                prune_if_due(app.db, config.changes_keep)
        except BaseException:
            engine.dispose()
            raise
        return app

    def _sync_reference_data(self) -> None:
        departments = load_departments()
        categories = load_categories()
        with self.db.write() as session:
            register_keys(session, self.keys)
            sync_departments(session, departments)
            sync_categories(session, categories)
            wanted = self.config.department
            if wanted is not None and session.get(Department, wanted) is None:
                raise CounterAppError(ErrorCode.DEPARTMENT_UNKNOWN, department=wanted)

    def is_demo(self) -> bool:
        with self.db.read() as session:
            return settings.get_setting(session, settings.DEMO_MODE) == "true"

    def municipality_name(self) -> str:
        with self.db.read() as session:
            return settings.get_setting(session, settings.MUNICIPALITY_NAME) or ""

    def close(self) -> None:
        live = self.__dict__.get("live_engine")
        if live is not None and live is not self.engine:
            live.dispose()
        self.engine.dispose()


def _checked_catalog(config: Config) -> Catalog:
    """The whole catalog, or CATALOG_INVALID naming the first of its problems."""
    try:
        return load_catalog(config.catalog_dir)
    except CatalogError as error:
        raise CounterAppError(
            ErrorCode.CATALOG_INVALID,
            folder=error.folder,
            count=len(error.problems),
            first=error.problems[0].render(config.language),
        ) from error
