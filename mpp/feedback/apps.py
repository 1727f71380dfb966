from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "mpp.feedback"
    label = "feedback"
    verbose_name = _("Feedback: satisfaction survey and complaints")

    def ready(self) -> None:
        # The complaint desk and the survey's staff pages in the one staff menu.
        from mpp.accounts.staff_nav import register_staff_page
        from mpp.feedback import permissions

        def desk(user, mall):
            return permissions.complaint_scope(user).has_access

        def moderates(user, mall):
            return mall is not None and permissions.can_manage(user, mall.pk)

        register_staff_page(30, _("Complaint desk"), "feedback:desk", desk)
        register_staff_page(40, _("Survey suggestions"), "feedback:suggestions", moderates)
        register_staff_page(50, _("Survey follow-ups"), "feedback:follow-ups", desk)

        # Messages to reporters of complaints (domain event subscriber).
        from mpp.feedback import notify, subscribers

        notify.subscribe()
        # Survey invitations when a service is finished (ticket served, result ready).
        subscribers.subscribe()
        # Key rotation (`manage.py reencrypt_personal_data`) covers complaint photos.
        from mpp.accounts.crypto import register_rotation
        from mpp.feedback.uploads import rotate_photo_encryption

        register_rotation("complaint photo(s)", rotate_photo_encryption)
