"""The national administrator's view of the malls (issue 14 item 3).

`NetworkMall` is a proxy of `core.Mall` (no table of its own) that carries the permission
``national.administer_network``. A staff user holding it (directly or through a group) is a
**national administrator**: in the admin they list every mall of the network, add malls and
change each mall's settings (name, hours, calendar choice, signatory, active, demo). The role
gives nothing inside a mall: no staff membership, so every staff page and operation of a mall
(tickets, applications, complaints, personal data) stays closed to them
(tests/national/test_national_admin.py).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from mpp.core.models import Mall


class NetworkMall(Mall):
    class Meta:
        proxy = True
        verbose_name = _("mall of the network")
        verbose_name_plural = _("malls of the network")
        permissions = [("administer_network", _("Administer the national network of malls"))]
