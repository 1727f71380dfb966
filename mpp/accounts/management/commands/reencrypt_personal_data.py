"""Re-encrypt NIKs and uploaded documents with the first key of FIELD_ENCRYPTION_KEY (key
rotation: put the new key first, keep the old one after it, run this, then drop the old)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from mpp.accounts import crypto
from mpp.accounts.models import CitizenProfile


class Command(BaseCommand):
    help = "Re-encrypt stored NIKs and documents with the current first encryption key."

    def handle(self, *args: Any, **options: Any) -> None:
        from mpp.applications import documents
        from mpp.applications.models import Application, Document

        profiles = answers = files = 0
        for profile in CitizenProfile.objects.exclude(nik_encrypted="").iterator():
            CitizenProfile.objects.filter(pk=profile.pk).update(
                nik_encrypted=crypto.rotate(profile.nik_encrypted)
            )
            profiles += 1
        for application in Application.objects.exclude(answers={}).iterator():
            changed = False
            for value in application.answers.values():
                if isinstance(value, dict) and value.get("enc"):
                    value["enc"] = crypto.rotate(value["enc"])
                    changed = True
            if changed:
                with transaction.atomic():
                    Application.objects.filter(pk=application.pk).update(
                        answers=application.answers
                    )
                answers += 1
        for document in Document.objects.iterator():
            path = documents._path(document.storage_name)
            if path.exists():
                token = crypto.fernet().rotate(path.read_bytes())
                temporary = path.with_suffix(".tmp")
                temporary.write_bytes(token)
                temporary.replace(path)
                files += 1
        self.stdout.write(
            f"Re-encrypted {profiles} profile NIK(s), {answers} application(s), {files} file(s)."
        )
