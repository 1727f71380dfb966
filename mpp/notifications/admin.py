"""Staff administration of notifications.

- **Message texts**: a mall manager words each kind of message for their mall, in Indonesian
  and English, and sees it previewed with sample values (and as an SMS: length and parts; as
  WhatsApp: the approved template and its parameters). The page "All messages" lists every
  kind with the text in use.
- **Notifications**: every message with its status, the provider's delivery reports and the
  fallback it led to (read-only).
- **Contacts**: opted-out numbers and addresses; staff can opt one out or in on the citizen's
  request (audited).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from mpp.core import rules
from mpp.notifications.domain import opt_in, opt_out
from mpp.notifications.enums import OptOutSource
from mpp.notifications.kinds import (
    MessageKind,
    all_kinds,
    fill,
    get_kind,
    sms_segments,
    text_errors,
    whatsapp_template,
)
from mpp.notifications.models import Contact, DeliveryEvent, MessageTemplate, Notification

LANGUAGES = (("id", _("Indonesian")), ("en", _("English")))


def default_text(kind: MessageKind, language: str) -> str:
    with override(language):
        return str(kind.text)


def preview_block(kind: MessageKind, text_id: str, text_en: str) -> str:
    """HTML: each language's text filled with sample values, its SMS length, and what WhatsApp
    sends outside the 24-hour window."""
    parts = []
    for language, label in LANGUAGES:
        own = text_en if language == "en" else text_id
        text = (own or "").strip() or default_text(kind, language)
        filled = fill(text, kind.sample_context(language))
        segments, encoding = sms_segments(filled)
        parts.append(
            format_html(
                '<div class="mpp-preview"><strong>{}</strong>{}'
                '<p class="mpp-preview__text">{}</p><p class="help">{}</p></div>',
                label,
                "" if own.strip() else format_html(" <em>({})</em>", _("platform text")),
                filled,
                _("%(chars)s characters; as SMS %(parts)s part(s), %(encoding)s")
                % {"chars": len(filled), "parts": segments, "encoding": encoding},
            )
        )
    template = whatsapp_template(kind.key)
    whatsapp: Any
    if template:
        params = format_html_join(
            ", ",
            "{{{{{}}}}} = {}",
            ((i, p.name) for i, p in enumerate(kind.placeholders, start=1)),
        )
        whatsapp = format_html(
            "{} <code>{}</code>: {}",
            _("Outside the 24-hour window WhatsApp sends the approved template"),
            template,
            params or _("no parameters"),
        )
    else:
        whatsapp = _(
            "No WhatsApp template is set for this message (WHATSAPP_TEMPLATES): outside the "
            "24-hour window it goes by SMS instead."
        )
    return format_html(
        "{}<p class='help'>{}</p>", format_html_join("", "{}", ((p,) for p in parts)), whatsapp
    )


class MessageTemplateForm(forms.ModelForm):
    kind = forms.ChoiceField(label=_("Message"))

    class Meta:
        model = MessageTemplate
        fields = ("mall", "kind", "text_id", "text_en")
        widgets = {
            "text_id": forms.Textarea(attrs={"rows": 4, "cols": 80}),
            "text_en": forms.Textarea(attrs={"rows": 4, "cols": 80}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [  # type: ignore[attr-defined]
            (k.key, f"{k.label} ({k.key})") for k in all_kinds()
        ]
        kind = get_kind(self.initial.get("kind") or getattr(self.instance, "kind", "") or "")
        if kind is not None:
            names = ", ".join("{" + p.name + "}" for p in kind.placeholders)
            help_text = _("Fields you may use: %(fields)s. Empty: the platform's text.") % {
                "fields": names or _("none")
            }
            self.fields["text_id"].help_text = help_text
            self.fields["text_en"].help_text = help_text

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = get_kind(data.get("kind") or "")
        if kind is None:
            return data
        for name in ("text_id", "text_en"):
            for error in text_errors(kind, data.get(name) or ""):
                self.add_error(name, error)
        return data


def _managed_mall_ids(request: HttpRequest) -> set[int] | None:
    """None: every mall (superuser)."""
    scope = rules.staff_scope(request.user)
    return None if scope.is_superuser else set(scope.managed_mall_ids)


@admin.register(MessageTemplate)
class MessageTemplateAdmin(admin.ModelAdmin):
    form = MessageTemplateForm
    list_display = ("kind_label", "mall", "updated_at", "updated_by")
    list_filter = ("mall",)
    readonly_fields = ("preview", "updated_at", "updated_by")
    fields = ("mall", "kind", "text_id", "text_en", "preview", "updated_at", "updated_by")
    change_list_template = "admin/notifications/messagetemplate/change_list.html"

    class Media:
        css = {"all": ("mpp/css/admin-notifications.css",)}

    @admin.display(description=_("Message"))
    def kind_label(self, obj: MessageTemplate) -> str:
        kind = get_kind(obj.kind)
        return str(kind.label) if kind else obj.kind

    @admin.display(description=_("Preview with sample values"))
    def preview(self, obj: MessageTemplate | None) -> str:
        kind = get_kind(obj.kind) if obj is not None and obj.kind else None
        if kind is None:
            return str(_("Choose a message and save to see the preview."))
        return preview_block(kind, obj.text_id if obj else "", obj.text_en if obj else "")

    def get_queryset(self, request: HttpRequest) -> QuerySet[MessageTemplate]:
        queryset = super().get_queryset(request).select_related("mall", "updated_by")
        malls = _managed_mall_ids(request)
        return queryset if malls is None else queryset.filter(mall_id__in=malls)

    def _allowed(self, request: HttpRequest, obj: MessageTemplate | None = None) -> bool:
        malls = _managed_mall_ids(request)
        if malls is None:
            return True
        if obj is not None:
            return obj.mall_id in malls
        return bool(malls)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request, obj)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "mall":
            kwargs["queryset"] = rules.managed_malls(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        """`?kind=ticket_near` starts from the platform's texts of that message."""
        initial = super().get_changeform_initial_data(request)
        kind = get_kind(str(request.GET.get("kind", "")))
        if kind is not None:
            initial.update(
                kind=kind.key, text_id=default_text(kind, "id"), text_en=default_text(kind, "en")
            )
        malls = rules.managed_malls(request.user)
        if malls.count() == 1:
            initial.setdefault("mall", str(malls.values_list("pk", flat=True).first()))
        return initial

    def save_model(
        self, request: HttpRequest, obj: MessageTemplate, form: Any, change: bool
    ) -> None:
        obj.updated_by = request.user  # type: ignore[assignment]
        super().save_model(request, obj, form, change)

    def get_urls(self) -> list[Any]:
        return [
            path(
                "semua/",
                self.admin_site.admin_view(self.all_messages),
                name="notifications_messagetemplate_all",
            ),
            *super().get_urls(),
        ]

    def all_messages(self, request: HttpRequest) -> HttpResponse:
        """Every kind of message with the text in use for the user's mall(s), previewed."""
        if not self._allowed(request):
            raise PermissionDenied
        own: dict[tuple[int | None, str], MessageTemplate] = {
            (t.mall_id, t.kind): t for t in self.get_queryset(request)
        }
        malls: list[Any] = list(rules.managed_malls(request.user)[:5])
        rows = []
        for kind in all_kinds():
            for mall in malls or [None]:
                template = own.get((mall.pk if mall else None, kind.key))
                rows.append(
                    {
                        "kind": kind,
                        "mall": mall,
                        "template": template,
                        "preview": preview_block(
                            kind,
                            template.text_id if template else "",
                            template.text_en if template else "",
                        ),
                        "edit_url": reverse(
                            "admin:notifications_messagetemplate_change", args=[template.pk]
                        )
                        if template
                        else reverse("admin:notifications_messagetemplate_add")
                        + f"?kind={kind.key}"
                        + (f"&mall={mall.pk}" if mall else ""),
                    }
                )
        context = {
            **self.admin_site.each_context(request),
            "title": _("All messages and their texts"),
            "rows": rows,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/notifications/messagetemplate/all.html", context)


class DeliveryEventInline(admin.TabularInline):
    model = DeliveryEvent
    extra = 0
    fields = ("status", "reported_at", "received_at", "error")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "kind",
        "channel",
        "status",
        "delivery_status",
        "attempts",
        "sent_at",
    ]
    list_filter = ["status", "delivery_status", "channel", "kind"]
    search_fields = ["provider_message_id", "object_id"]
    readonly_fields = [f.name for f in Notification._meta.fields if f.name not in {"body"}] + [
        "shown_body",
        "fallback_message_link",
    ]
    exclude = ["body"]
    inlines = [DeliveryEventInline]

    @admin.display(description=_("message"))
    def shown_body(self, obj: Notification) -> str:
        return str(_("[secret code, not shown]")) if obj.sensitive else obj.body

    @admin.display(description=_("handed on to"))
    def fallback_message_link(self, obj: Notification) -> str:
        following = Notification.objects.filter(fallback_of=obj).first()
        if following is None:
            return "—"
        url = reverse("admin:notifications_notification_change", args=[following.pk])
        return format_html(
            '<a href="{}">{} #{}</a>', url, following.get_channel_display(), following.pk
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["address", "opted_out_at", "opt_out_source", "last_inbound_at"]
    list_filter = ["opt_out_source"]
    search_fields = ["address"]
    readonly_fields = ["address", "opted_out_at", "opt_out_source", "last_inbound_at"]
    actions = ["stop_messages", "allow_messages"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)

    @admin.action(description=_("Stop messages to these addresses (on the citizen's request)"))
    def stop_messages(self, request: HttpRequest, queryset: QuerySet[Contact]) -> None:
        for contact in queryset:
            opt_out(address=contact.address, source=OptOutSource.STAFF, actor=request.user)
        self.message_user(request, _("Messages stopped."), messages.SUCCESS)

    @admin.action(description=_("Allow messages to these addresses again"))
    def allow_messages(self, request: HttpRequest, queryset: QuerySet[Contact]) -> None:
        for contact in queryset:
            opt_in(address=contact.address, source=OptOutSource.STAFF, actor=request.user)
        self.message_user(request, _("Messages allowed again."), messages.SUCCESS)
