from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "mpp.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        # Every app asks mpp.core.rules.staff_scope; the memberships behind it are ours.
        from mpp.accounts.permissions import derive_staff_scope
        from mpp.core.rules import provide_staff_scope

        provide_staff_scope(derive_staff_scope)
        # The staff menu's own pages (outbox, administration); the apps register theirs.
        from mpp.accounts.staff_nav import register_accounts_pages

        register_accounts_pages()
        # Cached API tokens are re-checked when a token, a user or a membership changes.
        from mpp.accounts.tokens import connect_signals

        connect_signals()
