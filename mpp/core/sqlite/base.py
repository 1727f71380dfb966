"""Django's SQLite backend with one writer at a time per process, taken in arrival order.

SQLite allows one writer at a time. With `BEGIN IMMEDIATE` and a busy timeout, a writer that
finds the lock taken polls for it with growing sleeps (1, 2, 5, 10 … 100 ms) while newer
writers that happen to poll at the right moment get in first: under sixteen concurrent
kiosks some tickets waited seconds while others took milliseconds (issue 15). Here every
write transaction of the process first queues for a `FairLock` — first come, first served,
the lock handed directly to the longest waiter — and only then issues `BEGIN IMMEDIATE`, so
inside one process SQLite never sees two writers and nobody sleeps in its busy handler.
Single write statements outside a transaction (autocommit) queue the same way.

Readers never queue: in WAL mode they read a snapshot while the writer works.

Across processes (a task worker beside the web server, or several web workers) SQLite's busy
timeout still arbitrates, exactly as before; correctness never depended on this lock (the
IMMEDIATE transactions and the constraints provide it), only the waiting order does.
PostgreSQL needs none of this: its row locks queue waiters in order.
"""

from __future__ import annotations

import collections
import threading
import time
from typing import Any

from django.db.backends.sqlite3 import base as sqlite3_base

# A waiter re-checks this often whether the holder's thread is still alive, so a thread
# that died inside a transaction cannot block the process until the timeout.
_LIVENESS_CHECK_SECONDS = 1.0
_WRITE_VERBS = ("INSERT", "UPDATE", "DELETE", "REPLACE")


class FairLock:
    """A first-in, first-out lock: `release` hands the lock straight to the thread that has
    waited longest, so a newcomer can never overtake a waiter."""

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self._waiters: collections.deque[_Waiter] = collections.deque()
        self._owner: threading.Thread | None = None

    @property
    def owner(self) -> threading.Thread | None:
        return self._owner

    @property
    def waiting(self) -> int:
        with self._mutex:
            return len(self._waiters)

    def acquire(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds for the lock, behind everyone already waiting."""
        me = threading.current_thread()
        with self._mutex:
            if self._owner is None and not self._waiters:
                self._owner = me
                return True
            waiter = _Waiter(me)
            self._waiters.append(waiter)
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if waiter.event.wait(min(_LIVENESS_CHECK_SECONDS, max(0.0, remaining))):
                return True
            with self._mutex:
                if waiter.granted:
                    return True
                owner = self._owner
                if owner is not None and not owner.is_alive():
                    # The holder died without committing or rolling back (its connection is
                    # gone with it, and SQLite has released its lock): pass the lock on.
                    self._hand_over()
                    continue
                if remaining <= 0:
                    self._waiters.remove(waiter)
                    return False

    def release(self) -> None:
        with self._mutex:
            self._hand_over()

    def _hand_over(self) -> None:
        # Called with the mutex held.
        if self._waiters:
            waiter = self._waiters.popleft()
            self._owner = waiter.thread
            waiter.granted = True
            waiter.event.set()
        else:
            self._owner = None


class _Waiter:
    __slots__ = ("event", "granted", "thread")

    def __init__(self, thread: threading.Thread) -> None:
        self.thread = thread
        self.event = threading.Event()
        self.granted = False


_locks: dict[str, FairLock] = {}
_locks_guard = threading.Lock()


def write_lock_for(name: str) -> FairLock:
    """The process's writer queue for one database file."""
    with _locks_guard:
        lock = _locks.get(name)
        if lock is None:
            lock = _locks[name] = FairLock()
        return lock


class FairCursorWrapper(sqlite3_base.SQLiteCursorWrapper):
    """Queues single write statements run outside a transaction (autocommit) like
    transactions."""

    mpp_wrapper: DatabaseWrapper

    def execute(self, query: str, params: Any = None) -> Any:
        wrapper = self.mpp_wrapper
        if wrapper.mpp_holds_write_lock or not _is_write(query):
            return super().execute(query, params)
        wrapper.mpp_take_write_lock()
        try:
            return super().execute(query, params)
        finally:
            wrapper.mpp_release_write_lock()

    def executemany(self, query: str, param_list: Any) -> Any:
        wrapper = self.mpp_wrapper
        if wrapper.mpp_holds_write_lock or not _is_write(query):
            return super().executemany(query, param_list)
        wrapper.mpp_take_write_lock()
        try:
            return super().executemany(query, param_list)
        finally:
            wrapper.mpp_release_write_lock()


def _is_write(query: str) -> bool:
    return query.lstrip()[:7].upper().startswith(_WRITE_VERBS)


class DatabaseWrapper(sqlite3_base.DatabaseWrapper):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.mpp_holds_write_lock = False
        self.mpp_write_lock = write_lock_for(str(self.settings_dict["NAME"]))

    def create_cursor(self, name: Any = None) -> Any:
        cursor = self.connection.cursor(factory=FairCursorWrapper)
        cursor.mpp_wrapper = self
        return cursor

    def mpp_take_write_lock(self) -> None:
        if self.mpp_holds_write_lock:
            return
        timeout = float(self.settings_dict.get("OPTIONS", {}).get("timeout", 5))
        if not self.mpp_write_lock.acquire(timeout):
            with self.wrap_database_errors:
                raise self.Database.OperationalError("database is locked")
        self.mpp_holds_write_lock = True

    def mpp_release_write_lock(self) -> None:
        if self.mpp_holds_write_lock:
            self.mpp_holds_write_lock = False
            self.mpp_write_lock.release()

    def _start_transaction_under_autocommit(self) -> None:
        self.mpp_take_write_lock()
        try:
            super()._start_transaction_under_autocommit()  # type: ignore[misc]
        except BaseException:
            self.mpp_release_write_lock()
            raise

    def _commit(self) -> None:
        try:
            super()._commit()  # type: ignore[misc]
        finally:
            if self.connection is None or self.connection.in_transaction is False:
                self.mpp_release_write_lock()

    def _rollback(self) -> None:
        try:
            super()._rollback()  # type: ignore[misc]
        finally:
            self.mpp_release_write_lock()

    def _close(self) -> None:
        try:
            super()._close()  # type: ignore[misc]
        finally:
            self.mpp_release_write_lock()
