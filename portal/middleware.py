"""Project middleware."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation
from django.utils.translation import get_language

# Paths outside i18n_patterns whose 404s are real answers (a JSON API saying
# "no such code"), not pages to look for under /vi/.
UNPREFIXED_PATHS = ("/api/",)
# The back office: officials work in Vietnamese whatever their browser says.
ADMIN_PATHS = ("/admin/",)


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, minus the redirect of API 404s to /<lang>/…,
    and with the back office in the site's default language.

    Django redirects any 404 to the language-prefixed path when that path
    resolves, and Wagtail's catch-all resolves every path, so without this an
    API's JSON 404 would become a 302 to an HTML page.

    Under /admin/ the browser's Accept-Language (and the public site's
    language cookie) is ignored: the admin starts in LANGUAGE_CODE (vi), the
    login page included. An official who wants another language picks it in
    Account → Preferences; Wagtail's admin views then use that choice.
    """

    def process_request(self, request):
        super().process_request(request)
        if request.path_info.startswith(ADMIN_PATHS):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(
            UNPREFIXED_PATHS
        ):
            response.headers.setdefault("Content-Language", get_language())
            return response
        return super().process_response(request, response)
