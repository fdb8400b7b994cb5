"""A throwaway PostgreSQL cluster for the tests (see shared/devices/machine.md).

initdb and pg_ctl refuse to run as root, so as root the cluster belongs to the
`postgres` system user. Debian puts the binaries off the PATH in
/usr/lib/postgresql/<version>/bin; both places are searched.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text

_database_numbers = itertools.count(1)


def find_pg_bin() -> Path:
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if candidates:
        return Path(candidates[0]).parent
    raise RuntimeError(
        "PostgreSQL server binaries (initdb) not found: run `sudo apt-get install postgresql` "
        "or use the README's test command, which installs them."
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ThrowawayCluster:
    """Configured as a city's server would be, with PostgreSQL's stock max_connections
    (100) unless a test about the limit asks for another."""

    def __init__(self, max_connections: int | None = None) -> None:
        self.max_connections = max_connections
        self.bin = find_pg_bin()
        self.directory = Path(tempfile.mkdtemp(prefix="counter-app-pg-"))
        self.data = self.directory / "data"
        self.port = free_port()
        self._as_postgres = os.geteuid() == 0
        if self._as_postgres:
            shutil.chown(self.directory, "postgres", "postgres")

    def _run(self, *command: str) -> None:
        kwargs = {"user": "postgres", "group": "postgres"} if self._as_postgres else {}
        subprocess.run(command, check=True, capture_output=True, cwd=self.directory, **kwargs)

    def start(self) -> None:
        self._run(
            str(self.bin / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 "
            f"-c unix_socket_directories={self.directory} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off"
        )
        if self.max_connections is not None:
            options += f" -c max_connections={self.max_connections}"
        self._run(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.directory / "server.log"),
            "-w",
            "start",
        )

    def stop(self) -> None:
        try:
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.directory, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def new_database(self, prefix: str = "test", *, template: str | None = None) -> str:
        """Create a database with a name no other test uses, empty or a copy of the
        database `template`; returns its URL."""
        name = f"{prefix}_{os.getpid()}_{next(_database_numbers)}"
        copy_of = f' TEMPLATE "{template}"' if template else ""
        admin = create_engine(self.url(), isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{name}"{copy_of}'))
        finally:
            admin.dispose()
        return self.url(name)


@contextmanager
def server_filled(url: str, *, dropping: str | None = None) -> Iterator[list]:
    """Hold every connection the server will give (the superuser's reserved ones too),
    so the next client is refused with "too many clients", as on a busy morning when an
    office outgrows max_connections; all are closed at the end. `dropping`: the
    application_name of clients whose connections are cut as well (as a failover cuts
    them), their places taken, so they too are refused when they connect again."""
    import psycopg
    from sqlalchemy.engine import make_url

    address = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    held: list = []

    def fill() -> None:
        while True:
            try:
                held.append(psycopg.connect(address, autocommit=True, application_name="filler"))
            except psycopg.OperationalError as error:
                if "too many clients" not in str(error):
                    raise
                return

    def cut() -> int:
        return len(
            held[0]
            .execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s",
                (dropping,),
            )
            .fetchall()
        )

    try:
        fill()
        for _ in range(50):
            if dropping is None or cut() == 0:
                break
            time.sleep(0.05)  # the cut backends' places come free as they exit
            fill()
        else:
            raise RuntimeError(f"{dropping} kept its connection")
        yield held
    finally:
        for connection in held:
            connection.close()


class ConnectionPeak:
    """The most client connections the server held at once (pg_stat_activity), sampled
    every `interval` seconds on a connection of its own, which is counted unless
    `application_name` narrows the count to one client's connections."""

    def __init__(self, url: str, application_name: str | None = None, interval: float = 0.02):
        import psycopg
        from sqlalchemy.engine import make_url

        address = make_url(url).set(drivername="postgresql")
        self._connection = psycopg.connect(
            address.render_as_string(hide_password=False),
            autocommit=True,
            application_name="connection-peak",
        )
        if application_name is None:
            self._query = (
                "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'",
                (),
            )
        else:
            self._query = (
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s",
                (application_name,),
            )
        self._interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.wait(self._interval):
            count = self._connection.execute(*self._query).fetchone()[0]
            self.peak = max(self.peak, count)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        self._connection.close()
        return self.peak
