"""Template context every public page needs."""

from django.http import HttpRequest

from cms_pages.templatetags.site_tags import CHROME_SECONDS


def fragment_cache(request: HttpRequest) -> dict:
    """`fragment_seconds`: how long `{% cache %}` keeps a rendered fragment in
    the chrome cache (`using="local"`).

    Templates key each fragment on the page and its live revision, and every
    edit that could change one clears that cache (cms_pages.signals), so the
    timeout only bounds how long another process keeps an old fragment when
    there is no shared cache (no CACHE_URL).
    """
    return {"fragment_seconds": CHROME_SECONDS}
