"""Staff page "Kotak keluar" (outbox): every message the platform sent or would have sent —
channel, recipient (masked), text, status and the provider's delivery report. In the demo
(senders writing to the log) it shows the notifications a visitor's actions cause.

Who: superusers, and the mall's managers and auditors, after their second factor. Texts of
messages that carry a secret (one-time codes) are never shown.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from mpp.accounts.access import second_factor_passed, staff_page
from mpp.accounts.contacts import mask_email
from mpp.core.forms import SpecificMessages
from mpp.core.phones import mask_phone
from mpp.core.rules import can_view_mall
from mpp.core.tenancy import current_mall
from mpp.notifications.domain import is_opted_out, preferences_of, set_notification_preferences
from mpp.notifications.enums import NotificationChannel, NotificationStatus
from mpp.notifications.forms import MessagePreferencesForm
from mpp.notifications.kinds import all_kinds, get_kind
from mpp.notifications.models import Notification

PAGE_SIZE = 50


def _verified(user: Any) -> bool:
    return second_factor_passed(user)


class OutboxFilter(SpecificMessages, forms.Form):
    mark_optional = False

    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("All")), *list(NotificationStatus.choices)],
    )
    channel = forms.ChoiceField(
        label=gettext_lazy("Channel"),
        required=False,
        choices=[("", gettext_lazy("All")), *list(NotificationChannel.choices)],
    )
    kind = forms.ChoiceField(label=gettext_lazy("Message"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All"))] + [  # type: ignore[attr-defined]
            (kind.key, str(kind.label)) for kind in all_kinds()
        ]


def mask(channel: str, address: str) -> str:
    return mask_email(address) if channel == NotificationChannel.EMAIL else mask_phone(address)


def outbox_rows(mall: Any, filters: dict[str, str], page_number: Any) -> Any:
    queryset = Notification.objects.filter(mall=mall).order_by("-created_at", "-pk")
    for name in ("status", "channel", "kind"):
        if filters.get(name):
            queryset = queryset.filter(**{name: filters[name]})
    queryset = queryset.only(
        "created_at",
        "kind",
        "channel",
        "to",
        "body",
        "sensitive",
        "status",
        "suppressed_reason",
        "delivery_status",
        "last_error",
        "attempts",
        "fallback_of_id",
        "urgent",
    )
    page = Paginator(queryset, PAGE_SIZE).get_page(page_number)
    for row in page.object_list:
        kind = get_kind(row.kind)
        # Display values for the template, set on the page's rows only.
        row.kind_label = str(kind.label) if kind else row.kind  # type: ignore[attr-defined]
        row.masked_to = mask(row.channel, row.to)  # type: ignore[attr-defined]
        row.shown_body = (  # type: ignore[attr-defined]
            _("[secret code, not shown]") if row.sensitive else row.body
        )
    return page


@never_cache
@require_GET
@staff_page(allow=lambda user, mall: mall is not None and can_view_mall(user, mall))
def outbox(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.is_authenticated:
        return redirect(f"{reverse('accounts:login')}?{urlencode({'next': request.path})}")
    mall = current_mall(request)
    if mall is None or not user.is_staff or not can_view_mall(user, mall):
        raise Http404(_("You do not have permission to open this page."))
    if not _verified(user):
        return redirect(f"{reverse('accounts:two-factor')}?{urlencode({'next': request.path})}")
    form = OutboxFilter(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = outbox_rows(mall, filters, request.GET.get("page"))
    query = urlencode({k: v for k, v in filters.items() if v})
    context = {"form": form, "page": page, "query": query, "mall": mall}
    if request.GET.get("fragment") == "1":
        return render(request, "notifications/_outbox_rows.html", context)
    return render(request, "notifications/outbox.html", context)


# --- The citizen's message channels (a section of the profile page, accounts:profile) -------


def profile_message_context(user: Any) -> dict[str, Any]:
    """What the profile page shows of the citizen's channels (registered with
    mpp.accounts.profile_sections by NotificationsConfig.ready)."""
    chosen = preferences_of(user)
    phone = str(user.phone or "")
    return {
        "message_form": MessagePreferencesForm(
            initial={"whatsapp": chosen.whatsapp, "sms": chosen.sms, "email": chosen.email}
        ),
        "phone_opted_out": bool(phone and is_opted_out(phone)),
    }


@never_cache
@login_required
@require_POST
def message_preferences(request: HttpRequest) -> HttpResponse:
    """Save the channels the citizen accepts messages on."""
    form = MessagePreferencesForm(request.POST)
    if form.is_valid():
        set_notification_preferences(user=request.user, **form.cleaned_data)
        if not any(form.cleaned_data.values()):
            messages.success(
                request,
                _(
                    "Saved. You will get no messages about your applications, tickets and "
                    "bookings; codes you ask for are still sent."
                ),
            )
        else:
            messages.success(request, _("Your message settings are saved."))
    return redirect("accounts:profile")
