"""Booking a visit in the browser, in both languages: from the procedure page
to the confirmation, then checked in at the counter; the keyboard alone is
enough; the "now serving" board shows a number within 5 seconds of the call;
axe finds nothing serious on the booking pages."""

import re
import time
from collections.abc import Callable
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from playwright.sync_api import Browser, Page, expect

from . import key_pages
from .axe import blocking, run_axe

STAFF = ("e2e-motcua", "e2e-motcua-Pass-2026")
TEXTS = {
    "vi": {"link": "Đặt lịch hẹn", "done": "Đã đặt lịch hẹn", "book": "Đặt lịch"},
    "en": {"link": "Book a visit", "done": "Visit booked", "book": "Book the visit"},
}
PHONES = {"vi": "0912 000 111", "en": "0987 000 222", "keyboard": "0903 000 333"}


def bookable_procedure(language: str):
    """A procedure some counter serves, with a page in `language`."""
    from cms_pages.models import ProcedurePage
    from portal.appointments.queries import bookable_procedures

    for source in bookable_procedures():
        page = (
            ProcedurePage.objects.live()
            .filter(code=source.code, locale__language_code=language)
            .first()
        )
        if page is not None:
            return page
    raise AssertionError(f"the demo has no bookable procedure in {language}")


def book_url(language: str) -> str:
    return f"/{language}/dat-lich/thu-tuc/{bookable_procedure(language).code}/"


def choose_first_time(page: Page) -> None:
    """Pick the first day of the calendar and its first free time."""
    expect(page.locator(".calendar")).to_be_visible()  # the script's calendar
    page.locator(".calendar button[data-date]").first.click()
    expect(page.locator("[data-slot-group] legend")).to_be_focused()
    page.locator("[data-slot-group] input[name=slot]").first.check()


def log_in_as_staff(tab: Page) -> Page:
    """Log `tab` in to the admin as centre staff (a superuser here)."""
    users = get_user_model().objects
    if not users.filter(username=STAFF[0]).exists():
        users.create_superuser(STAFF[0], "motcua@example.vn", STAFF[1])
    tab.goto("/admin/login/")
    tab.locator("#id_username").fill(STAFF[0])
    tab.locator("#id_password").fill(STAFF[1])
    tab.locator("form button[type=submit]").click()
    expect(tab).not_to_have_url(re.compile("/login/"))
    return tab


@pytest.fixture
def staff_tab(new_tab) -> Page:
    """A tab logged in to the admin as centre staff."""
    return log_in_as_staff(new_tab())


@pytest.mark.parametrize("language", key_pages.LANGUAGES)
def test_a_citizen_books_and_is_checked_in(
    page: Page, new_tab, axe_source: str, language: str
):
    from portal.appointments.models import Booking

    text = TEXTS[language]
    procedure = bookable_procedure(language)
    page.goto(key_pages.page_url(procedure))
    page.locator("main").get_by_role("link", name=text["link"]).click()
    expect(page.locator("h1")).to_have_text(procedure.name)
    choose_first_time(page)
    page.locator("#id_name").fill("Trần Thị Mai" if language == "vi" else "Jane Doe")
    page.locator("#id_phone").fill(PHONES[language])
    page.locator("#id_email").fill(f"mai.{language}@example.vn")
    page.get_by_role("button", name=text["book"], exact=True).click()

    expect(page.locator(".panel__title")).to_have_text(text["done"])
    code = page.locator(".panel .booking-code").inner_text().strip()
    assert re.fullmatch(r"LH-[A-Z2-9]{6}", code)
    expect(page.locator(".booking-qr svg")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"\.ics"))).to_be_visible()
    assert not blocking(run_axe(page, axe_source))

    # On the day, at the counter: staff scan the code and check the visitor in
    # (logged in that day: back-office sessions end after 30 idle minutes).
    booking = Booking.objects.get(code=code)
    with time_machine.travel(booking.start + timedelta(minutes=5), tick=True):
        staff_tab = log_in_as_staff(new_tab())
        staff_tab.goto(f"/admin/lich-hen/diem-danh/?code={code}")
        staff_tab.locator("main form[method=post] button[type=submit]").click()
        expect(staff_tab.locator(".messages")).to_contain_text(
            re.compile(r"[A-Z]\d{3}")
        )
    booking.refresh_from_db()
    assert booking.status == "checked_in" and booking.language == language


def test_booking_with_the_keyboard_alone(new_tab):
    tab = new_tab(locale="en-GB")
    tab.goto(book_url("en"))
    for _ in range(80):  # Tab to the first day of the calendar
        tab.keyboard.press("Tab")
        if tab.evaluate(
            "document.activeElement.matches('.calendar button[data-date]')"
        ):
            break
    else:
        raise AssertionError("no day of the calendar can be reached with Tab")
    tab.keyboard.press("Enter")
    expect(tab.locator("[data-slot-group] legend")).to_be_focused()
    tab.keyboard.press("Tab")
    tab.keyboard.press("Space")
    expect(tab.locator("input[name=slot]:checked")).to_have_count(1)
    tab.keyboard.press("Tab")
    tab.keyboard.type("Keyboard User")
    tab.keyboard.press("Tab")
    tab.keyboard.type(PHONES["keyboard"])
    tab.keyboard.press("Tab")
    tab.keyboard.press("Tab")  # past the e-mail address (optional)
    tab.keyboard.press("Enter")
    expect(tab.locator(".panel__title")).to_have_text("Visit booked")


def test_the_board_shows_a_called_number_within_five_seconds(new_tab, staff_tab: Page):
    kiosk = new_tab()
    kiosk.goto("/vi/lay-so/")
    kiosk.locator(".kiosk__button").first.click()
    expect(kiosk.locator(".ticket-number")).to_have_text(re.compile(r"[A-Z]\d{3}"))
    letter = kiosk.locator(".ticket-number").inner_text()[0]

    board = new_tab(viewport={"width": 1920, "height": 1080})
    board.goto("/vi/bang-goi-so/")
    staff_tab.goto("/admin/goi-so/")
    counter = staff_tab.locator("#counter-select option", has_text=f"({letter})").first
    staff_tab.locator("#counter-select").select_option(counter.get_attribute("value"))
    staff_tab.locator("form.bo-card button[type=submit]").click()
    number = counter.inner_text().split()[1]  # "Quầy 4 – … (B)"

    staff_tab.get_by_role("button", name="Gọi số tiếp theo").click()
    called_at = time.monotonic()
    called = staff_tab.locator("[data-current-number]").inner_text().strip()
    assert re.fullmatch(r"[A-Z]\d{3}", called)
    row = board.locator(f".board__item[data-counter='{number}'] .board__number")
    expect(row).to_have_text(called, timeout=5000)
    assert time.monotonic() - called_at < 5
    expect(board.locator(f".board__item[data-counter='{number}']")).to_have_class(
        re.compile("board__item--new")
    )


def open_with_errors(tab: Page, language: str) -> None:
    tab.goto(book_url(language))
    tab.get_by_role("button", name=TEXTS[language]["book"], exact=True).click()
    expect(tab.locator(".error-summary")).to_be_focused()


BOOKING_PAGES: dict[str, Callable[[Page, str], None]] = {
    "book a visit": lambda tab, lang: tab.goto(f"/{lang}/dat-lich/?q=a"),
    "booking page": lambda tab, lang: tab.goto(book_url(lang)),
    "booking errors": open_with_errors,
    "change or cancel": lambda tab, lang: tab.goto(f"/{lang}/dat-lich/quan-ly/"),
    "kiosk": lambda tab, lang: tab.goto(f"/{lang}/lay-so/"),
    "board": lambda tab, lang: tab.goto(f"/{lang}/bang-goi-so/"),
    "statistics": lambda tab, lang: tab.goto(f"/{lang}/thong-ke/"),
}


@pytest.mark.parametrize("language", key_pages.LANGUAGES)
@pytest.mark.parametrize("name", list(BOOKING_PAGES))
def test_booking_pages_have_no_serious_axe_violation(
    page: Page, axe_source: str, name: str, language: str
):
    BOOKING_PAGES[name](page, language)
    assert page.locator("html").get_attribute("lang") == language
    problems = blocking(run_axe(page, axe_source))
    assert not problems, f"axe on {name} ({language}):\n" + "\n".join(
        map(str, problems)
    )


def test_no_inline_scripts_on_the_booking_pages(browser: Browser, demo_site: str):
    """Ready for a CSP with nonces: scripts come from files, no inline handlers."""
    import urllib.request

    for path in (book_url("vi"), "/vi/bang-goi-so/", "/vi/lay-so/", "/vi/dat-lich/"):
        html = urllib.request.urlopen(demo_site + path).read().decode()  # noqa: S310
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path
        assert not re.search(r"\son[a-z]+=", html), path
