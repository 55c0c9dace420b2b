"""The English journey end to end: search, the procedure page, filing online,
the receipt and its PDF, then tracking with the verification code POSTed."""

import io
import re

from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.language import (
    MAX_ENGLISH_SHARE,
    main_text,
    vietnamese_share,
    vietnamese_words,
)

from .test_dossier import APPLICANT, continue_, upload_documents
from .test_eforms import fill_address, step_of


def answer_birth_form(page: Page, step: str) -> None:
    """The birth registration's e-form pages (the same questions in English)."""
    if step == "eform-1":
        expect(page.locator("h1")).to_have_text("The child")
        page.locator("[name='eform-1-child_name']").fill("Nguyễn Minh An")
        page.locator("#id_eform-1-child_sex_0").check()
        page.locator("[name='eform-1-child_birth_date']").fill("02/01/2026")
        fill_address(
            page, "eform-1-birth_place", "Phường Ba Đình", "Maternity Hospital"
        )
        page.locator("[name='eform-1-ethnicity']").fill("Kinh")
        page.locator("[name='eform-1-nationality']").fill("Vietnamese")
    elif step == "eform-2":
        page.locator("[name='eform-2-mother__full_name']").fill(APPLICANT["full_name"])
        page.locator("[name='eform-2-mother__birth_date']").fill("27/03/1990")
        page.locator("[name='eform-2-mother__id_number']").fill("001190004567")
        page.locator("#id_eform-2-has_father_1").check()  # No
        fill_address(page, "eform-2-mother_residence", "hoan kiem", "43 Trang Thi")
    elif step == "eform-3-1":
        page.locator("#id_eform-3-1-relation_0").check()


def english_share(page: Page) -> float:
    """Vietnamese share of the page's <main>, leaving out what the page marks
    lang="vi" on purpose (citizens' questions shown as asked)."""
    text = main_text(page.content())
    share = vietnamese_share(text)
    if share > MAX_ENGLISH_SHARE:
        print("Vietnamese words:", vietnamese_words(text))
    return share


def file_in_english(page: Page) -> dict[str, str]:
    """From the procedure page to the receipt, answering every step in English."""
    page.get_by_role("link", name=re.compile("File this dossier online")).click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("main")).to_contain_text("Before you start")
    page.locator("main form button[type=submit]").click()
    for _ in range(14):
        step = step_of(page)
        if step.startswith("eform-"):
            answer_birth_form(page, step)
        elif step == "applicant_type":
            page.locator("input[value=individual]").check()
        elif step == "applicant":
            for name, value in APPLICANT.items():
                page.locator(f"[name='applicant-{name}']").fill(value)
        elif step == "documents":
            assert english_share(page) <= MAX_ENGLISH_SHARE, page.url
            upload_documents(page)
        elif step == "delivery":
            page.locator("input[value=at_centre]").check()
            fees = page.locator("input[name='delivery-fee']")
            if fees.count():
                fees.first.check()
        elif step == "check":
            expect(page.locator("h1")).to_have_text("Check your answers")
        elif step == "declaration":
            page.locator("input[name='declaration-declaration']").check()
            page.locator("input[name='declaration-consent']").check()
            continue_(page)
            break
        continue_(page)
    expect(page.locator("h1")).to_have_text("Dossier submitted")
    return {
        "code": page.locator(".receipt__code").inner_text().strip(),
        "verify": page.locator(".receipt__verify").inner_text().strip(),
    }


def test_english_journey_from_search_to_tracking(page: Page):
    page.goto("/en/")
    box = page.locator("#home-search")
    box.fill("birth registration")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/tim-kiem/\?q=birth"))
    page.locator(".search-results .card a").first.click()
    expect(page.locator("body")).to_have_class(re.compile("page-procedure"))
    expect(page.locator("h1")).to_have_text("Birth registration")
    assert english_share(page) <= MAX_ENGLISH_SHARE

    receipt = file_in_english(page)
    assert english_share(page) <= MAX_ENGLISH_SHARE
    expect(page.locator("main")).to_contain_text("Where")
    pdf_link = page.get_by_role("link", name=re.compile("Download the receipt"))
    response = page.request.get(pdf_link.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    text = " ".join(
        p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages
    )
    assert "Receipt of dossier and appointment for the result" in " ".join(text.split())
    assert "Birth registration" in text and "Biên nhận" not in text

    # Tracking as from another browser (no session): the codes are typed and POSTed.
    page.context.clear_cookies()
    page.goto("/en/tra-cuu-ho-so/")
    page.locator("[name=code]").fill(receipt["code"])
    page.locator("[name=verify]").fill(receipt["verify"])
    page.locator("main form button[type=submit]").click()
    tracking = page.locator(".tracking")
    expect(tracking).to_contain_text(receipt["code"])
    expect(tracking).to_contain_text("Birth registration")
    assert receipt["verify"] not in page.url and "verify" not in page.url
    assert receipt["code"] in page.url
    assert english_share(page) <= MAX_ENGLISH_SHARE


def test_switching_an_untranslated_procedure_leads_to_its_english_entry(page: Page):
    from wagtail.models import Locale

    from cms_pages.models import ProcedurePage

    english = Locale.objects.get(language_code="en")
    untranslated = next(
        p
        for p in ProcedurePage.objects.live().filter(locale__language_code="vi")
        if p.get_translation_or_none(english) is None
    )
    page.goto(untranslated.url)
    page.locator(".language-switcher").get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(rf"/en/.*\?untranslated={untranslated.code}"))
    assert "/en/?untranslated=1" not in page.url
    notice = page.locator(".untranslated-entry")
    expect(notice).to_contain_text(untranslated.code)
    read = notice.get_by_role("link", name=re.compile("Read this procedure"))
    expect(read).to_have_attribute("href", untranslated.url)
