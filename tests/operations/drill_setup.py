"""Prepare a throwaway database for a drill: `python -m tests.operations.drill_setup`
(with DATABASE_URL pointing at it) migrates it and builds the queue hall of the tests, then
prints what the drill needs as JSON."""

from __future__ import annotations

import json
import os

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mpp.settings")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)

    from mpp.accounts.tokens import issue_api_token
    from tests.queueing.conftest import build_hall

    hall = build_hall(counters=2)
    print(
        json.dumps(
            {
                "mall": hall.mall.slug,
                "services": [hall.ktp.slug, hall.kk.slug, hall.akta.slug],
                "counters": [c.number for c in hall.counters],
                "tokens": [issue_api_token(user=o) for o in hall.officers],
            }
        )
    )


if __name__ == "__main__":
    main()
