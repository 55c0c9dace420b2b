"""Demo for editors: English content as synced wagtail-localize translations,
and one account per editorial role (DEBUG only), with a change waiting for
review so the reviewer's dashboard is not empty."""

from typing import TextIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.snippets.models import get_snippet_models

from cms_pages.models import NewsPage
from demo.dossiers import DEMO_PASSWORD
from portal.editorial.roles import EDITORS, REVIEWERS
from portal.editorial.translations import adopt_all

# username, first name, group
ACCOUNTS = [
    ("bientap", "Biên tập viên (demo)", EDITORS),
    ("nguoiduyet", "Người duyệt (demo)", REVIEWERS),
]


def load_editorial(stdout: TextIO) -> None:
    """Adopt the demo's English pages, banners and menus; add the accounts."""
    english = Locale.objects.get(language_code="en")
    models = [Page] + [
        model for model in get_snippet_models() if issubclass(model, TranslatableMixin)
    ]
    adopted = adopt_all(english, models)
    if adopted:
        stdout.write(f"English content synced with wagtail-localize: {len(adopted)}")
    if settings.DEBUG:
        editor = _accounts(stdout)
        _change_for_review(editor, stdout)


def _accounts(stdout: TextIO):
    """The demo accounts; returns the editor."""
    users = get_user_model().objects
    for username, first_name, group in ACCOUNTS:
        if users.filter(username=username).exists():
            continue
        user = users.create_user(username, f"{username}@example.vn", DEMO_PASSWORD)
        user.first_name = first_name
        user.save()
        user.groups.add(Group.objects.get(name=group))
        stdout.write(f"Demo {group.lower()}: {username} / {DEMO_PASSWORD}.")
    return users.get(username=ACCOUNTS[0][0])


def _change_for_review(editor, stdout: TextIO) -> None:
    """The editor's change to a news item, submitted for review (once)."""
    news = NewsPage.objects.filter(locale=Locale.get_default()).order_by("pk").first()
    if news is None or news.workflow_states.exists():
        return
    news.intro = f"{news.intro} (Bản cập nhật chờ duyệt.)"
    news.save_revision(user=editor)
    news.get_workflow().start(news, editor)
    stdout.write(f"Demo change waiting for review: {news.title}")
