"""What follows when the public side of a question changes (published,
unpublished, or its published text edited): its procedure is re-indexed, so
search finds the procedure by the question's words (search/indexing.py reads
the published questions), and the front cache forgets every page that shows
it: the Q&A pages in every language, the procedure page and what lists it,
the search page, the sitemap and the JSON API (portal.frontend_cache).

Both are queued in the transaction of the change (they run after it commits).
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from portal.frontend_cache import front_cache_enabled, page_urls, purge_urls
from portal.http import public_url

from .models import Question


def questions_prefixes() -> set[str]:
    """The absolute prefix of the Q&A pages (index, questions) per language."""
    prefixes = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            prefixes.add(public_url(reverse("questions:index")))
    return prefixes


def public_content_changed(question: Question) -> None:
    """Re-index the procedure and purge the pages that show the question."""
    from search.signals import schedule

    procedure = question.procedure
    if procedure is not None:
        schedule([procedure.translation_key])
    if not front_cache_enabled():
        return
    urls = {public_url(reverse("sitemap"))}
    if procedure is not None:
        urls |= page_urls(procedure)
    purge_urls(urls, subtree=questions_prefixes())
