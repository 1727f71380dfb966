import pytest
from django.core.exceptions import ImproperlyConfigured

from mpp.settings import env_bool, env_int, env_list


def test_env_bool_reads_common_spellings(monkeypatch):
    monkeypatch.setenv("X_FLAG", "yes")
    assert env_bool("X_FLAG") is True
    monkeypatch.setenv("X_FLAG", "0")
    assert env_bool("X_FLAG", True) is False


def test_env_bool_fails_loudly_on_nonsense(monkeypatch):
    monkeypatch.setenv("X_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="X_FLAG"):
        env_bool("X_FLAG")


def test_env_int_fails_loudly_on_nonsense(monkeypatch):
    monkeypatch.setenv("X_NUM", "ten")
    with pytest.raises(ImproperlyConfigured, match="X_NUM"):
        env_int("X_NUM", 1)


def test_env_list_splits_and_trims(monkeypatch):
    monkeypatch.setenv("X_LIST", " a, b ,,c ")
    assert env_list("X_LIST") == ["a", "b", "c"]


def test_sqlite_default_uses_wal_and_immediate_transactions(settings):
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "mpp.core.sqlite":
        pytest.skip("runs on the SQLite default only")
    assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in database["OPTIONS"]["init_command"]
    assert database["OPTIONS"]["timeout"] >= 5


@pytest.mark.django_db
def test_sqlite_connection_is_really_in_wal_mode():
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("runs on the SQLite default only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"


@pytest.mark.django_db
def test_pages_stay_indonesian_for_an_english_browser_until_english_is_chosen(client):
    from tests.factories import MallFactory

    MallFactory(slug="ngawi")
    default = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    client.cookies["mpp_language"] = "en"
    chosen = client.get("/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert 'lang="id"' in default
    assert 'lang="en"' in chosen


@pytest.mark.django_db
def test_api_follows_accept_language(client):
    from tests.factories import MallFactory

    MallFactory(slug="ngawi")
    english = client.get("/api/v1/agencies/tidak-ada", HTTP_ACCEPT_LANGUAGE="en").json()
    default = client.get("/api/v1/agencies/tidak-ada").json()
    assert english["detail"] == "Agency not found."
    assert default["detail"] == "Instansi tidak ditemukan."


def test_postgresql_uses_a_connection_pool_by_default(settings):
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "mpp.core.postgresql":
        pytest.skip("runs on PostgreSQL only")
    assert database["OPTIONS"]["pool"]["max_size"] == 10
    assert database["CONN_MAX_AGE"] == 0
