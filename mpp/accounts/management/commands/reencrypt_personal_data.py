"""Re-encrypt NIKs and what the other apps keep encrypted (application answers, uploaded
documents: `crypto.ROTATIONS`) with the first key of FIELD_ENCRYPTION_KEY (key rotation: put
the new key first, keep the old one after it, run this, then drop the old)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from mpp.accounts import crypto
from mpp.accounts.models import CitizenProfile


class Command(BaseCommand):
    help = "Re-encrypt stored NIKs and documents with the current first encryption key."

    def handle(self, *args: Any, **options: Any) -> None:
        profiles = 0
        for profile in CitizenProfile.objects.exclude(nik_encrypted="").iterator():
            CitizenProfile.objects.filter(pk=profile.pk).update(
                nik_encrypted=crypto.rotate(profile.nik_encrypted)
            )
            profiles += 1
        counts = [f"{profiles} profile NIK(s)"]
        counts += [f"{rotate_all()} {what}" for what, rotate_all in crypto.ROTATIONS]
        self.stdout.write(f"Re-encrypted {', '.join(counts)}.")
