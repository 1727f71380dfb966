from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "mpp.feedback"
    label = "feedback"
    verbose_name = _("Feedback: satisfaction survey and complaints")

    def ready(self) -> None:
        # Messages to reporters of complaints (domain event subscriber).
        from mpp.feedback import notify, subscribers

        notify.subscribe()
        # Survey invitations when a service is finished (ticket served, result ready).
        subscribers.subscribe()
        # Key rotation (`manage.py reencrypt_personal_data`) covers complaint photos.
        from mpp.accounts.crypto import register_rotation
        from mpp.feedback.uploads import rotate_photo_encryption

        register_rotation("complaint photo(s)", rotate_photo_encryption)
