"""The Vietnamese admin is Vietnamese.

Every admin page an editor opens is rendered in Vietnamese and checked for
English left over (see admin_i18n.py): pages without arguments are found in
the URL configuration, object pages (edit, history, usage…) for one page of
every type and one object of every registered listing, so a page type,
snippet or listing added later is checked without touching this file.
"""

import polib
import pytest
import wagtail_factories
from django.apps import apps
from django.conf import settings
from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse
from django.utils import translation
from wagtail.admin.viewsets import viewsets
from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationSource

from portal.editorial.roles import EDITORS, WORKFLOW_NAME
from tests.editorial.admin_i18n import (
    english_left,
    source_messages,
    translated_messages,
)
from tests.editorial.labels import project_labels
from tests.editorial.pages import one_of_each
from tests.factories.backoffice import DossierFactory
from tests.factories.catalogue import AgencyFactory, SectorFactory
from tests.factories.site import AlertBannerFactory, NavigationMenuFactory

pytestmark = pytest.mark.django_db

# Admin URLs that act on GET, need a query, or answer with something else than
# a page a person reads.
SKIP = ("logout", "jsi18n", "autocomplete", "icons", "password_reset", "failwhale")
# Views of an object, tried for one object of every registered listing.
OBJECT_VIEWS = ("edit", "inspect", "history", "usage", "delete", "copy", "unpublish")
PAGE_VIEWS = (
    "edit",
    "history",
    "usage",
    "delete",
    "move",
    "copy",
    "add_subpage",
    "revisions_index",
)
# Form labels Wagtail and wagtail-localize write without gettext, on the
# administrators' screens only (editors have no access): the page field of a
# group's page permissions (a screen-reader label), the workflow's page
# field, the task chooser's type filter (made in the form's __init__), the
# locale synchronisation switch; and the locales listing's results view,
# which the browser never asks for (the listing has no search or filter).
UPSTREAM_ENGLISH = {
    "/admin/groups/": {"Page"},
    "/admin/workflows/add/": {"Page"},
    "/admin/workflows/task_chooser/": {"Task type"},
    "/admin/locales/": {"Enabled", "Locale"},
}


def upstream_english(url: str) -> set[str]:
    """The known upstream English of `url` (see UPSTREAM_ENGLISH)."""
    return set().union(
        *(words for prefix, words in UPSTREAM_ENGLISH.items() if url.startswith(prefix))
    )


# Domain words (dossiers and procedures) that must never translate a Wagtail
# or Django word: the documents library is not "thành phần hồ sơ".
DOMAIN_TERMS = (
    "hồ sơ",
    "thủ tục",
    "đang giải quyết",
    "quá trình xử lý",
    "lĩnh vực",
    "giấy tờ",
    "người nộp",
    "góp ý",
)


def _walk(resolver, prefix="", namespaces=()):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            names = (
                (*namespaces, pattern.namespace) if pattern.namespace else namespaces
            )
            yield from _walk(pattern, prefix + str(pattern.pattern), names)
        elif pattern.name and "<" not in prefix + str(pattern.pattern):
            yield ":".join((*namespaces, pattern.name))


def admin_urls_without_arguments() -> list[str]:
    urls = []
    for name in _walk(get_resolver()):
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        if url.startswith("/admin/") and not any(skip in url for skip in SKIP):
            urls.append(url)
    return urls


def _reverse_or_none(name: str, *args) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def object_urls() -> list[str]:
    """Edit, history… of the first object of every registered listing."""
    urls = []
    for viewset in viewsets.viewsets:
        model = getattr(viewset, "model", None)
        if isinstance(model, str):
            model = apps.get_model(model)
        if model is None or model is Page or not hasattr(viewset, "get_url_name"):
            continue
        instance = model._default_manager.order_by("pk").first()
        if instance is None:
            continue
        for view in OBJECT_VIEWS:
            url = _reverse_or_none(viewset.get_url_name(view), instance.pk)
            if url:
                urls.append(url)
    return urls


def page_urls(pages) -> list[str]:
    """The editor's views of one page of every type, and its add form."""
    urls = []
    for page in pages:
        for view in PAGE_VIEWS:
            url = _reverse_or_none(f"wagtailadmin_pages:{view}", page.pk)
            if url:
                urls.append(url)
        parent = page.get_parent()
        urls.append(
            reverse(
                "wagtailadmin_pages:add",
                args=(page._meta.app_label, page._meta.model_name, parent.pk),
            )
        )
    return urls


def readable_html(response) -> str | None:
    """The HTML a person reads: the page, or the modal a chooser returns as
    JSON; None for redirects and data."""
    kind = response.get("Content-Type", "")
    if response.status_code != 200:
        return None
    if "html" in kind:
        return response.content.decode()
    if "json" in kind:
        data = response.json()
        if isinstance(data, dict) and isinstance(data.get("html"), str):
            return data["html"]
    return None


@pytest.fixture
def content(site_tree, en, home_en, superuser):
    """Something of everything an editor meets, in both languages."""
    pages = one_of_each(site_tree)
    sector = SectorFactory()
    for instance in (
        sector,
        AgencyFactory(),
        AlertBannerFactory(),
        NavigationMenuFactory(),
    ):
        instance.copy_for_translation(en).save()
    DossierFactory(sector=sector)
    wagtail_factories.ImageFactory(title="Bản đồ")
    wagtail_factories.DocumentFactory(title="Mẫu đơn")
    # A page translated with wagtail-localize: its English page opens in the
    # translation editor.
    guide = pages[next(m for m in pages if m.__name__ == "InvestmentGuidePage")]
    source, _created = TranslationSource.get_or_create_from_instance(guide)
    Translation.objects.create(source=source, target_locale=en).save_target()
    return pages


def test_every_admin_page_is_in_vietnamese(admin_client, content):
    english = Page.objects.filter(locale__language_code="en").exclude(depth=1)
    urls = (
        admin_urls_without_arguments()
        + object_urls()
        + page_urls(content.values())
        + page_urls(english)
    )
    labels = project_labels()
    report, opened = {}, 0
    for url in sorted(set(urls)):
        html = readable_html(admin_client.get(url))
        if html is None:
            continue
        opened += 1
        with translation.override("vi"):
            left = english_left(html, labels) - upstream_english(url)
        if left:
            report[url] = sorted(left)
    assert opened > 250, opened
    assert not report, "\n".join(f"{url}: {left}" for url, left in report.items())


def test_project_labels_are_translated():
    """Field and model names, help texts, choices, block and panel labels and
    menu items of the project all have a Vietnamese translation."""
    missing = project_labels()
    assert not missing, "\n".join(sorted(missing))


def test_no_wagtail_word_is_given_a_domain_meaning():
    """Our catalogue may fill in or correct Wagtail's and Django's Vietnamese,
    but never translate one of their words with a dossier or procedure term."""
    ours = []
    for directory in settings.LOCALE_PATHS:
        for po in (directory / "vi" / "LC_MESSAGES").glob("*.po"):
            ours += [
                (entry.msgid, entry.msgstr)
                for entry in polib.pofile(str(po))
                if not entry.msgctxt and entry.msgstr
            ]
    upstream = source_messages(include_project=False)
    wrong = {
        msgid: text
        for msgid, text in ours
        if msgid in upstream
        and any(term in text.lower() for term in DOMAIN_TERMS)
        and not any(term in msgid.lower() for term in ("dossier", "procedure"))
    }
    assert not wrong, "\n".join(f"{k!r} -> {v!r}" for k, v in sorted(wrong.items()))


def test_the_review_workflow_and_roles_are_named_in_vietnamese():
    assert translated_messages()  # catalogues load
    assert all(not name.isascii() for name in (EDITORS, WORKFLOW_NAME)), (
        "group and workflow names are shown as they are"
    )


def test_a_label_left_in_english_is_found():
    """Django names an unlabelled field after itself: "Locale", not "Ngôn ngữ"."""
    with translation.override("vi"):
        assert english_left('<label for="id_locale">Locale</label>') == {"Locale"}
        assert english_left("<th>Language</th><label>Ngôn ngữ</label>") == {"Language"}
        assert english_left("<p>Locale</p><label>Ngôn ngữ</label>") == set()
