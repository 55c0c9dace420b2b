"""Search data kept in the database.

- `ProcedureSearchText`: the folded text the database fallback searches, one
  row per procedure and locale (maintained by `indexing.py`).
- `SearchSynonym`: synonym groups editors maintain in the admin; applied at
  query time on both backends (see docs/search.md).
- `SearchQueryLog`, `SearchClick`: what people search for and which results
  they open, counted per day, without personal data.
- `PendingReindex`: procedures whose cluster update failed, retried by
  `search_index update`.
"""

import re

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from search.text import folded, normalise


class ProcedureSearchText(models.Model):
    """A procedure as the database fallback sees it, in one locale.

    `page` is the page whose text is used: the page in `locale`, or the source
    (Vietnamese) page while a translation is missing.
    """

    translation_key = models.UUIDField(db_index=True)
    locale = models.ForeignKey(
        "wagtailcore.Locale", on_delete=models.CASCADE, related_name="+"
    )
    # Nullable only so benchmarks can load synthetic rows without pages.
    page = models.ForeignKey(
        "cms_pages.ProcedurePage",
        on_delete=models.CASCADE,
        related_name="+",
        null=True,
        blank=True,
    )
    code = models.CharField(max_length=32, db_index=True)
    name = models.TextField()
    sort_name = models.CharField(max_length=255, db_index=True)
    sector_slug = models.CharField(max_length=100, db_index=True)
    sector_name = models.CharField(max_length=200)
    agency_slug = models.CharField(max_length=100, db_index=True)
    agency_name = models.CharField(max_length=200)
    level = models.CharField(max_length=16, db_index=True)
    online_service = models.CharField(max_length=16, db_index=True)
    processing_time_days = models.DecimalField(
        max_digits=5, decimal_places=2, null=True
    )
    url = models.CharField(max_length=500, blank=True)
    # Language of the text: "vi" on an English row whose page is not translated.
    text_language = models.CharField(max_length=8, blank=True)
    code_folded = models.CharField(max_length=200)
    # Folded text, space-padded, one line per value. The first four are the
    # main text a result must match; `text_folded` (documents, steps,
    # requirements, body) only adds to the score.
    name_folded = models.TextField()
    keywords_folded = models.TextField(blank=True)
    other_folded = models.TextField(blank=True)  # names in other languages
    summary_folded = models.TextField(blank=True)  # result, sector, agency
    text_folded = models.TextField(blank=True)
    # The main text with its diacritics (search/text.py `exact_lines`): a word
    # typed with diacritics must match as typed ("tầng" is not "tặng").
    main_exact = models.TextField(blank=True)
    highlight_source = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["translation_key", "locale"], name="unique_search_text"
            )
        ]
        verbose_name = _("procedure search text")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class SearchSynonym(index.Indexed, models.Model):
    """A group of words or phrases that mean the same to the people searching.

    "sổ đỏ, giấy chứng nhận quyền sử dụng đất": a search for any of them also
    finds procedures worded with the others. Any language may be mixed.
    """

    terms = models.TextField(
        _("words that mean the same"),
        help_text=_(
            "Comma-separated, e.g. \u201csổ đỏ, giấy chứng nhận quyền sử dụng đất\u201d. "
            "Upper case and diacritics do not matter."
        ),
    )
    note = models.CharField(_("note for editors"), max_length=200, blank=True)

    panels = [FieldPanel("terms"), FieldPanel("note")]
    search_fields = [
        index.SearchField("terms"),
        index.AutocompleteField("terms"),
        # The admin listing searches notes too (search/wagtail_hooks.py).
        index.SearchField("note"),
    ]

    class Meta:
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        ordering = ["terms"]

    def __str__(self) -> str:
        return self.terms

    @property
    def term_list(self) -> list[str]:
        """The group's terms, stripped of blanks and duplicates (by folded form)."""
        seen: dict[str, str] = {}
        for term in re.split(r"[,;\n]", normalise(self.terms)):
            term = term.strip()
            if term and folded(term) and folded(term) not in seen:
                seen[folded(term)] = term
        return list(seen.values())


class SearchQueryLog(models.Model):
    """How often a (normalised) query was searched on one day.

    No IP address, user, session or time of day is stored, and long digit
    runs (phone or ID numbers) and e-mail addresses are masked before saving.
    """

    day = models.DateField(_("day"), db_index=True)
    query = models.CharField(_("search terms"), max_length=200)
    locale = models.CharField(_("language"), max_length=8)
    searches = models.PositiveIntegerField(_("searches"), default=0)
    clicks = models.PositiveIntegerField(_("results opened"), default=0)
    last_result_count = models.PositiveIntegerField(_("results"), default=0)
    zero_results = models.BooleanField(_("found nothing"), default=False, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "query", "locale"], name="unique_query_per_day"
            )
        ]
        ordering = ["-day", "-searches"]
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")

    def __str__(self) -> str:
        return self.query

    @classmethod
    def bump_clicks(cls, day, query: str, locale: str) -> None:
        cls.objects.filter(day=day, query=query, locale=locale).update(
            clicks=models.F("clicks") + 1
        )


class SearchClick(models.Model):
    """How often a procedure was opened from the results of a query, per day.

    Like `SearchQueryLog`, nothing about the person is stored.
    """

    day = models.DateField(_("day"), db_index=True)
    query = models.CharField(_("search terms"), max_length=200)
    locale = models.CharField(_("language"), max_length=8)
    code = models.CharField(_("procedure code"), max_length=32)
    clicks = models.PositiveIntegerField(_("results opened"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "query", "locale", "code"], name="unique_click_per_day"
            )
        ]
        verbose_name = _("opened result")
        verbose_name_plural = _("opened results")

    def __str__(self) -> str:
        return f"{self.query} -> {self.code}"


class PendingReindex(models.Model):
    """A procedure whose search-cluster update has not been applied yet."""

    translation_key = models.UUIDField(unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("pending search update")

    def __str__(self) -> str:
        return str(self.translation_key)
