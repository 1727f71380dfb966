"""The hash-chained audit trail: appends, verification, tampering caught, concurrency."""

from __future__ import annotations

import json
import threading
from datetime import date

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, connections, transaction

from mpp.audit.domain import publish_checkpoints, record_event, verify_all, verify_chain
from mpp.audit.models import AuditChainHead, AuditCheckpoint, AuditEvent
from tests.factories import AgencyFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def _three_events(mall):
    service = ServiceFactory(agency=AgencyFactory(mall=mall))
    for n in range(3):
        record_event(action="test.changed", obj=service, data={"n": n, "note": "ubah"})
    return f"mall:{mall.pk}"


def _bypass_append_only(sql: str, params: list[object]) -> None:
    """Act as someone with direct database access, past the append-only trigger."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_append_only")
            cursor.execute(sql, params)
            cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER audit_event_append_only")
        else:
            cursor.execute("DROP TRIGGER audit_event_no_update")
            cursor.execute(sql, params)
            cursor.execute(
                "CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_auditevent "
                "BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END"
            )


def test_record_event_links_each_entry_to_the_previous(mall):
    chain = _three_events(mall)
    events = list(AuditEvent.objects.filter(chain=chain).order_by("seq"))
    assert [e.seq for e in events] == [1, 2, 3]
    assert events[0].prev_hash == "0" * 64
    assert events[1].prev_hash == events[0].entry_hash
    assert events[2].prev_hash == events[1].entry_hash
    head = AuditChainHead.objects.get(chain=chain)
    assert (head.last_seq, head.last_hash) == (3, events[2].entry_hash)


def test_verify_chain_reports_an_intact_chain(mall):
    chain = _three_events(mall)
    report = verify_chain(chain)
    assert (report.ok, report.checked, report.head_seq) == (True, 3, 3)


def test_verify_chain_catches_a_row_edited_behind_the_applications_back(mall):
    chain = _three_events(mall)
    _bypass_append_only(
        "UPDATE audit_auditevent SET action = %s WHERE chain = %s AND seq = %s",
        ["test.innocent", chain, 2],
    )
    report = verify_chain(chain)
    assert (report.ok, report.first_broken_seq, report.reason) == (
        False,
        2,
        "content was changed",
    )


def test_verify_chain_catches_edited_json_data(mall):
    chain = _three_events(mall)
    event = AuditEvent.objects.get(chain=chain, seq=1)
    tampered = '{"n": 99, "note": "ubah"}'
    _bypass_append_only("UPDATE audit_auditevent SET data = %s WHERE id = %s", [tampered, event.pk])
    assert verify_chain(chain).first_broken_seq == 1


def test_verify_chain_catches_a_deleted_event_as_a_gap(mall):
    chain = _three_events(mall)
    _bypass_append_only("DELETE FROM audit_auditevent WHERE chain = %s AND seq = %s", [chain, 2])
    report = verify_chain(chain)
    assert (report.ok, report.first_broken_seq, report.reason) == (
        False,
        2,
        "event 2 is missing",
    )


def test_verify_chain_catches_a_removed_tail(mall):
    chain = _three_events(mall)
    _bypass_append_only("DELETE FROM audit_auditevent WHERE chain = %s AND seq = %s", [chain, 3])
    report = verify_chain(chain)
    assert (report.ok, report.first_broken_seq) == (False, 3)


def test_verify_chain_catches_a_rewrite_that_differs_from_a_checkpoint(mall):
    chain = _three_events(mall)
    publish_checkpoints(day=date(2026, 11, 27))
    # A rewrite that recomputes every hash (as someone holding the key could) still differs
    # from the digest published earlier.
    _bypass_append_only(
        "UPDATE audit_auditevent SET entry_hash = %s WHERE chain = %s AND seq = %s",
        ["f" * 64, chain, 3],
    )
    AuditChainHead.objects.filter(chain=chain).update(last_hash="f" * 64)
    assert verify_chain(chain).ok is False


def test_audit_events_refuse_updates_through_the_database(mall):
    chain = _three_events(mall)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(chain=chain, seq=1).update(action="x")
    assert AuditEvent.objects.get(chain=chain, seq=1).action == "test.changed"


def test_record_event_refuses_floats_in_data(mall):
    with pytest.raises(TypeError, match="floats"):
        record_event(action="x", object_type="t", object_id="1", data={"price": 1.5})


def test_verify_audit_chain_command_exits_nonzero_when_broken(mall, capsys):
    chain = _three_events(mall)
    call_command("verify_audit_chain")
    assert f"OK      {chain}: 3 events" in capsys.readouterr().out
    _bypass_append_only(
        "UPDATE audit_auditevent SET object_id = %s WHERE chain = %s AND seq = %s",
        ["999", chain, 1],
    )
    with pytest.raises(SystemExit) as exit_info:
        call_command("verify_audit_chain")
    assert exit_info.value.code == 1
    assert "first broken event #1" in capsys.readouterr().out


def test_catalogue_changes_are_audited_with_their_fields(mall):
    from mpp.catalog.domain import ServiceData, StepData, upsert_agency, upsert_service

    agency = upsert_agency(
        mall=mall, slug="polres", name="Polres Ngawi", short_name="Polres", level="central"
    )
    data = ServiceData(
        slug="skck-baru",
        name="SKCK Baru",
        turnaround_value=1,
        turnaround_unit="days",
        fee_kind="fixed",
        fee_amount=30000,
        product="SKCK",
        complaint_handling="Loket pengaduan",
        channel="counter",
        source="docs/domain-facts.md §8.2",
        steps=[StepData("Daftar")],
    )
    upsert_service(mall=mall, agency=agency, data=data, actor="tester")
    data.fee_amount = 35000
    upsert_service(mall=mall, agency=agency, data=data, actor="tester")
    upsert_service(mall=mall, agency=agency, data=data, actor="tester")  # no change: no event
    actions = list(
        AuditEvent.objects.filter(chain=f"mall:{mall.pk}")
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == [
        "catalog.agency.created",
        "catalog.service.created",
        "catalog.service.updated",
    ]
    update = AuditEvent.objects.get(action="catalog.service.updated")
    assert update.data["changes"] == {"fee_amount": [30000, 35000]}
    assert verify_chain(f"mall:{mall.pk}").ok is True


def test_public_audit_page_and_api_show_the_result(client, mall):
    _three_events(mall)
    page = client.get("/jejak-audit/").content.decode()
    assert "Jejak audit" in page
    assert "Jejak audit utuh" in page
    body = client.get("/api/v1/audit/verify").json()
    assert body["ok"] is True
    assert body["chains"][0]["checked"] == 3


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_never_fork_the_chain(mall):
    chain = f"mall:{mall.pk}"
    threads_count, per_thread = 8, 15
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            for n in range(per_thread):
                with transaction.atomic():
                    record_event(
                        action="test.race", object_type="t", object_id=str(n), mall_id=mall.pk
                    )
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    seqs = list(AuditEvent.objects.filter(chain=chain).values_list("seq", flat=True))
    assert sorted(seqs) == list(range(1, threads_count * per_thread + 1))
    assert verify_chain(chain).ok is True


@pytest.fixture
def checkpoint_file(tmp_path, settings):
    settings.AUDIT_CHECKPOINT_FILE = str(tmp_path / "audit" / "checkpoints.jsonl")
    return tmp_path / "audit" / "checkpoints.jsonl"


def _cut_tail_and_wind_back_head(chain: str, keep: int) -> None:
    """An insider with database access deletes the last events, points the head at the last
    event kept (the chain then verifies on its own) and deletes the table's checkpoints."""
    _bypass_delete("DELETE FROM audit_auditevent WHERE chain = %s AND seq > %s", [chain, keep])
    kept = AuditEvent.objects.get(chain=chain, seq=keep)
    AuditChainHead.objects.filter(chain=chain).update(last_seq=keep, last_hash=kept.entry_hash)
    AuditCheckpoint.objects.filter(chain=chain).delete()


def _bypass_delete(sql: str, params: list[object]) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_append_only")
            cursor.execute(sql, params)
            cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER audit_event_append_only")
        else:
            cursor.execute(sql, params)


def test_publish_writes_each_malls_head_to_the_file_outside_the_database(checkpoint_file, mall):
    from tests.factories import MallFactory

    other = MallFactory(slug="magetan", name="MPP Magetan")
    chain, other_chain = _three_events(mall), _three_events(other)
    call_command("publish_audit_checkpoint")
    call_command("publish_audit_checkpoint")  # unchanged heads: nothing appended

    lines = [json.loads(line) for line in checkpoint_file.read_text().splitlines()]
    assert {(row["chain"], row["mall_id"], row["seq"]) for row in lines} == {
        (chain, mall.pk, 3),
        (other_chain, other.pk, 3),
    }
    assert len(lines) == 2
    head = AuditChainHead.objects.get(chain=chain)
    assert {row["entry_hash"] for row in lines if row["chain"] == chain} == {head.last_hash}


def test_tail_deleted_with_the_head_wound_back_is_caught_by_the_published_file(
    checkpoint_file, mall
):
    chain = _three_events(mall)
    publish_checkpoints()
    _cut_tail_and_wind_back_head(chain, keep=1)
    assert AuditCheckpoint.objects.filter(chain=chain).count() == 0

    report = verify_chain(chain)

    assert report.ok is False
    assert report.first_broken_seq == 3
    assert report.reason == "a published checkpoint is missing from the chain"
    with pytest.raises(SystemExit):
        call_command("verify_audit_chain", "--mall", str(mall.pk))


def test_without_a_copy_outside_the_database_the_same_cut_goes_unnoticed(settings, mall):
    """Why the file exists: with checkpoints only in the table, the insider deletes them too."""
    settings.AUDIT_CHECKPOINT_FILE = ""
    chain = _three_events(mall)
    publish_checkpoints()
    _cut_tail_and_wind_back_head(chain, keep=1)

    assert verify_chain(chain).ok is True


def test_a_saved_copy_of_the_open_data_feed_catches_the_cut(client, settings, tmp_path, mall):
    settings.AUDIT_CHECKPOINT_FILE = ""
    chain = _three_events(mall)
    publish_checkpoints()
    feed = client.get("/api/v1/audit/checkpoints", {"chain": chain})
    assert feed.status_code == 200
    assert feed.json()["checkpoints"][0]["seq"] == 3
    saved = tmp_path / "feed.json"
    saved.write_bytes(feed.content)
    _cut_tail_and_wind_back_head(chain, keep=2)

    call_command("verify_audit_chain")  # nothing in the database says otherwise
    with pytest.raises(SystemExit) as exit_info:
        call_command("verify_audit_chain", "--checkpoints", str(saved))
    assert exit_info.value.code == 1


def test_a_whole_mall_chain_deleted_is_still_verified_from_the_file(checkpoint_file, mall):
    chain = _three_events(mall)
    publish_checkpoints()
    _bypass_delete("DELETE FROM audit_auditevent WHERE chain = %s", [chain])
    AuditChainHead.objects.filter(chain=chain).delete()
    AuditCheckpoint.objects.all().delete()

    reports = {r.chain: r for r in verify_all()}

    assert reports[chain].ok is False


def test_each_mall_has_its_own_chain_and_checkpoint(checkpoint_file, mall):
    from tests.factories import MallFactory

    other = MallFactory(slug="madiun", name="MPP Madiun")
    _three_events(mall)
    _three_events(other)
    record_event(action="test.global", object_type="t", object_id="1")
    published = {c.chain: c.seq for c in publish_checkpoints()}

    assert published == {f"mall:{mall.pk}": 3, f"mall:{other.pk}": 3, "global": 1}
    assert all(r.ok for r in verify_all())


def test_a_restored_backup_accepts_later_checkpoints_but_not_a_changed_one(
    checkpoint_file, mall, capsys
):
    """The restore drill verifies an older copy: checkpoints published after it lie beyond
    its end (expected), but one within it must still match."""
    chain = _three_events(mall)
    publish_checkpoints()
    _cut_tail_and_wind_back_head(chain, keep=2)  # as a backup taken at event 2 looks

    call_command("verify_audit_chain", "--restored")
    assert f"OK      {chain}: 2 events" in capsys.readouterr().out
    # A checkpoint of event 2 that the restored event 2 does not match.
    with checkpoint_file.open("a") as handle:
        handle.write(json.dumps({"chain": chain, "seq": 2, "entry_hash": "e" * 64}) + "\n")
    with pytest.raises(SystemExit):
        call_command("verify_audit_chain", "--restored")
    assert "differs from the published checkpoint" in capsys.readouterr().out
