"""Questions and answers in the browser: a question asked on a procedure page
reaches the agency's official, is answered and published by the centre, then
shows on the procedure page and in search; the asker is e-mailed and follows
it. Axe checks the asking and reading pages in both languages."""

import io
import re
import time

import pytest
from django.apps import apps
from django.core import mail
from PIL import Image
from playwright.sync_api import Page, expect

from portal.backoffice.migrations import _groups
from portal.questions.models import Question

from .axe import blocking, run_axe

CODE = "1.001193"  # Đăng ký khai sinh (UBND cấp xã), in both languages
UNIQUE = "giấy chứng sinh bị thất lạc ở bệnh viện tuyến huyện"
PASSWORD = "pw-questions-e2e-1"


def png() -> bytes:
    stream = io.BytesIO()
    Image.new("RGB", (40, 30), (30, 120, 30)).save(stream, "PNG")
    return stream.getvalue()


def procedure(language: str = "vi"):
    from cms_pages.models import ProcedurePage

    return ProcedurePage.objects.live().get(code=CODE, locale__language_code=language)


def staff_user(kind: str, agency=None):
    """An official of `agency`, or centre staff, created for this test."""
    from django.contrib.auth import get_user_model

    from portal.backoffice.models import OfficialProfile

    _groups.create_groups(apps, None)
    users = get_user_model().objects
    name = f"e2e-{kind}-{int(time.time() * 1000)}"
    user = users.create_user(name, f"{name}@example.vn", PASSWORD)
    from django.contrib.auth.models import Group

    group = "Cán bộ xử lý hồ sơ" if kind == "official" else "Bộ phận một cửa"
    user.groups.add(Group.objects.get(name=group))
    if agency is not None:
        OfficialProfile.objects.create(user=user, agency=agency)
    return user


def log_in(tab: Page, user) -> None:
    tab.goto("/admin/login/")
    tab.locator("#id_username").fill(user.username)
    tab.locator("#id_password").fill(PASSWORD)
    tab.locator("form button[type=submit]").click()
    expect(tab).to_have_url(re.compile(r"/admin/$"))


def ask_in_browser(page: Page) -> dict[str, str]:
    """From the procedure page: the form, one mistake, then the confirmation."""
    page.goto(procedure().url)
    page.get_by_role("link", name="Hỏi về thủ tục này", exact=True).click()
    expect(page.locator("h1")).to_have_text("Hỏi về thủ tục này")
    expect(page.locator("[name=procedure]")).to_have_value(CODE)
    page.locator("[name=subject]").fill(
        "Mất giấy chứng sinh thì đăng ký khai sinh thế nào?"
    )
    page.locator("[name=body]").fill(f"Con tôi bị mất {UNIQUE}. Tôi phải làm gì?")
    page.locator("[name=attachment]").set_input_files(
        {"name": "anh-giay-to.png", "mimeType": "image/png", "buffer": png()}
    )
    page.locator("[name=asker_name]").fill("Phạm Thị Thu Hà")
    page.locator("[name=asker_phone]").fill("12345")  # a mistake
    page.locator("main form button[type=submit]").last.click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("số điện thoại")
    expect(page.locator(".kept-file")).to_contain_text("anh-giay-to.png")
    expect(page.locator("[name=asker_name]")).to_have_value("Phạm Thị Thu Hà")
    page.locator("[name=asker_phone]").fill("")
    page.locator("[name=asker_email]").fill("thu.ha@example.vn")
    page.get_by_role("button", name="Gửi", exact=True).click()
    expect(page.locator("h1")).to_have_text("Đã gửi câu hỏi")
    return {
        "reference": page.locator(".reference-code").inner_text().strip(),
        "verify": page.locator(".verification-code").inner_text().strip(),
    }


def answer_in_admin(tab: Page, question: Question) -> None:
    tab.goto("/admin/hoi-dap/")
    tab.get_by_role("link", name=question.reference).click()
    expect(tab.locator("main")).to_contain_text("Phạm Thị Thu Hà")
    tab.get_by_role("link", name="Trả lời", exact=True).click()
    editor = tab.locator(".Draftail-Editor [contenteditable=true]")
    expect(editor).to_be_visible()
    editor.click()
    text = "Ông/bà đề nghị bệnh viện cấp lại giấy chứng sinh hoặc làm văn bản cam đoan."
    editor.press_sequentially(text)
    expect(editor).to_contain_text(text)
    # Draftail writes its hidden input a moment after the last key.
    expect(tab.locator("input[name=answer]")).to_have_value(re.compile("cam đoan"))
    tab.locator("main form button[type=submit]").click()
    expect(tab.locator(".messages")).to_contain_text(question.reference)


def publish_in_admin(tab: Page, question: Question) -> None:
    tab.goto(f"/admin/hoi-dap/{question.pk}/thao-tac/moderate/")
    tab.locator("[name=public_body]").fill(f"Con tôi bị mất {UNIQUE}. Tôi phải làm gì?")
    tab.locator("input[name=publish][value=publish]").check()
    tab.locator("main form button[type=submit]").click()
    expect(tab.locator(".messages")).to_contain_text(question.reference)


def test_ask_answer_publish_and_find(page: Page, new_tab):
    mail.outbox.clear()
    codes = ask_in_browser(page)
    question = Question.objects.get(reference=codes["reference"])
    assert question.agency == procedure().agency
    assert question.files.get().original_name == "anh-giay-to.png"
    assert any(codes["verify"] in message.body for message in mail.outbox)

    official = new_tab()
    log_in(official, staff_user("official", question.agency))
    answer_in_admin(official, question)
    question.refresh_from_db()
    assert question.status == "answered" and not question.is_public
    answered = [m for m in mail.outbox if m.to == ["thu.ha@example.vn"]]
    assert any("bệnh viện cấp lại" in m.body for m in answered)

    other_agency = new_tab()
    from cms_pages.models import Agency

    elsewhere = Agency.objects.exclude(pk=question.agency_id).filter(
        locale=question.agency.locale
    )[0]
    log_in(other_agency, staff_user("official", elsewhere))
    other_agency.goto("/admin/hoi-dap/")
    expect(other_agency.locator("main")).not_to_contain_text(question.reference)

    centre = new_tab()
    log_in(centre, staff_user("centre"))
    publish_in_admin(centre, question)

    reader = new_tab()
    reader.goto(procedure().url)
    section = reader.locator(".procedure-questions")
    expect(section).to_contain_text("Mất giấy chứng sinh")
    expect(section).not_to_contain_text("Phạm Thị Thu Hà")
    for _attempt in range(20):  # the index refreshes within a second
        reader.goto(f"/vi/tim-kiem/?q={UNIQUE}")
        if reader.locator(".card__question").count():
            break
        time.sleep(0.5)
    card = reader.locator(".procedure-card").first
    expect(card).to_contain_text("Đăng ký khai sinh")
    expect(card.locator(".card__question")).to_contain_text("Mất giấy chứng sinh")

    # The asker follows it with both codes, given by POST.
    page.goto("/vi/hoi-dap/theo-doi/")
    page.locator("[name=reference]").fill(codes["reference"])
    page.locator("[name=verify]").fill(codes["verify"])
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".answer")).to_contain_text("bệnh viện cấp lại")
    assert codes["verify"] not in page.url


def open_ask(tab: Page, language: str) -> None:
    tab.goto(f"/{language}/hoi-dap/dat-cau-hoi/?procedure={CODE}")


def open_ask_errors(tab: Page, language: str) -> None:
    open_ask(tab, language)
    tab.locator("main form button[type=submit]").last.click()
    expect(tab.locator(".error-summary")).to_be_visible()


def open_index(tab: Page, language: str) -> None:
    tab.goto(f"/{language}/hoi-dap/")


def open_question(tab: Page, language: str) -> None:
    question = Question.objects.public().order_by("pk").first()
    tab.goto(f"/{language}/hoi-dap/{question.pk}/")


def open_procedure(tab: Page, language: str) -> None:
    tab.goto(procedure(language).url)
    tab.locator(".procedure-questions").scroll_into_view_if_needed()


def open_follow(tab: Page, language: str) -> None:
    tab.goto(f"/{language}/hoi-dap/theo-doi/")


PAGES = {
    "ask": open_ask,
    "ask with errors": open_ask_errors,
    "index": open_index,
    "question": open_question,
    "procedure section": open_procedure,
    "follow": open_follow,
}


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("name", list(PAGES))
def test_questions_pages_have_no_serious_axe_violation(
    page: Page, axe_source: str, name: str, language: str
):
    PAGES[name](page, language)
    assert page.locator("html").get_attribute("lang") == language
    problems = blocking(run_axe(page, axe_source))
    assert not problems, f"axe on {name} ({language}):\n" + "\n".join(
        map(str, problems)
    )


def test_mobile_ask_form_fits_the_screen(new_tab):
    tab = new_tab(viewport={"width": 360, "height": 740})
    open_ask(tab, "vi")
    width = tab.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 360
    # Only the chosen topic's field shows once JavaScript runs.
    expect(tab.locator("[name=sector]")).to_be_hidden()
    tab.locator("input[name=topic][value=sector]").check()
    expect(tab.locator("[name=sector]")).to_be_visible()
    expect(tab.locator("[name=procedure]")).to_be_hidden()


def test_demo_questions_are_published_or_stay_hidden(client, demo_site):
    """load_demo: at least ten published answers across several procedures
    and both languages; the unanswered, private and unmoderated ones appear
    on no public page, in the API or in the sitemap. The main menu links to
    the Q&A index in each language."""
    demo = Question.objects.filter(reference__startswith="HD-DEMO-")
    public = demo.filter(pk__in=Question.objects.public())
    assert public.count() >= 10
    assert public.exclude(procedure=None).values("procedure").distinct().count() >= 4
    assert set(public.values_list("language", flat=True)) == {"vi", "en"}
    hidden = list(demo.exclude(pk__in=Question.objects.public()))
    assert {q.status for q in hidden} >= {"received", "answered"}
    assert {q.publication for q in hidden} >= {"pending", "private"}

    api = client.get("/api/questions/", {"page_size": 100}).json()
    listed = {item["id"] for item in api["results"]}
    sitemap = client.get("/sitemap.xml").content.decode()
    for language in ("vi", "en"):
        home = client.get(f"/{language}/").content.decode()
        menu = home[home.index('class="site-nav"') :]
        assert f'href="/{language}/hoi-dap/"' in menu[: menu.index("</nav>")]
    pages = "".join(
        client.get("/vi/hoi-dap/", {"page": n}).content.decode() for n in (1, 2)
    )
    for question in hidden:
        assert question.pk not in listed
        assert f"/hoi-dap/{question.pk}/<" not in sitemap
        assert question.subject not in pages
        assert client.get(f"/vi/hoi-dap/{question.pk}/").status_code == 404
    for question in public:
        assert question.pk in listed
