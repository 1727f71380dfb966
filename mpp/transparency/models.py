"""Daily rollups behind the public transparency dashboard.

One row per mall × agency × local service day, filled only by
`mpp.transparency.domain.refresh_daily_stats`. The dashboard, its open data and the
`public_stats` API read these rows (never the raw tickets or applications), so a page costs
the same few queries whether the mall served a thousand or ten million visitors.

Waiting and service times are kept as sums and counts (for the average) and as a sparse
histogram of whole minutes, rounded up (for the 90th percentile): {"5": 12} means twelve
visits whose time was more than 4 and at most 5 minutes. Times over `HISTOGRAM_MAX_MINUTES`
share the last bucket.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from mpp.catalog.models import Agency
from mpp.core.models import Mall

HISTOGRAM_MAX_MINUTES = 240

#: Shared-cache key holding the generation of the rollups: set to a new value after every
#: committed refresh (`domain.refresh_daily_stats`), so a reader that caches figures of many
#: malls (the national comparison, mpp/national/queries.py) builds a new cache key at once.
ROLLUPS_GENERATION_KEY = "transparency:rollups:generation"


def empty_hours() -> list[int]:
    return [0] * 24


class DailyAgencyStats(models.Model):
    mall = models.ForeignKey(Mall, on_delete=models.CASCADE, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("day"))
    # Queue tickets issued that day (the visitors), by local hour of issue.
    visitors = models.PositiveIntegerField(default=0)
    tickets_by_hour = models.JSONField(default=empty_hours)
    wait_count = models.PositiveIntegerField(default=0)
    wait_seconds = models.PositiveBigIntegerField(default=0)
    wait_histogram = models.JSONField(default=dict)
    service_count = models.PositiveIntegerField(default=0)
    service_seconds = models.PositiveBigIntegerField(default=0)
    service_histogram = models.JSONField(default=dict)
    # Online applications submitted that day, and decided that day (in time or late).
    applications_submitted = models.PositiveIntegerField(default=0)
    applications_finished = models.PositiveIntegerField(default=0)
    applications_in_time = models.PositiveIntegerField(default=0)
    refreshed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("daily statistics")
        verbose_name_plural = _("daily statistics")
        constraints = [
            models.UniqueConstraint(
                fields=["mall", "day", "agency"], name="transparency_daily_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.mall_id}/{self.agency_id} {self.day}"
