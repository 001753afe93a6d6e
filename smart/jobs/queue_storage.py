"""huey's PostgreSQL queue, with its tables made at the first use instead of at
import time.

huey's own ``PostgresHuey`` connects and creates its tables while Django loads
its apps, so every ``manage.py`` command — ``make run``'s friendly "the database
cannot be opened" check included — died with a traceback when PostgreSQL was
unreachable. This one connects only when a job is queued or the worker polls.
"""

from __future__ import annotations

from huey.api import PostgresHuey
from huey.storage import PostgresStorage


class LazyPostgresStorage(PostgresStorage):
    def __init__(self, *args, **kwargs) -> None:
        kwargs["create_tables"] = False
        self._schema_ready = False
        super().__init__(*args, **kwargs)

    def _create_connection(self):
        connection = self._connect()
        if not self._schema_ready:
            with connection.cursor() as cursor:  # autocommit: each statement commits
                for statement in self.ddl:
                    cursor.execute(statement)
            self._schema_ready = True
        return connection


class LazyPostgresHuey(PostgresHuey):
    storage_class = LazyPostgresStorage
