"""Template context every public page needs."""

from django.http import HttpRequest
from django.utils.translation import get_language

from cms_pages.templatetags.site_tags import CHROME_SECONDS


def fragment_cache(request: HttpRequest) -> dict:
    """What `{% cache %}` needs to keep rendered fragments in the chrome cache
    (`using="local"`):

    - `fragment_seconds`: how long. Templates key each fragment on the page
      and its live revision, and every edit that could change one clears that
      cache (cms_pages.signals), so this only bounds how long another process
      keeps an old fragment when there is no shared cache (no CACHE_URL).
      Zero in a preview: a draft is never cached.
    - `fragment_scope`: the rest of the key: language, host, and whether this
      is a preview (so a preview never reads the live page's fragments).
    """
    preview = getattr(request, "is_preview", False)
    return {
        "fragment_seconds": 0 if preview else CHROME_SECONDS,
        "fragment_scope": "|".join(
            (get_language() or "", request.get_host(), "preview" if preview else "")
        ),
    }
