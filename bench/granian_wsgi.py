"""Django's plain WSGI handler for granian in bench/server_compare.py, prepared as
`mpp.serve` prepares its own (templates, URL tables and catalogues loaded, the start-up heap
frozen), so that the two servers differ only in what serves the requests."""

from __future__ import annotations

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mpp.settings")

from django.core.wsgi import get_wsgi_application

from mpp.serve import settle_heap, warm_up

application = get_wsgi_application()
warm_up()
settle_heap()
