"""A second person is needed to publish: editors submit, a reviewer who did not
write the change approves, notifications go out in Vietnamese."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from cms_pages.models import ProcedurePage
from portal.editorial.roles import EDITORS, REVIEWERS, WORKFLOW_NAME
from tests.catalogue.test_admin import procedure_form
from tests.factories.catalogue import AgencyFactory, SectorFactory
from tests.factories.site import InvestmentGuidePageFactory, InvestmentIndexPageFactory

pytestmark = pytest.mark.django_db


def user_in(group: str, username: str):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.vn", "x", first_name=username.title()
    )
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def people(db):
    return {
        "editor": user_in(EDITORS, "bientap"),
        "reviewer": user_in(REVIEWERS, "duyet1"),
        "other_reviewer": user_in(REVIEWERS, "duyet2"),
    }


@pytest.fixture
def act(client):
    """act(user, method, url, data) as that user."""

    def act(user, url, data=None):
        client.force_login(user)
        return client.post(url, data) if data is not None else client.get(url)

    return act


@pytest.fixture
def add_procedure(site_tree, act):
    """add_procedure(user, action) posts a new procedure with that button
    ("submit", "publish") and returns it."""
    _home, catalogue = site_tree
    url = reverse(
        "wagtailadmin_pages:add", args=("cms_pages", "procedurepage", catalogue.pk)
    )

    def add(user, action: str) -> ProcedurePage:
        data = procedure_form(SectorFactory(), AgencyFactory())
        data[f"action-{action}"] = action
        assert act(user, url, data).status_code in (200, 302)
        return ProcedurePage.objects.get(code="1.999999")

    return add


@pytest.fixture
def submitted(people, add_procedure):
    """A procedure the editor wrote and submitted for review."""
    return add_procedure(people["editor"], "submit")


def refused(response) -> bool:
    """Wagtail turns a refused admin action into a redirect to the dashboard
    with "Sorry, you do not have permission…"."""
    return response.status_code == 302 and response["Location"] == reverse(
        "wagtailadmin_home"
    )


def approve_url(page) -> str:
    state = page.current_workflow_state.current_task_state
    return reverse(
        "wagtailadmin_pages:workflow_action", args=(page.pk, "approve", state.pk)
    )


def test_every_page_of_the_catalogue_and_investment_section_is_reviewed(
    site_tree, home_en
):
    home, catalogue = site_tree
    section = InvestmentIndexPageFactory(parent=home)
    guide = InvestmentGuidePageFactory(parent=section)
    for page in (catalogue, section, guide, home_en):
        assert page.get_workflow().name == WORKFLOW_NAME, page


def test_editors_cannot_publish_directly(people, add_procedure):
    assert not add_procedure(people["editor"], "publish").live


def test_a_second_person_publishes_what_the_editor_submitted(submitted, people, act):
    assert not submitted.live
    task = submitted.current_workflow_task
    assert task.get_actions(submitted, people["editor"]) == []
    assert refused(act(people["editor"], approve_url(submitted), {}))
    assert not ProcedurePage.objects.get(pk=submitted.pk).live
    assert [name for name, *_ in task.get_actions(submitted, people["reviewer"])] == [
        "reject",
        "approve",
        "approve",
    ]
    assert act(people["reviewer"], approve_url(submitted), {}).status_code == 302
    submitted.refresh_from_db()
    assert submitted.live


def test_a_reviewer_who_changed_the_page_cannot_approve_it(submitted, people, act):
    edit = reverse("wagtailadmin_pages:edit", args=(submitted.pk,))
    data = procedure_form(submitted.sector, submitted.agency, result="Giấy phép mới")
    assert act(people["reviewer"], edit, data).status_code == 302
    submitted.refresh_from_db()
    assert (
        submitted.current_workflow_task.get_actions(submitted, people["reviewer"]) == []
    )
    assert refused(act(people["reviewer"], approve_url(submitted), {}))
    assert not ProcedurePage.objects.get(pk=submitted.pk).live
    act(people["other_reviewer"], approve_url(submitted), {})
    page = ProcedurePage.objects.get(pk=submitted.pk)
    assert page.live and page.result == "Giấy phép mới"


def test_a_superuser_cannot_approve_their_own_change(act, superuser, add_procedure):
    page = add_procedure(superuser, "submit")
    assert page.current_workflow_task.get_actions(page, superuser) == []
    assert refused(act(superuser, approve_url(page), {}))
    assert not ProcedurePage.objects.get(pk=page.pk).live


def test_the_review_queue_leaves_out_ones_own_changes(submitted, people):
    task = submitted.current_workflow_task
    assert not task.get_task_states_user_can_moderate(people["editor"]).exists()
    assert task.get_task_states_user_can_moderate(people["reviewer"]).count() == 1


def test_reviewers_are_told_in_vietnamese(site_tree, people, submitted):
    to_reviewers = [m for m in mail.outbox if "duyet1@example.vn" in m.to]
    assert to_reviewers, [m.to for m in mail.outbox]
    message = to_reviewers[0]
    assert "đã được gửi để duyệt" in message.subject
    assert "Xin chào" in message.body


def test_editors_draft_e_forms_and_reviewers_publish_them(people):
    editor, reviewer = people["editor"], people["reviewer"]
    for user in (editor, reviewer):
        assert user.has_perms(["eforms.add_eform", "eforms.change_eform"]), user
    assert not editor.has_perm("eforms.publish_eform")
    assert reviewer.has_perm("eforms.publish_eform")
