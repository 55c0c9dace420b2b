"""Filing a dossier online with an upload, through to the receipt, then tracking it."""

import re

from playwright.sync_api import Page, expect

from tests.files import pdf_bytes

from . import key_pages

# A real PDF: the wizard opens uploads with a PDF library.
PDF = pdf_bytes()
APPLICANT = {
    "full_name": "Nguyễn Thị Hồng Nhung",
    "id_number": "001190004567",  # Hà Nội, woman born in 1990
    "birth_date": "27/03/1990",
    "phone": "0912 345 678",
    "email": "nhung@example.vn",
    "address": "Số 12 đường Lê Lợi, phường Trần Phú, tỉnh Quảng Ngãi",
}


def current_step(page: Page) -> str:
    """The wizard step shown, from the body class `page-dossier--<step>`."""
    classes = page.locator("body").get_attribute("class") or ""
    match = re.search(r"page-dossier--(\w+)", classes)
    return match.group(1) if match else ""


def continue_(page: Page) -> None:
    page.locator("form .button-group button[type=submit]").click()
    page.wait_for_load_state("domcontentloaded")


def file_a_dossier(page: Page) -> dict[str, str]:
    """Go from a procedure page through every step; return the receipt's codes."""
    procedure = key_pages.online_procedure("vi")
    page.goto(key_pages.page_url(procedure))
    page.get_by_role("link", name=re.compile("Nộp hồ sơ trực tuyến")).click()
    expect(page.locator("h1")).to_have_text(procedure.name)
    page.locator("main form button[type=submit]").click()

    seen = []
    for _ in range(10):
        step = current_step(page)
        seen.append(step)
        if step == "applicant_type":
            page.locator("input[value=individual]").check()
        elif step == "applicant":
            fill_applicant(page)
        elif step == "documents":
            upload_documents(page)
        elif step == "delivery":
            page.locator("input[name='delivery-receipt_method']").first.check()
            fees = page.locator("input[name='delivery-fee']")
            if fees.count():
                fees.first.check()
        elif step == "check":
            expect(page.locator(".summary-list").first).to_contain_text(
                APPLICANT["full_name"]
            )
        elif step == "declaration":
            page.locator("input[name='declaration-declaration']").check()
            page.locator("input[name='declaration-consent']").check()
            continue_(page)
            break
        else:
            raise AssertionError(f"unexpected page after steps {seen}: {page.url}")
        continue_(page)
    assert "applicant" in seen and "documents" in seen, seen

    expect(page.locator("h1")).to_have_text("Đã nộp hồ sơ")
    code = page.locator(".receipt__code").inner_text().strip()
    verify = page.locator(".receipt__verify").inner_text().strip()
    expect(page.locator("main")).to_contain_text("giay-to.pdf")
    return {"code": code, "verify": verify, "procedure": procedure.code}


def fill_applicant(page: Page) -> None:
    """First send the step empty: the error summary leads to each field."""
    continue_(page)
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    # The summary comes before the form, at the top of the page.
    assert page.evaluate(
        "() => document.querySelector('.error-summary').compareDocumentPosition("
        "document.querySelector('main form')) & Node.DOCUMENT_POSITION_FOLLOWING"
    )
    summary.locator("a").first.click()
    expect(page.locator("[name='applicant-full_name']")).to_be_focused()

    # A wrong value keeps everything else that was typed.
    for name, value in APPLICANT.items():
        page.locator(f"[name='applicant-{name}']").fill(value)
    page.locator("[name='applicant-phone']").fill("12345")
    continue_(page)
    expect(page.locator(".error-summary")).to_contain_text("số điện thoại")
    expect(page.locator("[name='applicant-full_name']")).to_have_value(
        APPLICANT["full_name"]
    )
    page.locator("[name='applicant-phone']").fill(APPLICANT["phone"])


def upload_documents(page: Page) -> None:
    inputs = page.locator("input[type=file]")
    assert inputs.count() >= 1, "the documents step has no upload field"
    for index in range(inputs.count()):
        inputs.nth(index).set_input_files(
            {"name": "giay-to.pdf", "mimeType": "application/pdf", "buffer": PDF}
        )


def test_file_a_dossier_with_an_upload_then_track_it(page: Page):
    receipt = file_a_dossier(page)
    assert re.fullmatch(r"[A-Z0-9.\-]+", receipt["code"]), receipt

    page.goto("/vi/tra-cuu-ho-so/")
    page.locator("[name=code]").fill(receipt["code"].lower())
    page.locator("[name=verify]").fill("WRONG123")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".notice--warning")).to_be_visible()
    expect(page.locator(".tracking")).to_have_count(0)

    page.locator("[name=code]").fill(receipt["code"])
    page.locator("[name=verify]").fill(receipt["verify"])
    page.locator("main form button[type=submit]").click()
    tracking = page.locator(".tracking")
    expect(tracking).to_contain_text(receipt["code"])
    expect(tracking).to_contain_text(receipt["procedure"])
    expect(tracking.locator(".status-banner")).to_be_visible()
    assert tracking.locator(".timeline__item").count() >= 1


def test_tracking_form_shows_an_error_summary(page: Page):
    page.goto("/vi/tra-cuu-ho-so/")
    page.locator("main form button[type=submit]").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary.locator("a")).to_have_count(2)
