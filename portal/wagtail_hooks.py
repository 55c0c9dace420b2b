"""Wagtail hooks of the project package."""

from django.conf import settings
from django.http import HttpRequest
from wagtail import hooks
from wagtail.models import Page


@hooks.register("before_serve_page")
def mark_page_cacheable(page: Page, request: HttpRequest, serve_args, serve_kwargs):
    """Pages are cacheable by the front cache (portal.cache_control) for
    FRONTEND_CACHE_SECONDS, or their class's `front_cache_seconds` (None: never)."""
    request.front_cache_seconds = getattr(
        page, "front_cache_seconds", settings.FRONTEND_CACHE_SECONDS
    )
