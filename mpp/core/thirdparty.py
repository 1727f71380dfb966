"""Indonesian names for the sections and models that third-party apps show to staff.

django-otp, django-axes and django-tasks-db name their admin sections and models in English
(or not at all: "Otp_Totp"), which left English on the Indonesian staff admin. Their names are
replaced here, once, when the apps are ready, with msgids from our own catalogue (terms as in
docs/glossary.md). Only ``verbose_name`` on ``_meta`` changes: migrations read
``_meta.original_attrs``, so no migration of a third-party app follows from this.
"""

from __future__ import annotations

from django.apps import apps
from django.utils.translation import gettext_lazy as _

# app label -> Indonesian-first section name (msgid in English, msgstr in our catalogue).
APP_NAMES = {
    "otp_totp": _("Two-step verification"),
    "axes": _("Sign-in attempts"),
    "django_tasks_database": _("Background tasks"),
}

# (app label, model name) -> (verbose_name, verbose_name_plural)
MODEL_NAMES = {
    ("otp_totp", "totpdevice"): (_("authenticator app"), _("authenticator apps")),
    ("axes", "accessattempt"): (_("failed sign-in attempt"), _("failed sign-in attempts")),
    ("axes", "accesslog"): (_("sign-in record"), _("sign-in records")),
    ("axes", "accessfailurelog"): (_("sign-in failure"), _("sign-in failures")),
    ("django_tasks_database", "dbtaskresult"): (
        _("background task result"),
        _("background task results"),
    ),
}


def apply() -> None:
    """Rename the third-party sections and models shown in the admin (idempotent)."""
    for label, name in APP_NAMES.items():
        try:
            apps.get_app_config(label).verbose_name = name
        except LookupError:
            continue
    for (label, model_name), (singular, plural) in MODEL_NAMES.items():
        try:
            model = apps.get_model(label, model_name)
        except LookupError:
            continue
        model._meta.verbose_name = singular
        model._meta.verbose_name_plural = plural
