"""The demo's editorial step: English content synced with wagtail-localize,
an account per role and a change waiting for review (DEBUG sites only)."""

import io

import pytest
from django.contrib.auth import get_user_model
from wagtail_localize.models import Translation

from demo.editorial import ACCOUNTS, load_editorial
from portal.editorial.roles import EDITORS, REVIEWERS
from tests.factories.site import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(site_tree):
    home, _catalogue = site_tree
    return NewsPageFactory(parent=NewsIndexPageFactory(parent=home))


def test_accounts_and_a_change_to_review_on_a_debug_site(settings, news, home_en):
    settings.DEBUG = True
    load_editorial(io.StringIO())
    users = get_user_model().objects
    groups = {name: users.get(username=name).groups.get().name for name, *_ in ACCOUNTS}
    assert groups == {"bientap": EDITORS, "nguoiduyet": REVIEWERS}
    state = news.workflow_states.get()
    assert state.status == "in_progress" and state.requested_by.username == "bientap"
    reviewer = users.get(username="nguoiduyet")
    assert state.current_task_state.task.specific.get_actions(news, reviewer)
    # English pages made by copying are now synced translations.
    assert Translation.objects.filter(
        source__object_id=home_en.translation_key
    ).exists()
    load_editorial(io.StringIO())  # idempotent
    assert news.workflow_states.count() == 1


def test_no_accounts_on_a_production_site(settings, news):
    settings.DEBUG = False
    load_editorial(io.StringIO())
    assert not get_user_model().objects.filter(username="bientap").exists()
