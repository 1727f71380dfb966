from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "mpp.applications"
    label = "applications"
    verbose_name = _("Online applications")

    def ready(self) -> None:
        # The officer inbox in the one staff menu.
        from mpp.accounts.staff_nav import register_staff_page
        from mpp.applications.access import works_here

        register_staff_page(20, _("Officer inbox"), "applications:inbox", works_here)

        # Deploy checks for the keys that protect NIKs and documents.
        from mpp.accounts import checks  # noqa: F401

        # Messages to applicants at every state change (domain event subscriber).
        from mpp.applications import notify

        notify.subscribe()

        # Key rotation (`manage.py reencrypt_personal_data`) covers the encrypted answers and
        # the uploaded documents.
        from mpp.accounts.crypto import register_rotation
        from mpp.applications import documents, domain

        register_rotation("application(s)", domain.rotate_answer_encryption)
        register_rotation("file(s)", documents.rotate_encryption)
