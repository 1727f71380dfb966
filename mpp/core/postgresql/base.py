"""Django's PostgreSQL backend with one change: a `check` among the pool options
(`OPTIONS["pool"]["check"]`) is the check psycopg's pool runs before lending a connection.

Django 5.2 passes `check=` to `ConnectionPool` itself (its empty-query check when
`CONN_HEALTH_CHECKS` is on, None when off) and the pool options beside it, so a `check` among
them fails with "got multiple values for keyword argument 'check'" whatever
`CONN_HEALTH_CHECKS` says. This class lets the option win; it can go once MPP runs a Django
release that accepts a `check` among the pool options.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.backends.base.base import NO_DB_ALIAS
from django.db.backends.postgresql import base


class DatabaseWrapper(base.DatabaseWrapper):
    # Django's own, not in its type stubs.
    _connection_pools: dict[str, Any]
    _configure_connection: Callable[[Any], None]

    @property
    def pool(self) -> Any:
        options = self.settings_dict["OPTIONS"].get("pool")
        if (
            self.alias == NO_DB_ALIAS
            or not isinstance(options, dict)
            or "check" not in options
            or self.alias in self._connection_pools
        ):
            return super().pool
        # As Django's own property, except that `check` comes from the options.
        if self.settings_dict.get("CONN_MAX_AGE", 0) != 0:
            raise ImproperlyConfigured("Pooling doesn't support persistent connections.")
        from psycopg_pool import ConnectionPool

        connect_kwargs = self.get_connection_params()
        connect_kwargs["autocommit"] = True  # Django sets its own mode later
        pool = ConnectionPool(
            kwargs=connect_kwargs,
            open=False,  # opened by the first connection, not at start-up
            configure=self._configure_connection,
            **options,
        )
        # Two threads may build a pool at the same time; the first one kept wins.
        self._connection_pools.setdefault(self.alias, pool)
        return self._connection_pools[self.alias]
