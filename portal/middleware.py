"""Project middleware."""

from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils.translation import get_language

# Paths outside i18n_patterns whose 404s are real answers (a JSON API saying
# "no such code"), not pages to look for under /vi/.
UNPREFIXED_PATHS = ("/api/",)


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, minus the redirect of API 404s to /<lang>/….

    Django redirects any 404 to the language-prefixed path when that path
    resolves, and Wagtail's catch-all resolves every path, so without this an
    API's JSON 404 would become a 302 to an HTML page.
    """

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(
            UNPREFIXED_PATHS
        ):
            response.headers.setdefault("Content-Language", get_language())
            return response
        return super().process_response(request, response)
