"""Fixtures for the applications tests: private files in a temporary folder, background
tasks run at once (the immediate backend), e-mail in memory (pytest-django's default)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.utils import override_settings

from mpp.accounts.enums import StaffRole
from mpp.applications import domain
from mpp.applications.enums import ApplicationState
from tests.applications.factories import (
    CitizenFactory,
    complete_answers,
    jpeg_bytes,
    make_mall_wide,
    make_officer,
    online_service,
    pdf_bytes,
)
from tests.factories import AgencyFactory

IMMEDIATE_TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default", "notifications"],
    }
}


@pytest.fixture(autouse=True)
def _private_media(tmp_path):
    with override_settings(
        MEDIA_ROOT=tmp_path / "private",
        TASKS=IMMEDIATE_TASKS,
        # Password hashing is not under test here; the fast hasher keeps the suite quick.
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    ):
        yield


@pytest.fixture
def service(mall):
    return online_service(mall=mall)


@pytest.fixture
def agency(service):
    return service.agency


@pytest.fixture
def other_agency(mall):
    return AgencyFactory(mall=mall, slug="polres", short_name="Polres")


@pytest.fixture
def citizen(db):
    return CitizenFactory()


@pytest.fixture
def other_citizen(db):
    return CitizenFactory()


@pytest.fixture
def verifier(mall, agency):
    return make_officer(mall=mall, agency=agency, role=StaffRole.VERIFIER, first_name="Vera")


@pytest.fixture
def head(mall, agency):
    return make_officer(mall=mall, agency=agency, role=StaffRole.HEAD_OF_UNIT, first_name="Hadi")


@pytest.fixture
def counter_officer(mall, agency):
    return make_officer(mall=mall, agency=agency, role=StaffRole.COUNTER_OFFICER)


@pytest.fixture
def other_officer(mall, other_agency):
    return make_officer(mall=mall, agency=other_agency, role=StaffRole.HEAD_OF_UNIT)


@pytest.fixture
def auditor(mall):
    return make_mall_wide(mall=mall, role=StaffRole.AUDITOR)


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> Any:
    return SimpleUploadedFile(name, content, content_type=content_type)


def fill_completely(application: Any, actor: Any) -> Any:
    """Answers and the mandatory documents, through the domain functions."""
    from mpp.applications.forms import ApplicationForm

    service = application.service
    answers = complete_answers(service)
    flat: dict[str, Any] = {}
    for key, value in answers.items():
        if isinstance(value, dict):
            for part, text in value.items():
                flat[f"{key}-{part}"] = text
        else:
            flat[key] = value
    form = ApplicationForm(application, data=flat)
    assert form.is_valid(), form.errors
    domain.save_answers(
        application=application, actor=actor, values=form.values(), contact_phone="081234567890"
    )
    for position, content, name in (
        (1, pdf_bytes(), "surat-lahir.pdf"),
        (2, jpeg_bytes(), "kk.jpg"),
    ):
        requirement = service.requirements.get(position=position)
        domain.add_document(
            application=application,
            requirement_id=requirement.pk,
            upload=upload(name, content),
            actor=actor,
        )
    application.refresh_from_db()
    return application


@pytest.fixture
def draft(service, citizen):
    return domain.create_application(service=service, applicant=citizen)


@pytest.fixture
def submitted(draft, citizen):
    fill_completely(draft, citizen)
    domain.submit_application(application=draft, actor=citizen)
    draft.refresh_from_db()
    assert draft.state == ApplicationState.SUBMITTED
    return draft
