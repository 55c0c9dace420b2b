"""Project middleware."""

from functools import cache

from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language

# Paths outside i18n_patterns whose 404s are real answers (a JSON API saying
# "no such code"), not pages to look for under /vi/.
UNPREFIXED_PATHS = ("/api/",)


@cache
def admin_prefix() -> str:
    """The path of the Wagtail admin ("/admin/")."""
    return reverse("wagtailadmin_home")


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, with two changes.

    - The admin speaks the site's language (Vietnamese) whatever the browser
      asks for; a user who picked another language in Account → Preferences
      gets it (Wagtail applies the preference in its views). Wagtail would
      otherwise follow the browser for everyone without a preference.
    - No redirect of API 404s to /<lang>/…: Django redirects any 404 to the
      language-prefixed path when that path resolves, and Wagtail's catch-all
      resolves every path, so an API's JSON 404 would become a 302 to an HTML
      page.
    """

    def process_request(self, request):
        if request.path_info.startswith(admin_prefix()):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
            return
        super().process_request(request)

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(
            UNPREFIXED_PATHS
        ):
            response.headers.setdefault("Content-Language", get_language())
            return response
        return super().process_response(request, response)
