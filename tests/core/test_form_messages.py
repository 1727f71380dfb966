"""The one form pattern (issue 9), checked on every form class of the project without a browser:
each required field has a 'required' message of its own (never Django's generic "This field is
required." / "Bidang ini tidak boleh kosong."), translated into Indonesian; labels carry no
trailing colon; optional fields are marked one way (`mpp_optional`, mpp.core.forms).

A new form class is found by walking the modules of mpp/; if it needs arguments to be built,
add them to `BUILD` below (the test fails until then, so no form is left out silently)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django import forms
from django.contrib.admin.helpers import ActionForm
from django.utils import translation

import mpp
from mpp.applications import domain as applications_domain
from mpp.catalog.models import Agency, Service
from mpp.core.models import Mall
from mpp.facilities.models import Room
from tests.applications.factories import CitizenFactory, online_service

GENERIC = {"This field is required.", "Bidang ini tidak boleh kosong."}
# Modules that cannot be imported outside their own context (or hold no forms).
SKIPPED_PACKAGES = ("mpp.settings", "mpp.wsgi", "mpp.asgi")


def _form_classes() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(mpp.__path__, "mpp."):
        name = module.name
        if ".migrations" in name or ".tests" in name or name.startswith(SKIPPED_PACKAGES):
            continue
        importlib.import_module(name)
    found: dict[str, type[forms.BaseForm]] = {}
    stack: list[type[Any]] = [forms.BaseForm]
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.__module__.startswith("mpp.") and not inspect.isabstract(cls):
            found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    # Admin model forms are shown by Django's admin, which has its own error list; admin
    # action forms have no required input of their own.
    return [
        cls
        for _, cls in sorted(found.items())
        if not issubclass(cls, forms.ModelForm | ActionForm) and "Formset" not in cls.__name__
    ]


FORMS = _form_classes()


def _mall() -> Mall:
    mall: Mall = Mall.objects.first() or Mall.objects.create(
        name="Mall Pelayanan Publik Uji", slug="uji"
    )
    return mall


def _application() -> Any:
    service = online_service(mall=_mall())
    return applications_domain.create_application(service=service, applicant=CitizenFactory())


# Arguments of the forms that need some to be built, by class name.
BUILD: dict[str, Callable[[], dict[str, Any]]] = {
    "ComplaintForm": lambda: {"mall": _mall()},
    "DispositionForm": lambda: {"mall": _mall(), "protected": True},
    "InvitationForm": lambda: {"services": Service.objects.all()},
    "ReportFilterForm": lambda: {"mall": _mall(), "today": date(2026, 11, 2)},
    "FollowUpForm": lambda: {
        "agencies": Agency.objects.all(),
        "services": Service.objects.all(),
        "today": date(2026, 11, 2),
    },
    "BookForm": lambda: {"durations": [60, 120]},
    "BlockForm": lambda: {"rooms": Room.objects.all()},
    "SearchForm": lambda: {"mall": _mall()},
    "ImportForm": lambda: {"malls": Mall.objects.all()},
    "ExportForm": lambda: {"malls": Mall.objects.all()},
}
POSITIONAL: dict[str, Callable[[], list[Any]]] = {"ApplicationForm": lambda: [_application()]}


def _builder(cls: type[forms.BaseForm]) -> Callable[[], forms.BaseForm]:
    args = POSITIONAL.get(cls.__name__, list)()
    kwargs = BUILD.get(cls.__name__, dict)()
    return lambda: cls(*args, data={}, **kwargs)


def _name(cls: type[Any]) -> str:
    return f"{cls.__module__.removeprefix('mpp.')}.{cls.__qualname__}"


def test_the_walk_finds_the_forms_of_every_kind_of_page() -> None:
    names = {cls.__name__ for cls in FORMS}
    # Public, citizen and staff forms of several apps: the walk itself is not empty or partial.
    assert {"ComplaintForm", "BookingForm", "MsmeForm", "SignupForm", "TransitionForm"} <= names
    assert {"FollowUpForm", "BlockForm", "ConfirmServiceForm", "SurveyForm"} <= names


@pytest.mark.django_db
@pytest.mark.parametrize("cls", FORMS, ids=_name)
def test_every_required_field_says_what_is_missing(cls: type[forms.BaseForm]) -> None:
    build = _builder(cls)
    messages: dict[str, dict[str, str]] = {}
    for language in ("en", "id"):
        with translation.override(language):
            form = build()
            assert not form.is_valid() or not any(f.required for f in form.fields.values())
            for name, field in form.fields.items():
                label = str(field.label or "")
                assert not label.rstrip().endswith(":"), (name, label)
                assert not label.rstrip().endswith(("(optional)", "(opsional)", "(tidak wajib)")), (
                    f"{name}: mark optional fields with mpp_optional, not in the label: {label}"
                )
                if field.required:
                    message = str(field.error_messages["required"])
                    assert message not in GENERIC, (name, message)
                    messages.setdefault(name, {})[language] = message
                    # The message the visitor sees is the one checked here.
                    if name in form.errors:
                        assert message in [str(e) for e in form.errors[name]], (name, message)
            assert form.label_suffix == "", "labels without a trailing colon"
    for name, by_language in messages.items():
        # An English msgid with an Indonesian msgstr: the two differ.
        assert by_language["en"] != by_language["id"], (name, by_language)
