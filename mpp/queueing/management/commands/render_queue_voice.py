"""manage.py render_queue_voice — render every spoken segment of the display board now
(otherwise each is rendered on first use)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from mpp.queueing import voice


class Command(BaseCommand):
    help = "Render the Indonesian voice segments of the display board into MPP_VOICE_DIR."

    def handle(self, *args: Any, **options: Any) -> None:
        if not voice.synthesiser_available():
            self.stdout.write(
                "espeakng-loader is not installed: the boards will use the browser's voice. "
                "Install it with `pip install espeakng-loader`."
            )
        done, failed = voice.render_all()
        self.stdout.write(f"{done} segments ready in {voice.voice_dir()}, {failed} failed.")
