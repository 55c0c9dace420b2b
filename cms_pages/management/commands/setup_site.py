"""`manage.py setup_site`: the bare site a province starts from.

Production order: `migrate` → `setup_site` → `import_procedures FILE`
(docs/operations.md). Creates, when missing, and never changes what exists:

- the locales (vi, the source language, and en);
- the home page, the procedure catalogue and the investment section, in
  Vietnamese with their English translations;
- the default Site, at the host and port of PUBLIC_BASE_URL;
- the centre's details (Settings → Centre details), empty, to fill in;
- a main menu linking the catalogue, search, dossier tracking, statistics
  and investment pages (search, tracking and statistics are application
  views under every language prefix, so they need no page of their own).

No demo procedures, accounts or dossiers: `load_demo` is for development.
Running it again changes nothing.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page, Site

from cms_pages.models import (
    CentreSettings,
    HomePage,
    InvestmentIndexPage,
    ProcedureIndexPage,
)

# (model, slug, Vietnamese fields, English fields) under the home page.
SECTIONS = [
    (
        ProcedureIndexPage,
        "thu-tuc",
        {"title": "Thủ tục hành chính"},
        {"title": "Administrative procedures"},
    ),
    (InvestmentIndexPage, "dau-tu", {"title": "Đầu tư"}, {"title": "Investment"}),
]
HOME_VI = {
    "title": "Trang chủ",
    "hero_title": "Tra cứu và nộp hồ sơ thủ tục hành chính",
}
HOME_EN = {"title": "Home", "hero_title": "Find and file administrative procedures"}
# Application views the main menu links to: (URL name, Vietnamese, English).
MENU_VIEWS = [
    ("search", "Tìm kiếm", "Search"),
    ("dossiers:track", "Tra cứu hồ sơ", "Track a dossier"),
    ("statistics", "Thống kê", "Statistics"),
]


class Command(BaseCommand):
    help = "Create the bare site (locales, home and index pages in vi and en, centre settings); safe to re-run."

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            vi, en = self.ensure_locales()
            home = self.ensure_home(vi, en)
            sections = [
                self.ensure_child(home, en, model, slug, fields_vi, fields_en)
                for model, slug, fields_vi, fields_en in SECTIONS
            ]
            site = self.ensure_site(home)
            CentreSettings.for_site(site)
            self.ensure_menu(vi, en, sections)
        self.stdout.write(self.style.SUCCESS(f"Site ready at {site.root_url}"))

    def ensure_locales(self) -> tuple[Locale, Locale]:
        vi, _ = Locale.objects.get_or_create(language_code="vi")
        en, _ = Locale.objects.get_or_create(language_code="en")
        return vi, en

    def ensure_home(self, vi: Locale, en: Locale) -> HomePage:
        home = HomePage.objects.filter(locale=vi).order_by("path").first()
        if home is None:
            root = Page.get_first_root_node()
            # Wagtail's initial migration leaves a "Welcome" page of the base
            # type; the site's home replaces it.
            Page.objects.filter(
                depth=2,
                content_type__model="page",
                content_type__app_label="wagtailcore",
            ).delete()
            home = root.add_child(
                instance=HomePage(slug="trang-chu", locale=vi, **HOME_VI)
            )
            home.save_revision().publish()
            self.stdout.write("Created the home page")
        self.ensure_translation(home, en, HOME_EN)
        return home

    def ensure_child(
        self,
        home: HomePage,
        en: Locale,
        model,
        slug: str,
        fields_vi: dict,
        fields_en: dict,
    ) -> Page:
        page = model.objects.child_of(home).first()
        if page is None:
            page = home.add_child(instance=model(slug=slug, **fields_vi))
            page.save_revision().publish()
            self.stdout.write(f"Created {page.title}")
        self.ensure_translation(page, en, fields_en)
        return page

    def ensure_translation(self, page: Page, locale: Locale, fields: dict) -> Page:
        """The page's translation in `locale`, created and published if missing."""
        existing = page.get_translation_or_none(locale)
        if existing is not None:
            return existing
        translated = page.copy_for_translation(locale, copy_parents=True)
        for name, value in fields.items():
            setattr(translated, name, value)
        translated.save_revision().publish()
        self.stdout.write(f"Created {translated.title} ({locale.language_code})")
        return translated

    def ensure_site(self, home: HomePage) -> Site:
        """The default Site serves the home page at PUBLIC_BASE_URL's host."""
        base = urlsplit(settings.PUBLIC_BASE_URL)
        port = base.port or (443 if base.scheme == "https" else 80)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site.objects.create(
                hostname=base.hostname or "localhost",
                port=port,
                root_page=home,
                is_default_site=True,
                site_name=settings.WAGTAIL_SITE_NAME,
            )
            self.stdout.write(f"Created the site {site.root_url}")
        elif site.root_page_id != home.pk:
            site.root_page = home
            site.save()
        return site

    def ensure_menu(self, vi: Locale, en: Locale, sections: list[Page]) -> None:
        """A main menu, unless editors already have one."""
        menu_model = apps.get_model("cms_pages", "NavigationMenu")
        if menu_model.objects.filter(location="header").exists():
            return
        pages = [
            {"type": "link", "value": {"text": "", "page": page.pk, "url": ""}}
            for page in sections
        ]
        menu = menu_model.objects.create(
            location="header",
            title="Menu chính",
            locale=vi,
            links=json.dumps(pages[:1] + self.view_links(0) + pages[1:]),
        )
        english = menu.copy_for_translation(en)
        english.title = "Main menu"
        english.links = json.dumps(pages[:1] + self.view_links(1) + pages[1:])
        english.save()
        self.stdout.write("Created the main menu")

    def view_links(self, language: int) -> list[dict]:
        """Menu links to application views, in Vietnamese (0) or English (1)."""
        code = ("vi", "en")[language]
        links = []
        with translation.override(code):
            for name, *texts in MENU_VIEWS:
                value = {"text": texts[language], "page": None, "url": reverse(name)}
                links.append({"type": "link", "value": value})
        return links
