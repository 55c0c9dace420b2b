"""Published questions in the sitemap: each at its page in the language it
was asked in, on PUBLIC_BASE_URL. Nothing unpublished or unanswered."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import translation

from portal.http import on_public_base

from .models import Question


class QuestionSitemap(Sitemap):
    """Every public question's page (`Question.objects.public()`)."""

    limit = 5000

    def items(self):
        return (
            Question.objects.public()
            .only("pk", "language", "updated_at")
            .order_by("pk")
        )

    def location(self, item: Question) -> str:
        with translation.override(item.language):
            return reverse("questions:detail", args=[item.pk])

    def lastmod(self, item: Question):
        return item.updated_at

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            url["location"] = on_public_base(url["location"])
        return urls
