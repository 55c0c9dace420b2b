"""The admin speaks Vietnamese to back-office users whatever their browser
says; each user can choose English in Account → Preferences."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from wagtail.admin.menu import admin_menu
from wagtail.users.models import UserProfile

pytestmark = pytest.mark.django_db

ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


def test_the_login_page_is_vietnamese_for_an_english_browser(client):
    html = client.get(reverse("wagtailadmin_login"), **ENGLISH_BROWSER).content.decode()
    assert '<html lang="vi"' in html and "Đăng nhập" in html


def test_a_user_without_a_choice_gets_vietnamese(client, superuser):
    UserProfile.objects.filter(user=superuser).update(preferred_language="")
    client.force_login(superuser)
    html = client.get(reverse("wagtailadmin_home"), **ENGLISH_BROWSER).content.decode()
    assert '<html lang="vi"' in html and "Trang tổng quan" in html


def test_vietnamese_is_offered_and_english_can_be_chosen(client, superuser):
    client.force_login(superuser)
    html = client.get(
        reverse("wagtailadmin_account"), **ENGLISH_BROWSER
    ).content.decode()
    assert '<option value="vi"' in html
    assert '<option value="en"' in html
    UserProfile.objects.filter(user=superuser).update(preferred_language="en")
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert '<html lang="en"' in html and "Dashboard" in html


def test_new_accounts_start_in_vietnamese():
    user = get_user_model().objects.create_user("canbo-moi", "moi@example.vn", "x")
    assert UserProfile.get_for_user(user).preferred_language == "vi"


def menu_labels(request) -> list[str]:
    """Every label of the admin's sidebar menu, submenus included."""
    labels = []

    def walk(items) -> None:
        for item in items:
            labels.append(str(item.label))
            walk(getattr(item, "menu_items", []))

    walk(admin_menu.render_component(request))
    return labels


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_admin_menu_item_has_a_name_of_its_own(rf, superuser, language):
    """Two "Tìm kiếm", two "Giờ làm việc", "Biểu mẫu" beside "Biểu mẫu điện tử"
    left an editor guessing (issue 17)."""
    request = rf.get("/admin/")
    request.user = superuser
    with translation.override(language):
        labels = menu_labels(request)
    assert len(labels) > 15, labels
    assert len(labels) == len(set(labels)), sorted(labels)
    # Not the bare word beside "E-forms" / "Biểu mẫu điện tử".
    assert not {"Forms", "Biểu mẫu"} & set(labels), sorted(labels)
