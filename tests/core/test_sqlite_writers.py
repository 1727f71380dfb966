"""Writers on SQLite queue fairly: one at a time per process, first come first served
(mpp/core/sqlite). The lock itself first, then through Django's connections."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import OperationalError, connection, connections, transaction

from mpp.core.models import Mall
from mpp.core.sqlite.base import FairLock, write_lock_for
from tests.factories import MallFactory


def _wait_until(predicate, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        time.sleep(0.005)


def test_fair_lock_serves_waiters_in_arrival_order():
    lock = FairLock()
    assert lock.acquire(timeout=1)
    served: list[int] = []

    def waiter(i: int) -> None:
        assert lock.acquire(timeout=10)
        served.append(i)
        lock.release()

    threads = []
    for i in range(6):
        thread = threading.Thread(target=waiter, args=(i,))
        thread.start()
        _wait_until(lambda n=i + 1: lock.waiting == n)  # i is queued before i + 1 arrives
        threads.append(thread)
    lock.release()
    for thread in threads:
        thread.join(10)

    assert served == [0, 1, 2, 3, 4, 5]
    assert lock.owner is None


def test_fair_lock_gives_up_after_its_timeout_and_leaves_the_queue():
    lock = FairLock()
    assert lock.acquire(timeout=1)
    results: list[bool] = []
    thread = threading.Thread(target=lambda: results.append(lock.acquire(timeout=0.2)))
    started = time.monotonic()
    thread.start()
    thread.join(5)

    assert results == [False]
    assert 0.2 <= time.monotonic() - started < 2
    assert lock.waiting == 0
    lock.release()
    assert lock.acquire(timeout=0.1) is True


def test_fair_lock_passes_on_when_its_holder_died():
    lock = FairLock()
    holder = threading.Thread(target=lambda: lock.acquire(timeout=1))
    holder.start()
    holder.join(5)
    assert lock.owner is holder

    started = time.monotonic()
    assert lock.acquire(timeout=5) is True
    assert time.monotonic() - started < 2.5
    assert lock.owner is threading.current_thread()


sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the writers' queue is SQLite's (PostgreSQL locks rows)"
)


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_write_transactions_commit_in_the_order_they_arrived():
    lock = write_lock_for(str(connection.settings_dict["NAME"]))
    holding, finish = threading.Event(), threading.Event()

    def first() -> None:
        try:
            with transaction.atomic():
                MallFactory(slug="first")
                holding.set()
                finish.wait(10)
        finally:
            connections.close_all()

    def later(i: int) -> None:
        try:
            with transaction.atomic():
                MallFactory(slug=f"later-{i}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first)]
    threads[0].start()
    assert holding.wait(10)
    for i in range(5):
        thread = threading.Thread(target=later, args=(i,))
        thread.start()
        _wait_until(lambda n=i + 1: lock.waiting == n)
        threads.append(thread)
    finish.set()
    for thread in threads:
        thread.join(20)

    assert list(Mall.objects.order_by("pk").values_list("slug", flat=True)) == [
        "first",
        *(f"later-{i}" for i in range(5)),
    ]
    assert lock.owner is None


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_single_write_statement_outside_a_transaction_queues_too():
    mall = MallFactory(slug="ngawi", name="Lama")
    lock = write_lock_for(str(connection.settings_dict["NAME"]))
    holding, finish = threading.Event(), threading.Event()
    updated: list[int] = []

    def holder() -> None:
        try:
            with transaction.atomic():
                Mall.objects.filter(pk=mall.pk).update(short_name="A")
                holding.set()
                finish.wait(10)
        finally:
            connections.close_all()

    def autocommit_writer() -> None:
        try:
            updated.append(Mall.objects.filter(pk=mall.pk).update(name="Baru"))
        finally:
            connections.close_all()

    first = threading.Thread(target=holder)
    first.start()
    assert holding.wait(10)
    second = threading.Thread(target=autocommit_writer)
    second.start()
    _wait_until(lambda: lock.waiting == 1)
    assert updated == []  # still queued behind the open transaction
    finish.set()
    first.join(10)
    second.join(10)

    assert updated == [1]
    mall.refresh_from_db()
    assert (mall.name, mall.short_name) == ("Baru", "A")


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_writer_that_waits_longer_than_the_timeout_gets_database_is_locked(monkeypatch):
    holding, finish = threading.Event(), threading.Event()
    errors: list[str] = []

    def holder() -> None:
        try:
            with transaction.atomic():
                MallFactory(slug="holder")
                holding.set()
                finish.wait(10)
        finally:
            connections.close_all()

    def impatient() -> None:
        try:
            with transaction.atomic():
                MallFactory(slug="impatient")
        except OperationalError as exc:
            errors.append(str(exc))
        finally:
            connections.close_all()

    first = threading.Thread(target=holder)
    first.start()
    assert holding.wait(10)
    monkeypatch.setitem(connection.settings_dict["OPTIONS"], "timeout", 0.3)
    second = threading.Thread(target=impatient)
    second.start()
    second.join(10)
    finish.set()
    first.join(10)

    assert errors == ["database is locked"]
    assert list(Mall.objects.values_list("slug", flat=True)) == ["holder"]
