"""Language choice: Indonesian unless the visitor chose English.

Many phones in Indonesia run with an English system language, so the browser's
Accept-Language says little about what a visitor reads best. Pages therefore follow only the
visitor's explicit choice (the language button, kept in a cookie) and otherwise show
Indonesian. The API keeps honouring Accept-Language, which programs set on purpose.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

HEADER_LANGUAGE_PATHS = ("/api/", "/open311/")


class ChosenLanguageMiddleware(LocaleMiddleware):
    def process_request(self, request: HttpRequest) -> None:
        if request.path.startswith(HEADER_LANGUAGE_PATHS):
            super().process_request(request)
            return
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
